import { envFlag, envInt } from '../harness/env';
import { BenchmarkSuite, ComparisonRow, SuiteResult } from '../harness/suite';
import { scaleDataset } from './dataset';
import { historyRows } from './history.bench';
import { httpRows } from './http.bench';
import { paymentRunRows } from './payment-run.bench';
import { rebuildRows } from './rebuild.bench';
import { startupRows } from './startup.bench';

/** Sizes of the national-scale suite: issue 9's defaults, overridable by env vars. */
export interface ScaleBenchConfig {
  citizens: number;
  paymentMonths: number;
  repeat: number;
  /** The month the payment-run row approves: the month after the seeded year. */
  period: string;
}

/** BENCH_QUICK=1 gives a 10,000-citizen data set; BENCH_SCALE_* variables override. */
export function scaleBenchConfig(): ScaleBenchConfig {
  const quick = envFlag('BENCH_QUICK');
  return {
    citizens: envInt('BENCH_SCALE_CITIZENS', quick ? 10_000 : 1_000_000),
    paymentMonths: envInt('BENCH_SCALE_PAYMENT_MONTHS', 12),
    repeat: envInt('BENCH_REPEAT', quick ? 1 : 3),
    period: process.env.BENCH_SCALE_PERIOD ?? '2014-10',
  };
}

/**
 * The ledger at national scale on one machine: a data dir from the national seed (citizens'
 * choices, switches, level changes and ends through the deciders, then a year of monthly payment
 * runs), and on it the issue's five measurements, each with a baseline measured in the same run.
 * Read-only rows first; the payment run and the HTTP row, which append, work on copies of the
 * data dir, one at a time, so the data set stays as seeded.
 */
export function scaleSuite(config: ScaleBenchConfig): BenchmarkSuite {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  return {
    name: 'National scale (embedded store)',
    async run(): Promise<SuiteResult> {
      const dataset = await scaleDataset(config.citizens, config.paymentMonths, log);
      const { dataDir, report } = dataset;
      const notes: string[] = [];
      const rows: ComparisonRow[] = [];
      const step = async (name: string, measure: () => Promise<ComparisonRow[]>) => {
        log(`  ${name}`);
        rows.push(...(await measure()));
      };
      await step('rebuild', () => rebuildRows(dataDir, { repeat: config.repeat }));
      await step('history and as-of', async () => {
        const result = await historyRows(dataDir, { repeat: config.repeat });
        notes.push(...result.notes);
        return result.rows;
      });
      await step('start-up', () => startupRows(dataDir, { repeat: config.repeat, log, notes }));
      await step('payment run', () =>
        paymentRunRows(dataDir, { period: config.period, repeat: config.repeat }),
      );
      await step('HTTP', () => httpRows(dataDir, { repeat: config.repeat, log, notes }));
      return {
        baselineName: 'baseline',
        rows,
        sizes: [
          `${dataset.citizens.toLocaleString('en')} citizens asked, ${report.citizens.toLocaleString('en')} generated ` +
            `(${report.batches} batches of the Nacka seed's citizens), ${config.paymentMonths} monthly payment runs`,
          `${report.headPosition.toLocaleString('en')} events in the log; generated in ` +
            `${(report.durationMs / 60_000).toFixed(1)} min (citizens ${(report.citizensMs / 60_000).toFixed(1)} min, ` +
            `payment runs ${(report.paymentRunsMs / 60_000).toFixed(1)} min)`,
          `data dir ${dataDir} (kept between runs; BENCH_SCALE_DIR chooses another)`,
          `${config.repeat} repetitions per row; payment-run period ${config.period}`,
        ],
        notes: [
          'Baselines, per row: rebuild → the raw global read of the same log (readAll pages, JSON ' +
            'parsed); history and as-of → the raw read of the same citizen’s events; start-up → ' +
            'the same API on an empty data dir; payment run → durably appending the same number ' +
            'of payment-sized events; HTTP → the same clients on GET /health of the same server.',
          ...notes,
        ],
      };
    },
  };
}
