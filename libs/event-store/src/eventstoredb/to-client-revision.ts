import { InvalidEventError } from '../errors/invalid-event.error';
import { ExpectedRevision, NO_STREAM_REVISION } from '../port/expected-revision';
import { ReadDirection } from '../port/read';
import {
  ANY,
  AppendExpectedRevision,
  CurrentRevision,
  END,
  NO_STREAM,
  ReadRevision,
  START,
  STREAM_EXISTS,
} from './client';

/** The port's expected revision as the client's: the same four cases, revisions as bigint. */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
  }
  if (!Number.isSafeInteger(expected) || expected < NO_STREAM_REVISION) {
    throw new InvalidEventError(
      `Expected revision must be 'no_stream', 'any', 'stream_exists' or an integer >= -1, got ${String(expected)}`,
    );
  }
  // -1 is how the port spells "no stream" as a number; the server only knows it by name.
  return expected === NO_STREAM_REVISION ? NO_STREAM : BigInt(expected);
}

/** The client's expected revision (as reported in its errors) in the port's terms. */
export function fromClientExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  return typeof expected === 'bigint' ? Number(expected) : expected;
}

/** A stream's current revision as the port reports it: -1 when the stream does not exist. */
export function toPortRevision(current: CurrentRevision): number {
  return current === NO_STREAM ? NO_STREAM_REVISION : Number(current);
}

/**
 * Where a stream read starts, or `undefined` when the port's options select nothing (a backwards
 * read from before the first event).
 */
export function toClientReadRevision(
  direction: ReadDirection,
  fromRevision: number | undefined,
): ReadRevision | undefined {
  if (fromRevision === undefined) return direction === 'backwards' ? END : START;
  if (!Number.isSafeInteger(fromRevision)) {
    throw new RangeError(`fromRevision must be an integer, got ${fromRevision}`);
  }
  if (fromRevision < 0) return direction === 'backwards' ? undefined : START;
  return BigInt(fromRevision);
}
