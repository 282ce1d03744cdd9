/**
 * Rebuild of every read model from the whole log of an existing store (issue 9: at least 100,000
 * events/s), set against the raw global read of the same log in the same run. The store is only
 * read; each rebuild writes a fresh read-model file in a temp dir, removed afterwards.
 *
 * Standalone: `node dist/bench/scale/rebuild.bench.js <dataDir>` (BENCH_REPEAT, default 3).
 */
import { Logger } from '@nestjs/common';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import {
  closeReadModelDatabase,
  openReadModelDatabase,
} from '../../apps/api/src/projections/read-model-database';
import { placementsProjection } from '../../apps/api/src/projections/read-models/placements.projection';
import { providersProjection } from '../../apps/api/src/projections/read-models/providers.projection';
import { envInt } from '../harness/env';
import { collectGarbage } from '../harness/measure';
import { perSecond } from '../harness/stats';
import { printResult, runIfMain } from '../harness/standalone';
import { ComparisonRow, SuiteResult } from '../harness/suite';
import { withTempDir } from '../harness/temp-dir';

/** Events per call of the raw read: the page size the rebuild reads with. */
const READ_PAGE = 1000;
const TARGET_EVENTS_PER_S = 100_000;

/** Rebuild of all projections vs raw global read of the store in `dataDir`, events/s each. */
export async function rebuildRows(
  dataDir: string,
  options: { repeat: number },
): Promise<ComparisonRow[]> {
  const store = SqliteEventStore.open({ dataDir });
  const rebuild: number[] = [];
  const raw: number[] = [];
  try {
    const events = await store.headPosition();
    for (let i = 0; i < options.repeat; i++) {
      // Alternate which goes first, so neither always gets the warmer page cache.
      const order = i % 2 === 0 ? [rawRead, rebuildAll] : [rebuildAll, rawRead];
      for (const measure of order) {
        collectGarbage();
        const started = performance.now();
        const cpu = process.cpuUsage();
        await measure(store);
        const ms = performance.now() - started;
        const { user, system } = process.cpuUsage(cpu);
        const rate = perSecond(events, ms);
        (measure === rawRead ? raw : rebuild).push(rate);
        // CPU time beside wall time: on a shared machine, wall time well above it means waiting.
        const cpuMs = (user + system) / 1000;
        process.stderr.write(
          `  ${measure.name}: ${Math.round(rate)} events/s, ${Math.round(ms)} ms wall, ${Math.round(cpuMs)} ms CPU\n`,
        );
      }
    }
  } finally {
    await store.close();
  }
  return [
    {
      name: 'rebuild of all projections, whole log',
      unit: 'events/s',
      better: 'higher',
      ours: rebuild,
      baseline: raw,
      target: TARGET_EVENTS_PER_S,
      reference: true,
    },
  ];
}

/** Every event of the log read in pages and deserialised, nothing else: the floor of a rebuild. */
async function rawRead(store: SqliteEventStore): Promise<void> {
  for (let after = 0; ;) {
    const page = await store.readAll({ after, limit: READ_PAGE });
    if (page.length === 0) return;
    after = page[page.length - 1].position;
  }
}

/** Every projection rebuilt into a fresh read-model file, as `kundval rebuild` does. */
async function rebuildAll(store: SqliteEventStore): Promise<void> {
  await withTempDir('rebuild', async (dir) => {
    const db = openReadModelDatabase(dir);
    const runner = new ProjectionRunner(db, store, [providersProjection, placementsProjection]);
    try {
      const [status] = await runner.rebuildAll();
      if (status.lag !== 0) throw new Error(`rebuild ended ${status.lag} events behind the head`);
    } finally {
      await runner.stop();
      await closeReadModelDatabase(db);
    }
  });
}

async function main(dataDir: string | undefined): Promise<void> {
  if (!dataDir) throw new Error('Usage: node dist/bench/scale/rebuild.bench.js <dataDir>');
  Logger.overrideLogger(false);
  const rows = await rebuildRows(dataDir, { repeat: envInt('BENCH_REPEAT', 3) });
  const result: SuiteResult = { baselineName: 'raw read', rows, sizes: [], notes: [] };
  printResult(result);
}

runIfMain(module, () => main(process.argv[2]));
