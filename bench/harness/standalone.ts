import { comparisonTable, repetitionsTable, SuiteResult } from './suite';

/** Prints one part of a suite on its own: the summary, every repetition and the notes. */
export function printResult(result: SuiteResult): void {
  const sizes = result.sizes.map((line) => `- ${line}`);
  const notes = result.notes.map((line) => `- ${line}`);
  console.log(
    [...sizes, ...(sizes.length ? [''] : []), comparisonTable(result), '', repetitionsTable(result)]
      .concat(notes.length ? ['', ...notes] : [])
      .join('\n'),
  );
}

/** Runs a benchmark file's `main` when it is started directly, exiting 1 on failure. */
export function runIfMain(module: NodeModule, main: () => Promise<void>): void {
  if (require.main !== module) return;
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
