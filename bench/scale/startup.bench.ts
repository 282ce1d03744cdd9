import { envInt } from '../harness/env';
import { collectGarbage } from '../harness/measure';
import { printResult, runIfMain } from '../harness/standalone';
import { ComparisonRow } from '../harness/suite';
import { withTempDir } from '../harness/temp-dir';
import { startApi } from './api-process';

export interface StartupBenchOptions {
  /** Timed starts of each side (default 3). */
  repeat?: number;
  /**
   * Start the API once, untimed, until its read models have caught up, before the timed starts
   * (default true): a store written by a generator has no read models yet, and building them is
   * a rebuild, not a start.
   */
  prime?: boolean;
  /** Ceiling for ours, in seconds (default 10). */
  targetSeconds?: number;
  nodeArgs?: string[];
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
  /** Receives facts a reader needs for the suite's notes. */
  notes?: string[];
}

/**
 * Start-up time of the API (spawn to a ready `GET /health`) on the store in `dataDir`, against
 * start-up on an empty data dir (seeding off) in the same run. A start that replayed the log
 * would grow with the store; this row shows whether it does.
 */
export async function startupRows(
  dataDir: string,
  options: StartupBenchOptions = {},
): Promise<ComparisonRow[]> {
  const repeat = options.repeat ?? 3;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const notes = options.notes ?? [];
  const nodeArgs = options.nodeArgs;

  if (options.prime ?? true) {
    const api = await startApi({ dataDir, waitForProjections: true, nodeArgs });
    log(
      `  priming start: ready in ${seconds(api.readyMs)} s, read models caught up in ${seconds(api.caughtUpMs!)} s`,
    );
    await api.stop();
  }
  const ours: number[] = [];
  const empty: number[] = [];
  const caughtUp: number[] = [];
  for (let rep = 0; rep < repeat; rep++) {
    // Alternate which side goes first, so neither always starts on a warmer page cache.
    const sides = rep % 2 === 0 ? ['ours', 'empty'] : ['empty', 'ours'];
    for (const side of sides) {
      collectGarbage();
      if (side === 'ours') {
        const api = await startApi({ dataDir, waitForProjections: true, nodeArgs });
        ours.push(api.readyMs / 1000);
        caughtUp.push(api.caughtUpMs! / 1000);
        await api.stop();
      } else {
        await withTempDir('startup-empty', async (dir) => {
          const api = await startApi({ dataDir: dir, nodeArgs });
          empty.push(api.readyMs / 1000);
          await api.stop();
        });
      }
    }
    log(
      `  repetition ${rep + 1}: store ${ours.at(-1)!.toFixed(2)} s, empty ${empty.at(-1)!.toFixed(2)} s`,
    );
  }
  notes.push(
    `Start-up: spawn of node dist/apps/api/src/main.js to the first ready GET /health (polled every 20 ms), ` +
      `${repeat} starts per side, alternating; baseline: the same on an empty data dir with SEED_IF_EMPTY=0. ` +
      `Read models caught up (lag 0) after ${caughtUp.map((s) => s.toFixed(2)).join(', ')} s on the store.`,
  );
  return [
    {
      name: 'API start-up to ready',
      unit: 's',
      better: 'lower',
      ours,
      baseline: empty,
      target: options.targetSeconds ?? 10,
      reference: true,
    },
  ];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** `node dist/bench/scale/startup.bench.js <dataDir>`: the row of this file alone, as a table. */
async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: node dist/bench/scale/startup.bench.js <dataDir>');
  const notes: string[] = [];
  const rows = await startupRows(dataDir, {
    repeat: envInt('BENCH_REPEAT', 3),
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean),
    notes,
  });
  const result = { baselineName: 'empty store', rows, sizes: [], notes };
  printResult(result);
}

runIfMain(module, main);
