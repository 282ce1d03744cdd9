import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Logger } from '@nestjs/common';
import {
  createDecisionContext,
  entitlementDecider,
  isChoosable,
  providerDecider,
  schemeDecider,
} from '@kundval/domain';
import { RecordedEvent } from '@kundval/event-store';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { CommandExecutor } from '../../apps/api/src/commands/command-executor';
import { Decider, DomainEvent } from '../../apps/api/src/commands/decider';
import { createApp } from '../../apps/api/src/create-app';
import { Projection } from '../../apps/api/src/projections/projection';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { openReadModelDatabase } from '../../apps/api/src/projections/read-model-database';
import { placementsProjection } from '../../apps/api/src/projections/read-models/placements.projection';
import { providersProjection } from '../../apps/api/src/projections/read-models/providers.projection';
import { RecordLoader } from '../../apps/api/src/records/record-loader';
import { ENTITLEMENT_STREAM_PREFIX, streamIds } from '../../apps/api/src/records/stream-ids';
import { upcast } from '../../apps/api/src/records/upcasters/upcast';
import { seedIfEmpty } from '../../apps/api/src/seed/seed-if-empty';
import { tempDirs } from '../support/temp-dirs';

// The projection runner and the read models against real files: rows from realistic events (made
// by the domain's deciders), live updates, stored v1 events, rebuilds, and a projector killed
// with SIGKILL in the middle of catching up, which must resume to exactly a clean rebuild.

const PROJECTIONS: Projection[] = [providersProjection, placementsProjection];
const tempDir = tempDirs('projections');
const register = join(__dirname, '../support/register-ts.js');

type Rows = Record<string, unknown>[];
/** Read-model tables by logical name (`providers.authorisations`), rows in a total order. */
type Dump = Record<string, Rows>;

/** Every row of a table, ordered by all its columns. */
function rowsOf(db: Database.Database, table: string): Rows {
  const columns = db.prepare(`PRAGMA table_info(${table})`).all().length;
  const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
  return db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Rows;
}

/** The read models of the current generations, as queries see them. */
function dump(db: Database.Database, runner: ProjectionRunner, projections = PROJECTIONS): Dump {
  const tables: Dump = {};
  for (const p of projections) {
    for (const table of Object.keys(p.tables))
      tables[`${p.name}.${table}`] = rowsOf(db, runner.table(p.name, table));
  }
  return tables;
}

/** The read models that applying `events` one by one to empty tables gives (the reference). */
function replayed(events: RecordedEvent[], projections = PROJECTIONS): Dump {
  const db = new Database(':memory:');
  const tables: Dump = {};
  for (const p of projections) {
    const table = (name: string) => `${p.name}__${name}`;
    for (const [name, columns] of Object.entries(p.tables))
      db.exec(`CREATE TABLE ${table(name)} (${columns})`);
    for (const event of events) if (p.handles(event)) p.apply({ db, table }, upcast(event));
    for (const name of Object.keys(p.tables)) tables[`${p.name}.${name}`] = rowsOf(db, table(name));
  }
  db.close();
  return tables;
}

const checkpoint = (db: Database.Database, name: string) =>
  db.prepare('SELECT generation, position FROM projection_state WHERE name = ?').get(name) as
    { generation: number; position: number } | undefined;

// ---- Writing realistic events: the real deciders through the real command executor -----------

const META = {
  correlationId: 'projection-test',
  actor: 'test',
  role: 'caseworker',
  channel: 'api',
};

function ledger(store: SqliteEventStore) {
  const executor = new CommandExecutor(store);
  const records = new RecordLoader(store);
  return {
    records,
    /** Decides `command` on `date` (Stockholm noon) against the stream and appends the events. */
    run<C, E extends DomainEvent, S>(
      decider: Decider<C, E, S>,
      streamId: string,
      command: C,
      date: string,
    ) {
      const context = createDecisionContext(new Date(`${date}T10:00:00Z`));
      return executor.execute(decider, streamId, command, META, { context });
    },
  };
}

const SCHEME = 'hemtjanst';
const ANNA = 'annas-omsorg';
const KOMMUNEN = 'kommunens-hemtjanst';

