/**
 * A small deterministic pseudo-random generator (mulberry32) for the seed: the same seed gives
 * the same sequence on every run and platform, so the seeded history is reproducible. Not for
 * anything secret.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator of its own for `label`, independent of how much this one has been used. */
  static for(label: string): SeededRandom {
    // FNV-1a over the label's UTF-16 code units.
    let hash = 0x811c9dc5;
    for (let i = 0; i < label.length; i++) {
      hash ^= label.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return new SeededRandom(hash);
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One element, with probability proportional to its weight; undefined if all weigh 0. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T | undefined {
    const total = items.reduce((sum, item) => sum + Math.max(0, weight(item)), 0);
    if (total <= 0) return undefined;
    let left = this.next() * total;
    let last: T | undefined;
    for (const item of items) {
      const w = Math.max(0, weight(item));
      if (w === 0) continue;
      last = item;
      left -= w;
      if (left < 0) return item;
    }
    return last;
  }
}
