import { rosterDecider } from '@kundval/domain';
import { StreamFolder } from './stream-state-cache';

/**
 * Streams whose commands are idempotent by what they say, so the Idempotency-Keys in their
 * events are neither kept nor answered. A roster's reservation is a no-op when the same
 * entitlement already holds the place from that day, and its release when the place is already
 * given back; the request's key is answered by the entitlement, which every placement writes.
 * A roster's keys took more memory than its state (some 295 bytes a key against 160 a
 * reservation, so on a national store fewer rosters fit in the cache), and a key answered a
 * retried choice whose place had been given back (after its entitlement append failed) as if
 * the place were still held.
 */
export const KEYLESS_FOLDERS: ReadonlySet<StreamFolder<unknown>> = new Set([
  rosterDecider as StreamFolder<unknown>,
]);
