/**
 * What the writer believes about the stream before appending (optimistic concurrency).
 * - `no_stream`: the stream must not exist yet;
 * - `any`: no check;
 * - `stream_exists`: the stream must have at least one event;
 * - a number: the revision of the stream's last event must be exactly this (revisions start at 0).
 */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

/** The revision of a stream with no events, as reported by errors and reads. */
export const NO_STREAM_REVISION = -1;
