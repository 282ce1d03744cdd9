/**
 * Issue 9: a monthly payment run over the whole ledger, approved for every established scheme
 * (with an Idempotency-Key, as finance would) and appended durably, within 60 s and 1.5 GB RSS.
 * Standalone: `node dist/bench/scale/payment-run.bench.js <dataDir> <period> [repeat]` prints the
 * table.
 *
 * A run appends to the store, so each repetition approves the same month on a fresh copy of the
 * data directory (`cp --reflink=auto`: instant where the file system shares blocks, a full copy
 * elsewhere); the directory given is never written. Each copy's read models are caught up before
 * its run (a start of the app, seconds when the directory given is up to date), so one copy at a
 * time is on disk: a national data dir is 17 GB, and two did not fit. Copies and start-up are not
 * timed. Each measurement runs in a child process of its own, so its peak RSS (`maxRSS`) is its
 * own.
 *
 * A copy is a new file, which the OS has not cached. A server that has been running has its read
 * models and snapshots in the page cache (every request reads them), so before each measured run
 * the copy's files other than the event log are read through once, untimed. One more run, on a
 * copy not read through (only caught up), shows the first run after the machine starts, with the
 * same targets.
 *
 * Baseline, measured in the same run: one append of as many payment-sized events to a fresh
 * embedded store, durably, in one child: the floor cost of writing a run of that size.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apiNodeFlags } from '../harness/api-node-flags';
import { printResult, runIfMain } from '../harness/standalone';
import { ComparisonRow, SuiteResult } from '../harness/suite';
import { copyDir, withTempDir } from '../harness/temp-dir';
import type { ChildResult } from './payment-run.child';

const CHILD = join(__dirname, 'payment-run.child.js');
const TARGET_S = 60;
const TARGET_MB = 1536;

export async function paymentRunRows(
  dataDir: string,
  options: { period: string; repeat: number },
): Promise<ComparisonRow[]> {
  return withTempDir('payrun', async (work) => {
    const run = (i: string, warm: boolean): ChildResult => {
      const copy = join(work, `run-${i}`);
      copyDir(resolve(dataDir), copy);
      try {
        child(['prime', copy]);
        if (warm) readThroughAllBut(copy, EVENT_LOG);
        return child(['run', copy, options.period]);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    };
    const ours: ChildResult[] = [];
    const floors: ChildResult[] = [];
    for (let i = 0; i < options.repeat; i++) {
      ours.push(run(String(i), true));
      const empty = join(work, `floor-${i}`);
      try {
        floors.push(child(['floor', empty, String(ours[i].events)]));
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    }
    const cold = run('cold', false);
    const events = ours[0]?.events ?? 0;
    return [
      ...timeAndRss(
        [
          `payment run ${options.period}, every scheme, ${events} events appended`,
          'payment run, peak RSS of the process',
        ],
        ours,
        floors,
      ),
      ...timeAndRss(
        [
          'payment run, files not in the page cache (once)',
          'payment run, files not in the page cache: peak RSS',
        ],
        [cold],
        floors,
      ),
    ];
  });
}

/** A time row and a peak-RSS row of the same runs, each against the floor's, with the targets. */
function timeAndRss(
  [timeName, rssName]: [string, string],
  ours: ChildResult[],
  floors: ChildResult[],
): ComparisonRow[] {
  const common = { better: 'lower' as const, reference: true };
  return [
    {
      ...common,
      name: timeName,
      unit: 's',
      ours: ours.map((r) => r.ms / 1000),
      baseline: floors.map((r) => r.ms / 1000),
      target: TARGET_S,
    },
    {
      ...common,
      name: rssName,
      unit: 'MB',
      ours: ours.map((r) => r.maxRssMB),
      baseline: floors.map((r) => r.maxRssMB),
      target: TARGET_MB,
    },
  ];
}

const EVENT_LOG = 'events.sqlite';

/** Reads every file of the directory but those named `skip…` once, into the page cache. */
function readThroughAllBut(dir: string, skip: string): void {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(skip)) continue;
    const fd = openSync(join(dir, name), 'r');
    try {
      while (readSync(fd, buffer, 0, buffer.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

function child(args: string[]): ChildResult {
  const out = execFileSync(process.execPath, [...apiNodeFlags(), CHILD, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ChildResult;
}

async function main(): Promise<void> {
  const [dataDir, period, repeat] = process.argv.slice(2);
  if (!dataDir || !/^\d{4}-\d{2}$/.test(period ?? '')) {
    throw new Error('usage: payment-run.bench.js <dataDir> <period YYYY-MM> [repeat]');
  }
  const rows = await paymentRunRows(dataDir, { period, repeat: Number(repeat ?? 1) });
  const result: SuiteResult = {
    baselineName: 'one append of as many events',
    rows,
    sizes: [`data: ${dataDir}`, `period: ${period}`],
    notes: [],
  };
  printResult(result);
}

runIfMain(module, main);
