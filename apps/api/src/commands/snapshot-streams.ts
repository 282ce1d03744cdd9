import { EventStore } from '@kundval/event-store';
import { PAID_ITEMS } from '../records/paid-items-snapshot';
import { fold, RecordLoader, streamPages } from '../records/record-loader';
import { KEYLESS_FOLDERS } from './keyless-folders';
import { SNAPSHOT_KINDS } from './snapshot-kinds';
import { StreamKeys } from './stream-keys';
import { StreamFolder } from './stream-state-cache';
import { SnapshotKind, StreamSnapshot, StreamSnapshots } from './stream-snapshots';

/**
 * Writes a snapshot of every stream of a kind that has at least `kind.every` events, in one pass
 * over the log (a stream read by itself is scattered over the whole file). For a data dir whose
 * snapshots are missing or of an older version: a fresh replica, an upgrade, a seeded ledger.
 * Holds every such stream's state while it reads. Returns how many snapshots it wrote.
 */
export async function snapshotStreams<S>(
  store: EventStore,
  snapshots: StreamSnapshots,
  folder: StreamFolder<S>,
  kind: SnapshotKind,
): Promise<number> {
  const folded = new Map<string, Omit<StreamSnapshot<S>, 'keys'> & { keys: StreamKeys }>();
  for await (const page of streamPages(store, kind.streamPrefix)) {
    for (const [streamId, events] of page) {
      const before = folded.get(streamId);
      const initialState = before ? () => before.state : folder.initialState;
      const state = fold({ ...folder, initialState }, events);
      const last = events[events.length - 1];
      const keys = before?.keys ?? new StreamKeys();
      if (!KEYLESS_FOLDERS.has(folder as StreamFolder<unknown>)) keys.record(events);
      folded.set(streamId, { state, revision: last.revision, eventId: last.id, keys });
    }
  }
  let written = 0;
  for (const [streamId, snapshot] of folded) {
    if (snapshot.revision + 1 < kind.every) continue;
    snapshots.save(kind, streamId, { ...snapshot, keys: snapshot.keys.entries() });
    written++;
  }
  return written;
}

/**
 * The paid-items snapshot of every approved run that has none (or one that no longer matches the
 * log), each read from its stream: how many it wrote.
 */
export async function snapshotPaidItems(records: RecordLoader): Promise<number> {
  let written = 0;
  for (const run of await records.paymentRunHeaders()) {
    if (await records.ensurePaidItemsSnapshot(run.schemeId, run.period)) written++;
  }
  return written;
}

/**
 * {@link snapshotStreams} for every kind that keeps snapshots, and the runs' paid items: how many
 * of each it wrote.
 */
export async function snapshotAllKinds(
  store: EventStore,
  snapshots: StreamSnapshots,
): Promise<Record<string, number>> {
  const written: Record<string, number> = {};
  for (const [folder, kind] of SNAPSHOT_KINDS) {
    written[kind.name] = await snapshotStreams(store, snapshots, folder, kind);
  }
  written[PAID_ITEMS.name] = await snapshotPaidItems(new RecordLoader(store, snapshots));
  return written;
}
