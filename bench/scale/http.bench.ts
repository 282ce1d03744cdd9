import { join, resolve } from 'node:path';
import { addDays, luhnCheckDigit, stockholmDateOf } from '@kundval/domain';
import { envInt } from '../harness/env';
import { formatCount, formatMs } from '../harness/format';
import { collectGarbage } from '../harness/measure';
import { printResult, runIfMain } from '../harness/standalone';
import { ComparisonRow } from '../harness/suite';
import { copyDir, withTempDir } from '../harness/temp-dir';
import { ApiProcess, cpuTimeMs, startApi } from './api-process';
import { HttpClient, HttpLoadResult, HttpRequestSpec, httpLoad, inParallel } from './http-load';

export interface HttpBenchOptions {
  /** Concurrent keep-alive clients (default 64). */
  clients?: number;
  warmupMs?: number;
  durationMs?: number;
  repeat?: number;
  /**
   * Citizens awaiting a first choice prepared before each repetition (default 12,000: enough for
   * a 6 s run at 2,000 commands/s, the target; a pool that runs out shortens the window, and the
   * notes say so).
   */
  poolSize?: number;
  /**
   * Appends to `dataDir` itself instead of a copy: quicker to start, for comparing builds one
   * after the other; the data set then grows with every run.
   */
  inPlace?: boolean;
  /** Extra node flags for the API process (e.g. `--prof`). */
  nodeArgs?: string[];
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Receives facts a reader needs (sizes, errors, preparation time) for the suite's notes. */
  notes?: string[];
}

/** Targets of issue 9 for both rows. */
const TARGET_RATE = 2000;
const TARGET_P99_MS = 50;

interface Target {
  schemeId: string;
  level: string;
  hourly: boolean;
  providerId: string;
}

interface Entitled {
  citizenId: string;
  entitlementId: string;
  target: Target;
}

interface Scheme {
  schemeId: string;
  status: string;
  paymentModel: string;
  rates: { level: string }[];
}

/**
 * HTTP throughput and latency of the API as a child process on a copy of `dataDir`:
 * register-choice commands and roster queries at N concurrent clients, each against the same
 * clients on `GET /health` on the same server in the same run. The choices and the citizens
 * prepared for them are appended to the copy, so the directory given stays the data set the
 * other rows measure (on the national seed, its own choices once added 1.5M events in a day).
 */
export async function httpRows(
  dataDir: string,
  options: HttpBenchOptions = {},
): Promise<ComparisonRow[]> {
  if (options.inPlace) return measureHttp(dataDir, options);
  return withTempDir('http', async (work) => {
    const copy = join(work, 'data');
    copyDir(resolve(dataDir), copy);
    (options.notes ?? []).push(
      'HTTP rows: on a copy of the data dir, made before the API starts (untimed).',
    );
    return measureHttp(copy, options);
  });
}

