import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { snapshotAllKinds } from '../commands/snapshot-streams';
import { StreamSnapshots } from '../commands/stream-snapshots';
import { ProjectionRunner } from '../projections/projection-runner';
import { CliCommand } from './cli-command';

/**
 * Writes the long streams' snapshots (rosters) in one pass over the log, and what each approved
 * payment run paid. A running API writes them as it reads and approves; this gives a fresh
 * replica, or a data dir after a change of a snapshot's shape, the snapshots at once instead of
 * a slow first command on every roster and a log read of every run the next month corrects.
 */
export const snapshotCommand: CliCommand = {
  name: 'snapshot',
  usage: 'snapshot',
  summary: "write snapshots of the long streams (rosters) and of runs' paid items from the log",
  async run(app) {
    // Nobody queries this process: following the log would only compete with the pass.
    await app.get(ProjectionRunner).stop();
    const started = Date.now();
    const written = await snapshotAllKinds(
      app.get<EventStore>(EVENT_STORE, { strict: false }),
      app.get(StreamSnapshots),
    );
    for (const [kind, count] of Object.entries(written)) console.log(`${kind}: ${count} snapshots`);
    console.log(`Written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  },
};
