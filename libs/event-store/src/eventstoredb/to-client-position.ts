import { Position, ReadPosition, START } from './client';

/*
 * Positions. EventStoreDB addresses the log by a (commit, prepare) pair of bigints; the port uses
 * one JS number. The port's position is the commit position. For every event written by an
 * ordinary append (all this adapter writes, and all any gRPC client writes), commit == prepare, so
 * resuming from { commit: p, prepare: p } is exact. Caveats: numbers are exact up to 2^53 bytes of
 * log (8 PiB); events from the legacy TCP API's explicit transactions share one commit position, so
 * positions handed out for them are not unique; and a position must come from this store (the
 * server rejects or misreads arbitrary byte offsets).
 */

/** The port's position of an event or an append. */
export function toPortPosition(position: Position): number {
  return Number(position.commit);
}

/** Where to start reading or subscribing for the port's exclusive `after` checkpoint. */
export function toClientPosition(after: number): ReadPosition {
  if (!Number.isSafeInteger(after) || after < 0) {
    throw new RangeError(`A log position must be a non-negative integer, got ${after}`);
  }
  if (after === 0) return START;
  const p = BigInt(after);
  return { commit: p, prepare: p };
}
