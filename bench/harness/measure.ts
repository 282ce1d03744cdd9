import { perSecond } from './stats';

export interface TimedRunOptions {
  /** Number of concurrent loops; each awaits its own operation before starting the next. */
  concurrency: number;
  /** Operations completing during the warm-up are not counted. */
  warmupMs: number;
  /** Length of the measured window that follows the warm-up. */
  durationMs: number;
}

/**
 * Runs `concurrency` loops of `operation` for warm-up + duration and returns the rate of units per
 * second completed inside the measured window. `operation(loop, iteration)` resolves to the number
 * of units it completed (e.g. events appended). Operations still in flight when the window closes
 * are awaited but not counted.
 */
export async function timedRate(
  options: TimedRunOptions,
  operation: (loop: number, iteration: number) => Promise<number>,
): Promise<number> {
  const start = performance.now() + options.warmupMs;
  const end = start + options.durationMs;
  let units = 0;
  const loops = Array.from({ length: options.concurrency }, async (_, loop) => {
    for (let iteration = 0; performance.now() < end; iteration++) {
      const done = await operation(loop, iteration);
      const now = performance.now();
      if (now >= start && now <= end) units += done;
    }
  });
  await Promise.all(loops);
  return perSecond(units, options.durationMs);
}

/** Runs `operation` sequentially `warmup + samples` times; returns the measured latencies in ms. */
export async function latencySamples(
  warmup: number,
  samples: number,
  operation: (i: number) => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await operation(i);
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await operation(warmup + i);
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

/** Times one operation; returns its result and the elapsed milliseconds. */
export async function timed<T>(operation: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t0 = performance.now();
  const result = await operation();
  return { result, ms: performance.now() - t0 };
}

/** Collects garbage between measurements when node runs with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
