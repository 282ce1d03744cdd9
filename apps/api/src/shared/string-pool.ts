// Enough for every provider of a national scheme; beyond it strings are not shared.
const LIMIT = 65_536;

/**
 * Hands out one string for equal strings. Each value a SQLite row gives is a new string, so a
 * column with few distinct values read for a million rows (a period, a provider) is otherwise
 * held a million times.
 */
export class StringPool {
  private readonly known = new Map<string, string>();

  of(value: string): string {
    const known = this.known.get(value);
    if (known !== undefined) return known;
    if (this.known.size < LIMIT) this.known.set(value, value);
    return value;
  }
}
