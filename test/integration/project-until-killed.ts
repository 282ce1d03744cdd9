// Child process for the projection crash test: runs the projection runner on an event store and
// prints "caught-up <position>" once every read model has applied the log up to the head. Given a
// count, it instead freezes inside a batch's transaction after that many events were applied,
// prints "frozen <count>", and waits there to be killed.
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { Projection } from '../../apps/api/src/projections/projection';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { openReadModelDatabase } from '../../apps/api/src/projections/read-model-database';
import { placementsProjection } from '../../apps/api/src/projections/read-models/placements.projection';
import { providersProjection } from '../../apps/api/src/projections/read-models/providers.projection';

const [storeDir, readModelDir, freezeAfter] = process.argv.slice(2);
const freezeAt = freezeAfter ? Number(freezeAfter) : Infinity;
let applied = 0;

const projections: Projection[] = [providersProjection, placementsProjection].map((p) => ({
  ...p,
  apply(context, event) {
    p.apply(context, event);
    if (++applied === freezeAt) {
      process.stdout.write(`frozen ${applied}\n`);
      // Blocks the only thread mid-transaction; the parent kills the process here.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
      process.exit(3);
    }
  },
}));

async function main(): Promise<void> {
  const store = SqliteEventStore.open({ dataDir: storeDir });
  const db = openReadModelDatabase(readModelDir);
  const runner = new ProjectionRunner(db, store, projections);
  await runner.start();
  const head = await store.headPosition();
  if (!(await runner.waitFor(head, 50_000))) throw new Error(`Did not reach ${head}`);
  process.stdout.write(`caught-up ${head}\n`);
  await runner.onApplicationShutdown();
  db.close();
  await store.close();
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
