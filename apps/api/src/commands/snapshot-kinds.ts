import { rosterDecider } from '@kundval/domain';
import { ROSTER_STREAM_PREFIX } from '../records/stream-ids';
import { SnapshotKind } from './stream-snapshots';
import { StreamFolder } from './stream-state-cache';

/**
 * The streams worth a snapshot: those that grow without end. A roster gains an event for every
 * placement at its provider (hundreds a year at a large school).
 */
export const SNAPSHOT_KINDS: ReadonlyMap<StreamFolder<unknown>, SnapshotKind> = new Map([
  [
    rosterDecider as StreamFolder<unknown>,
    { name: 'roster', version: 1, every: 50, streamPrefix: ROSTER_STREAM_PREFIX },
  ],
]);
