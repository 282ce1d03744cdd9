import Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import { EventStore, ReadAllOptions } from '@kundval/event-store';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { createApp } from '../../apps/api/src/create-app';
import { Projection } from '../../apps/api/src/projections/projection';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { openReadModelDatabase } from '../../apps/api/src/projections/read-model-database';
import { placementsProjection } from '../../apps/api/src/projections/read-models/placements.projection';
import { providersProjection } from '../../apps/api/src/projections/read-models/providers.projection';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { tempDirs } from '../support/temp-dirs';

// A rebuild of every projection reads the log once and feeds them all; it must give exactly what
// rebuilding them one by one, and catching up from nothing, give.

const PROJECTIONS: Projection[] = [providersProjection, placementsProjection];

/** Every table of the current generations, rows in a total order. */
function dump(db: Database.Database, runner: ProjectionRunner): Record<string, unknown[]> {
  const tables: Record<string, unknown[]> = {};
  for (const p of PROJECTIONS) {
    for (const table of Object.keys(p.tables)) {
      const name = runner.table(p.name, table);
      const columns = db.prepare(`PRAGMA table_info(${name})`).all().length;
      const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
      tables[`${p.name}.${table}`] = db.prepare(`SELECT * FROM ${name} ORDER BY ${order}`).all();
    }
  }
  return tables;
}

/** The store, counting how often each position of the log is read. */
function counting(store: EventStore): { store: EventStore; reads: Map<number, number> } {
  const reads = new Map<number, number>();
  const readAll = async (options?: ReadAllOptions) => {
    const events = await store.readAll(options);
    for (const e of events) reads.set(e.position, (reads.get(e.position) ?? 0) + 1);
    return events;
  };
  return { store: Object.assign(Object.create(store) as EventStore, { readAll }), reads };
}

let store: SqliteEventStore;
let head: number;

beforeAll(async () => {
  Logger.overrideLogger(false);
  const dataDir = tempDir();
  const app = await createApp({ kind: 'embedded', dataDir }, { logger: false });
  await seedIfEmpty(app);
  await app.close();
  store = SqliteEventStore.open({ dataDir });
  head = await store.headPosition();
}, 120_000);
afterAll(() => store.close());
// Registered after the store's afterAll: the dirs are removed once the store is closed.
const tempDir = tempDirs('rebuild');

describe('rebuilding every projection', () => {
  it('reads each event once at most and gives what rebuilding each alone gives', async () => {
    const together = openReadModelDatabase(tempDir());
    const { store: counted, reads } = counting(store);
    const all = new ProjectionRunner(together, counted, PROJECTIONS);
    const statuses = await all.rebuildAll();
    expect(statuses.map((s) => [s.name, s.position, s.lag])).toEqual([
      ['providers', head, 0],
      ['placements', head, 0],
    ]);
    expect(reads.size).toBeGreaterThan(1000);
    expect(Math.max(...reads.values())).toBe(1);

    const alone = openReadModelDatabase(tempDir());
    const each = new ProjectionRunner(alone, store, PROJECTIONS);
    for (const p of PROJECTIONS) await each.rebuild(p.name);
    const rebuilt = dump(together, all);
    expect(rebuilt['placements.placements'].length).toBeGreaterThan(1000);
    expect(rebuilt['placements.state'].length).toBeGreaterThan(1000);
    expect(dump(alone, each)).toEqual(rebuilt);

    // And what the live reader gives when it catches up from nothing at start.
    const live = openReadModelDatabase(tempDir());
    const started = new ProjectionRunner(live, store, PROJECTIONS);
    await started.start();
    expect(await started.waitFor(head, 30_000)).toBe(true);
    await started.stop();
    expect(dump(live, started)).toEqual(rebuilt);

    // A second rebuild replaces the first generation with identical tables.
    const before = all.table('placements', 'state');
    await all.rebuildAll();
    expect(all.table('placements', 'state')).not.toBe(before);
    expect(dump(together, all)).toEqual(rebuilt);
    for (const db of [together, alone, live]) db.close();
  }, 60_000);
});
