import { envChoice, envFlag, envInt, envIntList } from '../harness/env';
import { PeerApi } from './emmett-sqlite.workload';

/** Sizes of the event store benchmarks: the defaults, overridable by env vars. */
export interface EventStoreBenchConfig {
  quick: boolean;
  /** Repetitions of every measurement; the table shows their median. */
  repeat: number;
  /** Concurrent writers for the single-event append rows. */
  writers: number[];
  /** Measured window of each timed append run, after a warm-up. */
  durationMs: number;
  warmupMs: number;
  /** Events per append in the batched row. */
  batchSize: number;
  /** Events in the read store (global read and single-stream latency). */
  readStoreEvents: number;
  streamLengthMin: number;
  streamLengthMax: number;
  /** Events per page of a global read. */
  pageSize: number;
  /** Timed single-stream reads per repetition, after `readWarmup` untimed ones. */
  reads: number;
  readWarmup: number;
  peerApi: PeerApi;
  seed: number;
}

/**
 * BENCH_QUICK=1 gives small sizes for a fast check; any BENCH_* variable overrides either mode.
 */
export function eventStoreBenchConfig(): EventStoreBenchConfig {
  const quick = envFlag('BENCH_QUICK');
  const config: EventStoreBenchConfig = {
    quick,
    repeat: envInt('BENCH_REPEAT', quick ? 1 : 3),
    writers: envIntList('BENCH_WRITERS', [1, 16, 64]),
    durationMs: envInt('BENCH_DURATION_MS', quick ? 400 : 3000),
    warmupMs: envInt('BENCH_WARMUP_MS', quick ? 100 : 500),
    batchSize: envInt('BENCH_BATCH_SIZE', 100),
    readStoreEvents: envInt('BENCH_EVENTS', quick ? 20_000 : 1_000_000),
    streamLengthMin: envInt('BENCH_STREAM_MIN', 20),
    streamLengthMax: envInt('BENCH_STREAM_MAX', 50),
    pageSize: envInt('BENCH_PAGE_SIZE', 1000),
    reads: envInt('BENCH_READS', quick ? 200 : 2000),
    readWarmup: envInt('BENCH_READ_WARMUP', quick ? 20 : 200),
    peerApi: envChoice<PeerApi>('BENCH_PEER_API', ['connection', 'store'], 'connection'),
    seed: envInt('BENCH_SEED', 20250301),
  };
  if (config.streamLengthMin > config.streamLengthMax) {
    throw new Error('BENCH_STREAM_MIN must not exceed BENCH_STREAM_MAX');
  }
  return config;
}

/** The targets for our store (in addition to beating the peer on every row). */
export const TARGETS = {
  appendsAt64Writers: 5_000,
  batchedEventsPerSecond: 50_000,
  globalReadEventsPerSecond: 200_000,
} as const;
