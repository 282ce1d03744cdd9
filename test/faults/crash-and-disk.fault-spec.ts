import { existsSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { luhnCheckDigit } from '@kundval/domain';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { createApp } from '../../apps/api/src/create-app';
import { bearer } from '../support/tokens';
import {
  call,
  copyDataDir,
  dumpReadModels,
  Json,
  LogRow,
  personalNumber,
  readLog,
  seededTemplate,
  sleep,
  startApi,
  tempDir,
  waitCaughtUp,
} from './support/api-process';

// Faults end to end: the API killed with SIGKILL during a stream of commands and during a payment
// run, a full disk, and a truncated read-model file. Each test works on its own copy of a seeded
// data directory (the Nacka seed, built once and cached in the temp directory).

const caseworker = bearer('caseworker');
const finance = bearer('finance');
const auditor = bearer('auditor');

/** Positions 1..head with no gap: the log has exactly one row per position. */
function expectGapFree(log: LogRow[]) {
  const gaps = log.filter((row, i) => row.position !== i + 1);
  expect(gaps.slice(0, 3)).toEqual([]);
}

/** A clean rebuild of the read models: the data dir copied without them, started, caught up. */
async function rebuiltReadModels(dataDir: string): Promise<Record<string, unknown[]>> {
  const copy = copyDataDir(dataDir, tempDir('rebuild'));
  for (const f of readdirSync(copy)) if (f.startsWith('read-models')) rmSync(join(copy, f));
  const api = await inProcessApi(copy);
  await waitCaughtUp(api.url);
  await api.stop();
  return dumpReadModels(copy);
}

/**
 * The API in the test's own process (already compiled, so it starts in a second or two instead of
 * the child's ten): for the reference runs, which no one kills.
 */
async function inProcessApi(dataDir: string) {
  const app = await createApp({ kind: 'embedded', dataDir }, { logger: false });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { url, stop: () => app.close() };
}

let template: string;

beforeAll(async () => {
  template = await seededTemplate();
}, 120_000);

describe('SIGKILL during a stream of commands', () => {
  it('keeps every acknowledged command, gap-free, and read models equal to a rebuild', async () => {
    const dir = copyDataDir(template, tempDir('kill-commands'));
    const headBefore = readLog(dir).length;
    const api = await startApi(dir);
    const providers = (
      await call(api.url, 'GET', '/schemes/hemtjanst/choosable-providers?date=2030-01-01', auditor)
    ).body.providers as Json[];
    expect(providers.length).toBeGreaterThan(3);

    const acked: { streamId: string; position: number; what: string }[] = [];
    let stop = false;
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const serial = n * 50 + i;
          const birth = `19${30 + (serial % 50)}-0${1 + (serial % 9)}-1${serial % 10}`;
          const citizen = await call(api.url, 'POST', '/citizens', caseworker, {
            personalNumber: personalNumber(birth, 100 + ((serial * 7) % 800)),
            name: `Fault ${n}-${i}`,
          });
          if (citizen.status >= 300) continue;
          const base = `/citizens/${citizen.body.citizenId}/entitlements`;
          const grant = await call(api.url, 'POST', base, caseworker, {
            schemeId: 'hemtjanst',
            decisionRef: `F-${n}-${i}`,
            level: 'home-care-hour',
            grantedHoursPerMonth: 10 + (i % 30),
            validFrom: '2030-01-01',
          });
          if (grant.status >= 300) continue;
          acked.push({ ...grant.body, what: 'grant' } as (typeof acked)[number]);
          const choice = await call(
            api.url,
            'POST',
            `${base}/${grant.body.entitlementId}/choices`,
            caseworker,
            {
              providerId: providers[(n + i) % providers.length].providerId,
              effectiveDate: '2030-01-01',
              madeBy: 'citizen',
              channel: 'web',
            },
          );
          if (choice.status < 300)
            acked.push({ ...choice.body, what: 'choice' } as (typeof acked)[number]);
        } catch {
          return; // The connection died with the process.
        }
      }
    };
    const clients = Array.from({ length: 16 }, (_, n) => client(n));
    // Kill once a good number of commands are acknowledged, in the middle of the traffic.
    const deadline = Date.now() + 20_000;
    while (acked.length < 150 && Date.now() < deadline) await sleep(20);
    await api.kill9();
    stop = true;
    await Promise.all(clients);
    expect(acked.length).toBeGreaterThan(20);

    const restarted = await startApi(dir);
    const log = readLog(dir);
    expectGapFree(log);
    expect(log.length).toBeGreaterThan(headBefore);
    const byPosition = new Map(log.map((row) => [row.position, row]));
    const lost = acked.filter((a) => byPosition.get(a.position)?.stream_id !== a.streamId);
    expect(lost).toEqual([]);

    await waitCaughtUp(restarted.url);
    await restarted.stop();
    expect(dumpReadModels(dir)).toEqual(await rebuiltReadModels(dir));
  }, 60_000);
});