/** A home-care scheme with two providers under contract; one gives notice to withdraw. */
async function writeProviders(store: SqliteEventStore): Promise<void> {
  const { run, records } = ledger(store);
  await run(
    schemeDecider,
    streamIds.scheme(SCHEME),
    {
      type: 'EstablishScheme',
      data: {
        schemeId: SCHEME,
        name: 'Hemtjänst',
        legalBasis: 'lov',
        paymentModel: 'hourly',
        startDate: '2024-02-01',
      },
    },
    '2024-01-10',
  );
  const scheme = await records.scheme(SCHEME);
  const providers = [
    { providerId: ANNA, name: 'Annas Omsorg AB', ownership: 'private', org: '556036-0793' },
    { providerId: KOMMUNEN, name: 'Nacka kommun', ownership: 'municipal', org: '212000-0142' },
  ] as const;
  for (const { providerId, name, ownership, org } of providers) {
    const stream = streamIds.provider(providerId);
    const data = { providerId, schemeId: SCHEME, scheme };
    await run(
      providerDecider,
      stream,
      {
        type: 'RegisterProvider',
        data: { providerId, organisationNumber: org, name, ownership },
      },
      '2024-01-15',
    );
    await run(
      providerDecider,
      stream,
      {
        type: 'ApplyForAuthorisation',
        data: { ...data, applicationId: 'ansokan-1', evidence: [], conditions: [] },
      },
      '2024-01-15',
    );
    await run(
      providerDecider,
      stream,
      { type: 'GrantAuthorisation', data: { ...data, applicationId: 'ansokan-1' } },
      '2024-01-20',
    );
    await run(
      providerDecider,
      stream,
      { type: 'SignContract', data: { ...data, contractId: `avtal-${providerId}` } },
      '2024-01-22',
    );
  }
  await run(
    providerDecider,
    streamIds.provider(ANNA),
    { type: 'DeclareCapacity', data: { providerId: ANNA, schemeId: SCHEME, ceiling: 12 } },
    '2024-01-22',
  );
}

/** Citizen c-1 chooses Anna, switches to the municipality, and moves away; c-2 never chooses. */
async function writeCitizens(store: SqliteEventStore): Promise<void> {
  const { run, records } = ledger(store);
  const scheme = await records.scheme(SCHEME);
  const grant = (citizenId: string, entitlementId: string, extra: object, date: string) =>
    run(
      entitlementDecider,
      streamIds.entitlement(citizenId, entitlementId),
      {
        type: 'GrantEntitlement',
        data: {
          entitlementId,
          citizenId,
          schemeId: SCHEME,
          decisionRef: `SOC-${entitlementId}`,
          level: 'care-1',
          grantedHoursPerMonth: 24,
          validFrom: '2024-02-01',
          scheme,
          ...extra,
        },
      },
      date,
    );
  const choose = async (providerId: string, effectiveDate: string, date: string) =>
    run(
      entitlementDecider,
      streamIds.entitlement('c-1', 'e-1'),
      {
        type: 'RegisterChoice',
        data: {
          entitlementId: 'e-1',
          providerId,
          effectiveDate,
          madeBy: 'citizen',
          channel: 'web',
          actorRole: 'citizen',
          switchNoticeDays: 14,
          choosability: isChoosable(await records.provider(providerId), scheme, effectiveDate),
        },
      },
      date,
    );
  await grant('c-1', 'e-1', {}, '2024-01-25');
  await choose(ANNA, '2024-02-01', '2024-01-26');
  await grant(
    'c-2',
    'e-2',
    { validFrom: '2024-03-01', choiceDeadline: '2024-03-15' },
    '2024-02-20',
  );
  await choose(KOMMUNEN, '2024-04-01', '2024-03-05');
  await run(
    providerDecider,
    streamIds.provider(KOMMUNEN),
    {
      type: 'NotifyWithdrawal',
      data: { providerId: KOMMUNEN, schemeId: SCHEME, effectiveDate: '2024-09-01', scheme },
    },
    '2024-05-02',
  );
  await run(
    entitlementDecider,
    streamIds.entitlement('c-1', 'e-1'),
    {
      type: 'EndEntitlement',
      data: { entitlementId: 'e-1', endDate: '2024-06-30', reason: 'Flytt' },
    },
    '2024-06-03',
  );
  // Last in the log: an event neither projection reads, which still moves their checkpoints.
  await run(
    schemeDecider,
    streamIds.scheme(SCHEME),
    {
      type: 'ScheduleRate',
      data: { schemeId: SCHEME, level: 'care-1', amountOre: 45_000, effectiveDate: '2024-07-01' },
    },
    '2024-06-03',
  );
}

// ---- Tests ---------------------------------------------------------------------------------

// The runner logs rebuilds; the assertions say what happened.
beforeAll(() => Logger.overrideLogger(false));

