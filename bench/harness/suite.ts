import { formatCount, formatMs, formatRatio } from './format';
import { median } from './stats';
import { Column, renderTable } from './table';

/** Whether a bigger or a smaller figure is better (throughput vs latency). */
export type Better = 'higher' | 'lower';

/** One row of a comparison: every repetition of ours and of the baseline, measured in one run. */
export interface ComparisonRow {
  name: string;
  unit: 'events/s' | 'appends/s' | 'commands/s' | 'requests/s' | 'ms' | 's' | 'MB';
  better: Better;
  ours: number[];
  baseline: number[];
  /** Absolute target for ours (a floor for `higher`, a ceiling for `lower`), if the issue sets one. */
  target?: number;
  /**
   * The baseline is a reference ours is not expected to beat (a trivial endpoint on the same
   * server, an empty store): only the target decides the verdict.
   */
  reference?: boolean;
}

export interface SuiteResult {
  /** Short name of the baseline, e.g. `emmett-sqlite`. */
  baselineName: string;
  rows: ComparisonRow[];
  /** Sizes and settings the figures were produced with. */
  sizes: string[];
  /** Facts a reader needs to judge the comparison (durability settings, API used...). */
  notes: string[];
}

/** A group of benchmarks that compares our implementation with a baseline in the same run. */
export interface BenchmarkSuite {
  name: string;
  run(): Promise<SuiteResult>;
}

export interface RowVerdict {
  ours: number;
  baseline: number;
  /** ours / baseline: above 1 is better for throughput, below 1 is better for latency. */
  ratio: number;
  meetsTarget: boolean;
  beatsBaseline: boolean;
  pass: boolean;
}

export function judge(row: ComparisonRow): RowVerdict {
  const ours = median(row.ours);
  const baseline = median(row.baseline);
  const higher = row.better === 'higher';
  const meetsTarget =
    row.target === undefined || (higher ? ours >= row.target : ours <= row.target);
  const beatsBaseline = higher ? ours > baseline : ours < baseline;
  return {
    ours,
    baseline,
    ratio: ours / baseline,
    meetsTarget,
    beatsBaseline,
    pass: meetsTarget && (beatsBaseline || row.reference === true),
  };
}

function formatValue(row: ComparisonRow, value: number): string {
  if (row.unit === 'ms') return `${formatMs(value)} ms`;
  if (row.unit === 's') return Number.isFinite(value) ? `${value.toFixed(2)} s` : 'n/a';
  if (row.unit === 'MB') return Number.isFinite(value) ? `${Math.round(value)} MB` : 'n/a';
  return formatCount(value);
}

function targetText(row: ComparisonRow, baselineName: string): string {
  const relative = row.better === 'higher' ? `> ${baselineName}` : `< ${baselineName}`;
  const bound = row.better === 'higher' ? '≥' : '≤';
  if (row.reference)
    return row.target === undefined ? '—' : `${bound} ${formatValue(row, row.target)}`;
  if (row.target === undefined) return relative;
  return `${bound} ${formatValue(row, row.target)}, ${relative}`;
}

/** The summary table: one line per row, medians of the repetitions, ratio and verdict. */
export function comparisonTable(result: SuiteResult): string {
  const columns: Column[] = [
    { header: 'row' },
    { header: 'ours (median)', align: 'right' },
    { header: `${result.baselineName} (median)`, align: 'right' },
    { header: 'ours/peer', align: 'right' },
    { header: 'target' },
    { header: 'result' },
  ];
  const rows = result.rows.map((row) => {
    const verdict = judge(row);
    const behindPeer = !verdict.beatsBaseline && !row.reference;
    const why = verdict.pass
      ? ''
      : !verdict.meetsTarget && behindPeer
        ? ' (target, peer)'
        : !verdict.meetsTarget
          ? ' (target)'
          : ' (peer)';
    return [
      `${row.name} [${row.unit}, ${row.better} is better]`,
      formatValue(row, verdict.ours),
      formatValue(row, verdict.baseline),
      formatRatio(verdict.ratio),
      targetText(row, 'peer'),
      verdict.pass ? 'pass' : `FAIL${why}`,
    ];
  });
  return renderTable(columns, rows);
}

/** Every repetition, so a reader can see the spread behind each median. */
export function repetitionsTable(result: SuiteResult): string {
  const list = (row: ComparisonRow, values: number[]): string =>
    values.map((v) => formatValue(row, v).replace(/ (m?s|MB)$/, '')).join(', ');
  return renderTable(
    [
      { header: 'row' },
      { header: 'ours, each repetition' },
      { header: `${result.baselineName}, each repetition` },
    ],
    result.rows.map((row) => [row.name, list(row, row.ours), list(row, row.baseline)]),
  );
}