describe('SIGKILL during a payment run', () => {
  const PERIOD = '2014-09';

  /** The run's events per scheme, without the moment it was computed and approved. */
  function paymentEvents(dataDir: string) {
    const rows = readLog(dataDir).filter((row) => row.stream_id.startsWith('payment-run-'));
    return rows
      .map((row) => {
        const { computedAt: _c, approvedOn: _a, ...data } = JSON.parse(row.data) as Json;
        return `${row.stream_id} ${row.revision} ${row.type} ${JSON.stringify(data)}`;
      })
      .sort();
  }

  it('re-approving after the crash gives exactly the clean run, with no duplicate payment', async () => {
    const crashed = copyDataDir(template, tempDir('kill-run'));
    const clean = copyDataDir(template, tempDir('clean-run'));
    const head = readLog(crashed).length;

    const api = await startApi(crashed, { script: join(__dirname, 'support/slow-schemes-api.ts') });
    await waitCaughtUp(api.url);
    const run = call(api.url, 'POST', '/payment-runs', finance, { period: PERIOD }).catch(
      () => null,
    );
    // Kill as soon as the first scheme's run is in the log: the others are still being computed
    // (slowly, in this API process, so the kill lands between schemes on any machine).
    const BetterSqlite = require('better-sqlite3') as typeof Database; // eslint-disable-line @typescript-eslint/no-require-imports
    const db = new BetterSqlite(join(crashed, 'events.sqlite'), { readonly: true });
    const approved = db.prepare(
      "SELECT count(*) AS n FROM events WHERE position > ? AND type = 'PaymentRunApproved'",
    );
    const deadline = Date.now() + 20_000;
    while ((approved.get(head) as { n: number }).n === 0 && Date.now() < deadline) await sleep(2);
    await api.kill9();
    const runsAtKill = (approved.get(head) as { n: number }).n;
    db.close();
    expect(await run).toBeNull(); // The client never got an answer.
    expect(runsAtKill).toBeGreaterThan(0);

    const restarted = await startApi(crashed);
    const again = await call(restarted.url, 'POST', '/payment-runs', finance, { period: PERIOD });
    expect(again.status).toBe(201);
    const repeat = await call(restarted.url, 'POST', '/payment-runs', finance, { period: PERIOD });
    expect(repeat.status).toBe(200);
    await restarted.stop();

    const reference = await inProcessApi(clean);
    const cleanRun = await call(reference.url, 'POST', '/payment-runs', finance, {
      period: PERIOD,
    });
    expect(cleanRun.status).toBe(201);
    await reference.stop();

    const totals = (body: Json) =>
      Object.fromEntries((body.runs as Json[]).map((r) => [r.schemeId, [r.totalOre, r.lineCount]]));
    expect(totals(again.body)).toEqual(totals(cleanRun.body));
    expect(again.body.totalOre).toBe(cleanRun.body.totalOre);
    // Some schemes were approved before the kill, the rest after: both as in the clean run.
    expect((again.body.runs as Json[]).filter((r) => !r.created).length).toBe(runsAtKill);

    const events = paymentEvents(crashed);
    expect(events).toEqual(paymentEvents(clean));
    const payments = readLog(crashed)
      .filter((row) => row.type === 'VoucherPaymentRecorded')
      .map((row) => row.data);
    expect(new Set(payments).size).toBe(payments.length);
    expectGapFree(readLog(crashed));
  }, 60_000);
});