/** Entitlement rows, and those whose rowid is not their state row's. */
function unmatchedEntitlementRows(db: Database.Database, runner: ProjectionRunner) {
  const entitlements = runner.table('placements', 'entitlements');
  const state = runner.table('placements', 'state');
  return db
    .prepare(
      `SELECT count(*) AS rows, count(*) - count(s.stream_id) AS unmatched
       FROM ${entitlements} e LEFT JOIN ${state} s ON s.rowid = e.rowid
         AND s.stream_id = '${ENTITLEMENT_STREAM_PREFIX}' || e.citizen_id || '/' || e.entitlement_id`,
    )
    .get() as { rows: number; unmatched: number };
}

describe('read models fed with domain events', () => {
  let store: SqliteEventStore;
  let db: Database.Database;
  let runner: ProjectionRunner;

  beforeAll(async () => {
    const dataDir = tempDir();
    store = SqliteEventStore.open({ dataDir });
    db = openReadModelDatabase(dataDir);
    runner = new ProjectionRunner(db, store, PROJECTIONS);
    // Half the history is there before the runner starts (catch-up), half comes live.
    await writeProviders(store);
    await runner.start();
    await writeCitizens(store);
    expect(await runner.waitFor(await store.headPosition(), 10_000)).toBe(true);
  });
  afterAll(async () => {
    await runner.onApplicationShutdown();
    db.close();
    await store.close();
  });

  it('lists the providers and their standing in each scheme', () => {
    const tables = dump(db, runner);
    expect(tables['providers.providers']).toEqual([
      { provider_id: ANNA, name: 'Annas Omsorg AB', ownership: 'private' },
      { provider_id: KOMMUNEN, name: 'Nacka kommun', ownership: 'municipal' },
    ]);
    expect(tables['providers.authorisations']).toEqual([
      {
        provider_id: ANNA,
        scheme_id: SCHEME,
        status: 'authorised',
        capacity: 12,
        leaves_on: null,
        warnings: 0,
      },
      {
        provider_id: KOMMUNEN,
        scheme_id: SCHEME,
        status: 'withdrawn',
        capacity: null,
        leaves_on: '2024-09-01',
        warnings: 0,
      },
    ]);
  });

  it('dates each placement, a switch ending the first the day before, the end ending all', () => {
    const tables = dump(db, runner);
    expect(tables['placements.entitlements']).toEqual([
      {
        entitlement_id: 'e-1',
        citizen_id: 'c-1',
        scheme_id: SCHEME,
        valid_from: '2024-02-01',
        last_day: '2024-06-30',
        choice_deadline: null,
        placed: 1,
      },
      {
        entitlement_id: 'e-2',
        citizen_id: 'c-2',
        scheme_id: SCHEME,
        valid_from: '2024-03-01',
        last_day: null,
        choice_deadline: '2024-03-15',
        placed: 0,
      },
    ]);
    const placement = { entitlement_id: 'e-1', citizen_id: 'c-1', scheme_id: SCHEME };
    expect(tables['placements.placements']).toEqual([
      {
        ...placement,
        provider_id: ANNA,
        from_date: '2024-02-01',
        to_date: '2024-03-31',
        kind: 'first_choice',
      },
      {
        ...placement,
        provider_id: KOMMUNEN,
        from_date: '2024-04-01',
        to_date: '2024-06-30',
        kind: 'switch',
      },
    ]);
  });

  it('keeps the stored state equal to folding each stream with the domain', async () => {
    const { records } = ledger(store);
    const states = Object.fromEntries(
      (dump(db, runner)['providers.state'] as { stream_id: string; state: string }[]).map((row) => [
        row.stream_id,
        JSON.parse(row.state),
      ]),
    );
    expect(states).toEqual({
      [streamIds.provider(ANNA)]: await records.provider(ANNA),
      [streamIds.provider(KOMMUNEN)]: await records.provider(KOMMUNEN),
    });
  });

  it("gives each entitlement's row the rowid of its state's row (payment runs read by it)", () => {
    expect(unmatchedEntitlementRows(db, runner)).toEqual({ rows: 2, unmatched: 0 });
  });

  it('moves every checkpoint to the head, past events no projection reads', async () => {
    const head = await store.headPosition();
    const [last] = await store.readAll({ after: head - 1 });
    expect(PROJECTIONS.some((p) => p.handles(last))).toBe(false);
    expect(await runner.status()).toEqual(
      PROJECTIONS.map(({ name, version }) => ({
        name,
        version,
        position: head,
        lag: 0,
        rebuilding: false,
      })),
    );
  });

  it('following the log, reaches a position among events no projection reads', async () => {
    // A payment run's events: more than a page of them, none of them read by a projection.
    const payments = Array.from({ length: 1500 }, (_, n) => ({
      id: randomUUID(),
      type: 'PaymentRecorded',
      data: { n },
    }));
    const { position } = await store.append('payment-run-test-2014-10', payments);
    expect(await runner.waitFor(position, 5_000)).toBe(true);
    expect((await runner.status()).map((s) => s.lag)).toEqual(PROJECTIONS.map(() => 0));
  });

  it('projects a stored v1 CapacityDeclared ({capacity}) as the current ceiling', async () => {
    const [last] = await store.readStream(streamIds.provider(ANNA), { direction: 'backwards' });
    const { position } = await store.append(
      streamIds.provider(ANNA),
      [
        {
          id: randomUUID(),
          type: 'CapacityDeclared',
          data: { providerId: ANNA, schemeId: SCHEME, capacity: 7 },
          metadata: { ...META, schemaVersion: 1 },
        },
      ],
      { expectedRevision: last.revision },
    );
    expect(await runner.waitFor(position, 5_000)).toBe(true);
    expect(rowsOf(db, runner.table('providers', 'authorisations'))).toContainEqual(
      expect.objectContaining({ provider_id: ANNA, capacity: 7 }),
    );
    const provider = await ledger(store).records.provider(ANNA);
    expect(provider.status === 'registered' && provider.schemes[SCHEME].capacity).toBe(7);
  });

  it('rebuilds into a new generation of identical tables, the old ones dropped', async () => {
    const before = dump(db, runner);
    const oldTable = runner.table('placements', 'placements');
    const status = await runner.rebuildAll();
    expect(status.map((s) => [s.name, s.lag, s.rebuilding])).toEqual([
      ['providers', 0, false],
      ['placements', 0, false],
    ]);
    expect(runner.table('placements', 'placements')).not.toBe(oldTable);
    expect(dump(db, runner)).toEqual(before);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all();
    expect(tables).not.toContainEqual({ name: oldTable });
    // And the tables are what applying the whole log from nothing gives.
    expect(dump(db, runner)).toEqual(replayed(await store.readAll()));
    expect(unmatchedEntitlementRows(db, runner).unmatched).toBe(0);
  });

  it('rebuilds a projection whose version changed when it starts', async () => {
    await runner.onApplicationShutdown();
    const before = dump(db, runner);
    const bumped = PROJECTIONS.map((p) =>
      p.name === 'placements' ? { ...p, version: p.version + 1 } : p,
    );
    const oldTable = runner.table('placements', 'placements');
    runner = new ProjectionRunner(db, store, bumped);
    await runner.start();
    expect(await runner.waitFor(await store.headPosition(), 5_000)).toBe(true);
    expect(runner.table('placements', 'placements')).not.toBe(oldTable);
    expect(runner.table('providers', 'providers')).toBe(
      new ProjectionRunner(db, store, PROJECTIONS).table('providers', 'providers'),
    );
    expect(dump(db, runner, bumped)).toEqual(before);
  });

  it('makes an index added to a projection at start, on the tables it has, without a rebuild', async () => {
    await runner.onApplicationShutdown();
    const table = runner.table('providers', 'providers');
    const indexed = PROJECTIONS.map((p) =>
      p.name === 'providers'
        ? {
            ...p,
            indexes: {
              ...p.indexes,
              providers: ['CREATE INDEX IF NOT EXISTS {table}_by_name ON {table} (name)'],
            },
          }
        : p,
    );
    runner = new ProjectionRunner(db, store, indexed);
    await runner.start();
    expect(runner.table('providers', 'providers')).toBe(table);
    const index = db
      .prepare(`SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name = ?`)
      .get(`${table}_by_name`);
    expect(index).toEqual({ tbl_name: table });
  });
});