async function measureHttp(dataDir: string, options: HttpBenchOptions): Promise<ComparisonRow[]> {
  const clients = options.clients ?? 64;
  const warmupMs = options.warmupMs ?? 1000;
  const durationMs = options.durationMs ?? 5000;
  const repeat = options.repeat ?? 3;
  const poolSize = options.poolSize ?? 12_000;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const notes = options.notes ?? [];

  const api = await startApi({ dataDir, waitForProjections: true, nodeArgs: options.nodeArgs });
  log(`  API pid ${api.pid} ready in ${(api.readyMs / 1000).toFixed(1)} s`);
  const client = new HttpClient(api.url, clients);
  try {
    const caseworker = await signIn(client, 'caseworker');
    const officer = await signIn(client, 'quality_officer');
    const today = stockholmDateOf(new Date());
    const targets = await choosableTargets(client, caseworker, today);
    await makeRoom(
      client,
      caseworker,
      officer,
      targets,
      today,
      Math.ceil((poolSize * repeat) / targets.length) + 10,
    );
    log(`  ${targets.length} rosters (scheme, provider) to choose from`);

    const runs = {
      health: [] as HttpLoadResult[],
      choice: [] as HttpLoadResult[],
      roster: [] as HttpLoadResult[],
    };
    const load = async (
      name: string,
      next: (client: number, iteration: number) => HttpRequestSpec | null,
    ) => {
      const since = ((performance.now() - api.spawnedAt) / 1000).toFixed(1);
      const cpu = cpuTimeMs(api.pid);
      const run = await httpLoad({ url: api.url, clients, warmupMs, durationMs, next });
      // Server CPU per answer (warm-up included): where the time goes when the cores are shared.
      const perAnswer =
        (cpuTimeMs(api.pid) - cpu) / (run.completed * (1 + warmupMs / run.windowMs));
      log(
        `    ${name} (from ${since} s after spawn): ${describe(run)}, ~${formatMs(perAnswer)} ms server CPU per answer`,
      );
      return run;
    };
    const runId = Date.now().toString(36);
    for (let rep = 0; rep < repeat; rep++) {
      const t0 = performance.now();
      const pool = await preparePool(
        client,
        caseworker,
        targets,
        today,
        poolSize,
        `${runId}${rep}`,
      );
      log(
        `  repetition ${rep + 1}: ${pool.length} citizens awaiting a first choice in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      await caughtUp(api);
      collectGarbage();

      runs.health.push(await load('health', () => ({ method: 'GET', path: '/health' })));
      let cursor = 0;
      runs.choice.push(
        await load('register choice', () => {
          const entitled = pool[cursor++];
          return entitled ? choiceRequest(entitled, today, caseworker) : null;
        }),
      );
      await caughtUp(api);
      let query = 0;
      runs.roster.push(
        await load('roster query', () => {
          const target = targets[query++ % targets.length]!;
          return {
            method: 'GET',
            path: `/providers/${target.providerId}/roster?schemeId=${target.schemeId}&date=${today}`,
            headers: caseworker,
          };
        }),
      );
    }

    notes.push(
      `HTTP rows: API as a child process (embedded store) on a data dir of ${formatCount(targets.length)} rosters; ` +
        `${clients} keep-alive clients, each awaiting its answer before the next request; ` +
        `${warmupMs} ms warm-up, ${durationMs} ms window; ${repeat} repetitions; baseline: the same clients on GET /health.`,
      `Register choice: each request is a distinct citizen's first choice (caseworker token), spread round-robin over the rosters; ` +
        `a pool of ${formatCount(poolSize)} citizens with a granted entitlement is prepared over HTTP before each repetition (untimed).`,
    );
    for (const [name, list] of Object.entries(runs)) {
      const errors = list.reduce((sum, run) => sum + run.errors, 0);
      const exhausted = list.filter((run) => run.exhausted).length;
      if (errors > 0)
        notes.push(
          `${name}: ${errors} non-2xx answers, e.g. ${list.flatMap((r) => r.errorSamples)[0]}`,
        );
      if (exhausted > 0)
        notes.push(
          `${name}: the prepared pool ran out in ${exhausted} window(s); measured over the shorter window`,
        );
    }

    const rows = (
      name: string,
      unit: 'commands/s' | 'requests/s',
      ours: HttpLoadResult[],
    ): ComparisonRow[] => [
      {
        name: `${name}, ${clients} clients`,
        unit,
        better: 'higher',
        ours: ours.map((r) => r.throughput),
        baseline: runs.health.map((r) => r.throughput),
        target: TARGET_RATE,
        reference: true,
      },
      {
        name: `${name} p50`,
        unit: 'ms',
        better: 'lower',
        ours: ours.map((r) => r.p50Ms),
        baseline: runs.health.map((r) => r.p50Ms),
        reference: true,
      },
      {
        name: `${name} p99`,
        unit: 'ms',
        better: 'lower',
        ours: ours.map((r) => r.p99Ms),
        baseline: runs.health.map((r) => r.p99Ms),
        target: TARGET_P99_MS,
        reference: true,
      },
    ];
    return [
      ...rows('register choice', 'commands/s', runs.choice),
      ...rows('roster query', 'requests/s', runs.roster),
    ];
  } finally {
    client.close();
    await api.stop();
  }
}

function describe(run: HttpLoadResult): string {
  return `${formatCount(run.throughput)}/s, p50 ${formatMs(run.p50Ms)} ms, p99 ${formatMs(run.p99Ms)} ms, ${run.errors} errors${run.exhausted ? ', pool ran out' : ''}`;
}

async function signIn(client: HttpClient, role: string): Promise<Record<string, string>> {
  const { token } = await client.json<{ token: string }>({
    method: 'POST',
    path: '/auth/dev-token',
    body: { role, subject: `bench-${role}` },
  });
  return { authorization: `Bearer ${token}` };
}

/** Every (scheme, provider) a citizen may choose today, in schemes that are open. */
async function choosableTargets(
  client: HttpClient,
  auth: Record<string, string>,
  today: string,
): Promise<Target[]> {
  const schemes = await client.json<Scheme[]>({ method: 'GET', path: '/schemes', headers: auth });
  const targets: Target[] = [];
  for (const scheme of schemes) {
    if (scheme.status !== 'established' || scheme.rates.length === 0) continue;
    const { providers } = await client.json<{ providers: { providerId: string }[] }>({
      method: 'GET',
      path: `/schemes/${scheme.schemeId}/choosable-providers?date=${today}`,
      headers: auth,
    });
    for (const { providerId } of providers) {
      targets.push({
        schemeId: scheme.schemeId,
        level: scheme.rates[0]!.level,
        hourly: scheme.paymentModel === 'hourly',
        providerId,
      });
    }
  }
  if (targets.length === 0)
    throw new Error('No provider can be chosen today: is the data dir seeded?');
  return targets;
}

/** Raises a roster's capacity where fewer than `needed` places are free, so choices are not refused as full. */
async function makeRoom(
  client: HttpClient,
  reader: Record<string, string>,
  officer: Record<string, string>,
  targets: Target[],
  today: string,
  needed: number,
): Promise<void> {
  await inParallel(targets.length, 16, async (i) => {
    const { schemeId, providerId } = targets[i]!;
    const roster = await client.json<{ capacity: number | null; freePlaces: number | null }>({
      method: 'GET',
      path: `/providers/${providerId}/roster?schemeId=${schemeId}&date=${today}`,
      headers: reader,
    });
    // Free places as the capacity check counts them (the busiest day from today on).
    if (roster.capacity === null || roster.freePlaces! >= needed + 100) return;
    await client.json({
      method: 'PUT',
      path: `/providers/${providerId}/capacity`,
      headers: officer,
      body: { schemeId, ceiling: Math.min(1_000_000, roster.capacity + 2 * needed + 500) },
    });
  });
}

/** Registers `count` new citizens and grants each an entitlement that awaits a first choice. */
async function preparePool(
  client: HttpClient,
  auth: Record<string, string>,
  targets: Target[],
  today: string,
  count: number,
  tag: string,
): Promise<Entitled[]> {
  const first = Math.floor(Math.random() * 1_000_000);
  return inParallel(count, 64, async (i) => {
    const target = targets[i % targets.length]!;
    const { citizenId } = await client.json<{ citizenId: string }>({
      method: 'POST',
      path: '/citizens',
      headers: auth,
      body: { personalNumber: coordinationNumber(first + i) },
    });
    const { entitlementId } = await client.json<{ entitlementId: string }>({
      method: 'POST',
      path: `/citizens/${citizenId}/entitlements`,
      headers: auth,
      body: {
        entitlementId: `bench-${tag}-${i}`,
        schemeId: target.schemeId,
        decisionRef: `bench-${tag}-${i}`,
        level: target.level,
        validFrom: today,
        ...(target.hourly ? { grantedHoursPerMonth: 20 } : {}),
      },
    });
    return { citizenId, entitlementId, target };
  });
}

function choiceRequest(
  entitled: Entitled,
  today: string,
  auth: Record<string, string>,
): HttpRequestSpec {
  return {
    method: 'POST',
    path: `/citizens/${entitled.citizenId}/entitlements/${entitled.entitlementId}/choices`,
    headers: auth,
    body: {
      providerId: entitled.target.providerId,
      effectiveDate: today,
      madeBy: 'caseworker',
      channel: 'caseworker',
    },
  };
}

/**
 * The n-th of 800,000 made-up samordningsnummer (birth day + 60) in the test series 980–999:
 * 40,000 birth dates from 1900 on (to 2009), 20 numbers each. A number registered before yields the same
 * citizen, who still gets a new entitlement, so reruns need no fresh numbers.
 */
export function coordinationNumber(n: number): string {
  const index = n % 800_000;
  const birthDate = addDays('1900-01-01', Math.floor(index / 20));
  const date = `${birthDate.slice(0, 4)}${birthDate.slice(5, 7)}${Number(birthDate.slice(8)) + 60}`;
  const birthNumber = String(980 + (index % 20));
  return `${date}${birthNumber}${luhnCheckDigit(`${date.slice(2)}${birthNumber}`)}`;
}

/** Waits until the read models have applied everything, so one run's backlog is not the next run's load. */
async function caughtUp(api: ApiProcess): Promise<void> {
  const client = new HttpClient(api.url, 1);
  try {
    for (;;) {
      const health = await client.json<{ projections: { lag: number }[] }>({
        method: 'GET',
        path: '/health',
      });
      if (health.projections.every((p) => p.lag === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    client.close();
  }
}

/** `node dist/bench/scale/http.bench.js <dataDir>`: the rows of this file alone, as a table. */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: node dist/bench/scale/http.bench.js <dataDir>');
  const notes: string[] = [];
  const rows = await httpRows(dataDir, {
    clients: envInt('BENCH_HTTP_CLIENTS', 64),
    warmupMs: envInt('BENCH_WARMUP_MS', 1000),
    durationMs: envInt('BENCH_DURATION_MS', 5000),
    repeat: envInt('BENCH_REPEAT', 3),
    poolSize: envInt('BENCH_HTTP_POOL', 12_000),
    inPlace: process.env.BENCH_HTTP_IN_PLACE === '1',
    notes,
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean),
  });
  const result = { baselineName: 'GET /health', rows, sizes: [], notes };
  printResult(result);
}

runIfMain(module, main);