describe('a full disk or a read-only event store', () => {
  let app: INestApplication;
  let url: string;
  const officer = bearer('quality_officer');
  let serial = 0;
  const orgNumber = () => {
    const nine = `55691${String(serial++).padStart(4, '0')}`;
    return `${nine}${luhnCheckDigit(nine)}`;
  };
  const register = () =>
    call(url, 'POST', '/providers', officer, {
      organisationNumber: orgNumber(),
      name: `Disk ${serial} AB`,
      ownership: 'private',
    });

  beforeAll(async () => {
    app = await createApp({ kind: 'embedded', dataDir: tempDir('disk-full') }, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    url = url.replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app?.close());

  it('refuses commands with 503 EVENT_STORE_UNAVAILABLE, writes nothing, recovers', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < 5; i++) expect((await register()).status).toBe(201);
    // Test-only hook: SQLite's own limit on the file's pages, on the store's connection, gives a
    // real SQLITE_FULL from SQLite's pager as a full disk does (root ignores chmod, no mounts).
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);

    let refused: Awaited<ReturnType<typeof register>> | undefined;
    for (let i = 0; i < 500 && !refused; i++) {
      const head = await store.headPosition();
      const reply = await register();
      if (reply.status !== 201) {
        refused = reply;
        expect(await store.headPosition()).toBe(head);
      }
    }
    expect(refused?.status).toBe(503);
    expect(refused?.contentType).toMatch(/^application\/problem\+json/);
    expect(refused?.body).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });
    expect(refused?.body.detail).toMatch(/the disk is full/);

    // A group of concurrent commands while full: all refused, none of them half-written.
    const head = await store.headPosition();
    const group = await Promise.all(Array.from({ length: 20 }, () => register()));
    expect(group.map((r) => r.status)).toEqual(Array(20).fill(503));
    expect(await store.headPosition()).toBe(head);
    const log = await store.readAll();
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1));

    // Space comes back: the same kind of commands succeed again.
    db.pragma('max_page_count = 1073741823');
    const after = await Promise.all(Array.from({ length: 20 }, () => register()));
    expect(after.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(await store.headPosition()).toBeGreaterThan(head);
  }, 60_000);

  it('refuses commands with 503 naming a read-only store, writes nothing, recovers', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    expect((await register()).status).toBe(201);
    // Test-only hook, as above: SQLite refuses every write on the store's connection with
    // SQLITE_READONLY, as it does for a file or directory that has become read-only.
    const db = (store as unknown as { db: Database.Database }).db;
    db.pragma('query_only = ON');
    const head = await store.headPosition();
    const refused = await Promise.all(Array.from({ length: 10 }, () => register()));
    expect(refused.map((r) => r.status)).toEqual(Array(10).fill(503));
    expect(refused[0].body).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE' });
    expect(refused[0].body.detail).toMatch(/read-only/);
    expect(await store.headPosition()).toBe(head);

    db.pragma('query_only = OFF');
    expect((await register()).status).toBe(201);
    const log = await store.readAll();
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1));
  }, 60_000);
});

describe('a truncated read-model file', () => {
  it('is detected at start and rebuilt from the log; queries answer as before', async () => {
    const dir = copyDataDir(template, tempDir('truncated'));
    const first = await startApi(dir);
    await waitCaughtUp(first.url);
    const shares = await call(
      first.url,
      'GET',
      '/dashboards/market-shares?date=2014-10-01',
      auditor,
    );
    expect(shares.status).toBe(200);
    await first.stop();
    const before = dumpReadModels(dir);
    expect(Object.keys(before).length).toBeGreaterThan(2);

    const file = join(dir, 'read-models.sqlite');
    const BetterSqlite = require('better-sqlite3') as typeof Database; // eslint-disable-line @typescript-eslint/no-require-imports
    const checkpoint = new BetterSqlite(file);
    checkpoint.pragma('wal_checkpoint(TRUNCATE)');
    checkpoint.close();
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
    truncateSync(file, Math.floor(statSync(file).size / 3));

    const second = await startApi(dir);
    const health = await waitCaughtUp(second.url);
    expect(health.status).toBe('ok');
    expect(readdirSync(dir).some((f) => f.startsWith('read-models.sqlite.corrupt-'))).toBe(true);
    const again = await call(
      second.url,
      'GET',
      '/dashboards/market-shares?date=2014-10-01',
      auditor,
    );
    expect(again).toEqual(shares);
    await second.stop();
    expect(dumpReadModels(dir)).toEqual(before);
  }, 60_000);
});
