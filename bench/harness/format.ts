/** Number formatting for the printed tables. */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A rate or count with thousands separators, e.g. 12,345. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? grouped.format(value) : 'n/a';
}

/** Milliseconds with three significant decimals where it matters, e.g. 0.084 or 12.3. */
export function formatMs(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? value.toFixed(3) : value.toFixed(1);
}

/** A ratio such as 3.42x. */
export function formatRatio(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)}x`;
}