describe('upcasting stored events', () => {
  const recorded = (data: object, schemaVersion: number): RecordedEvent => ({
    id: randomUUID(),
    type: 'CapacityDeclared',
    streamId: streamIds.provider(ANNA),
    revision: 4,
    position: 10,
    data,
    metadata: { schemaVersion },
    recordedAt: '2025-03-10T23:30:00.000Z',
  });

  it('turns a v1 CapacityDeclared into v2, dated on the Stockholm day it was recorded', () => {
    const v1 = recorded({ providerId: ANNA, schemeId: SCHEME, capacity: 7 }, 1);
    expect(upcast(v1)).toEqual({
      ...v1,
      data: { providerId: ANNA, schemeId: SCHEME, ceiling: 7, declaredOn: '2025-03-11' },
      metadata: { schemaVersion: 2 },
    });
  });

  it('leaves current events as they are', () => {
    const v2 = recorded(
      { providerId: ANNA, schemeId: SCHEME, ceiling: null, declaredOn: '2025-03-10' },
      2,
    );
    expect(upcast(v2)).toBe(v2);
  });
});

describe('a projector killed with SIGKILL mid-catch-up', () => {
  let storeDir: string;
  let events: RecordedEvent[];

  beforeAll(async () => {
    // Thousands of realistic events: the Nacka seed, written through the real commands.
    storeDir = tempDir();
    const app = await createApp({ kind: 'embedded', dataDir: storeDir }, { logger: false });
    await seedIfEmpty(app);
    await app.close();
    const store = SqliteEventStore.open({ dataDir: storeDir });
    events = await store.readAll();
    await store.close();
    expect(events.length).toBeGreaterThan(3000);
  }, 60_000);

  /** Runs the projector child on the seeded store; with `freezeAfter`, kills it mid-batch. */
  async function project(readModelDir: string, freezeAfter?: number): Promise<string> {
    const args = [join(__dirname, 'project-until-killed.ts'), storeDir, readModelDir];
    const child = spawn(process.execPath, [
      '-r',
      register,
      ...args,
      ...(freezeAfter ? [String(freezeAfter)] : []),
    ]);
    let output = '';
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('frozen')) child.kill('SIGKILL');
    });
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('exit', (c, s) => resolve([c, s])),
    );
    expect({ code, signal }).toEqual(
      freezeAfter ? { code: null, signal: 'SIGKILL' } : { code: 0, signal: null },
    );
    return output.trim();
  }

  /** Each projection's tables are exactly the log applied up to its checkpoint: never more, never less. */
  function expectRowsMatchCheckpoints(readModelDir: string): number[] {
    const db = openReadModelDatabase(readModelDir);
    const positions = PROJECTIONS.map((p) => {
      const state = checkpoint(db, p.name);
      const position = state?.position ?? 0;
      const runner = new ProjectionRunner(db, null!, PROJECTIONS);
      const actual = state ? dump(db, runner, [p]) : replayed([], [p]);
      expect(actual).toEqual(
        replayed(
          events.filter((e) => e.position <= position),
          [p],
        ),
      );
      return position;
    });
    db.close();
    return positions;
  }

  it('resumes from its checkpoints to read models identical to a clean rebuild', async () => {
    const head = events[events.length - 1].position;
    const readModelDir = tempDir();

    // Killed twice inside a batch's transaction, each time somewhere in the middle of the log.
    expect(await project(readModelDir, 2500)).toBe('frozen 2500');
    const first = expectRowsMatchCheckpoints(readModelDir);
    expect(Math.min(...first)).toBeLessThan(head);
    expect(await project(readModelDir, 2500)).toBe('frozen 2500');
    const second = expectRowsMatchCheckpoints(readModelDir);
    expect(Math.min(...second)).toBeLessThan(head);
    expect(Math.max(...second)).toBeGreaterThan(Math.max(...first));

    // The third run catches up.
    expect(await project(readModelDir)).toBe(`caught-up ${head}`);
    expect(expectRowsMatchCheckpoints(readModelDir)).toEqual([head, head]);

    // A clean rebuild in a separate data directory, in this process.
    const store = SqliteEventStore.open({ dataDir: storeDir });
    const cleanDb = openReadModelDatabase(tempDir());
    const clean = new ProjectionRunner(cleanDb, store, PROJECTIONS);
    await clean.start();
    expect(await clean.waitFor(head, 20_000)).toBe(true);
    await clean.onApplicationShutdown();

    const resumedDb = openReadModelDatabase(readModelDir);
    const resumed = dump(resumedDb, new ProjectionRunner(resumedDb, store, PROJECTIONS));
    const rebuilt = dump(cleanDb, clean);
    expect(rebuilt['placements.placements'].length).toBeGreaterThan(1000);
    expect(rebuilt['providers.authorisations'].length).toBeGreaterThan(100);
    expect(resumed).toEqual(rebuilt);
    resumedDb.close();
    cleanDb.close();
    await store.close();
  }, 60_000);
});
