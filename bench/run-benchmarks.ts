/**
 * Entry point of `npm run bench`: runs every benchmark suite and prints its figures. Benchmarks
 * print; they never fail a build on timing. Progress goes to stderr, results to stdout.
 */
import { eventStoreBenchConfig } from './event-store/config';
import { eventStoreSuite } from './event-store/event-store.suite';
import { machineFacts } from './harness/machine';
import { scaleBenchConfig, scaleSuite } from './scale/scale.suite';
import { BenchmarkSuite, comparisonTable, judge, repetitionsTable } from './harness/suite';

/** Every suite, or those named in BENCH_SUITES (comma-separated: `event-store`, `scale`). */
function suites(): BenchmarkSuite[] {
  const all: Record<string, () => BenchmarkSuite> = {
    'event-store': () => eventStoreSuite(eventStoreBenchConfig()),
    scale: () => scaleSuite(scaleBenchConfig()),
  };
  const wanted = (process.env.BENCH_SUITES ?? Object.keys(all).join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = wanted.filter((name) => !(name in all));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_SUITES: unknown ${unknown.join(', ')}; known: ${Object.keys(all).join(', ')}`,
    );
  }
  return wanted.map((name) => all[name]());
}

async function main(): Promise<void> {
  const machine = machineFacts();
  const gc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const header = [
    `# Kundval Ledger benchmarks, ${new Date().toISOString()}`,
    '',
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM, ${machine.os}`,
    `node: ${machine.node}${gc ? ', --expose-gc (GC between measurements)' : ''}`,
  ];
  console.log(header.join('\n'));

  for (const suite of suites()) {
    process.stderr.write(`\n${suite.name}\n`);
    const started = performance.now();
    const result = await suite.run();
    const minutes = (performance.now() - started) / 60_000;
    const failed = result.rows.filter((row) => !judge(row).pass).length;
    console.log(
      [
        '',
        `## ${suite.name}`,
        '',
        'Sizes:',
        ...result.sizes.map((line) => `- ${line}`),
        '',
        comparisonTable(result),
        '',
        `ours/peer: above 1x is better for throughput rows, below 1x is better for latency rows. ` +
          `${result.rows.length - failed} of ${result.rows.length} rows pass. ` +
          `Suite time: ${minutes.toFixed(1)} min.`,
        '',
        'Every repetition:',
        '',
        repetitionsTable(result),
        '',
        'Notes:',
        ...result.notes.map((line) => `- ${line}`),
      ].join('\n'),
    );
  }
}

main().then(
  // The peer's sqlite3 handles may keep the loop alive a moment; the results are printed.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
