import { formatCount, formatMs } from '../harness/format';
import { collectGarbage, latencySamples, timed, timedRate } from '../harness/measure';
import { SeededRandom } from '../harness/random';
import { percentile } from '../harness/stats';
import { BenchmarkSuite, ComparisonRow, SuiteResult } from '../harness/suite';
import { makeTempDir, removeTempDir, withTempDir } from '../harness/temp-dir';
import { EventStoreBenchConfig, TARGETS } from './config';
import { emmettSqliteFactory } from './emmett-sqlite.workload';
import {
  fillChunks,
  ledgerEvent,
  ledgerEvents,
  readStoreStreamId,
  StoreLayout,
  storeLayout,
} from './events';
import { ourStoreFactory } from './our-store.workload';
import { StoreFactory, StoreUnderTest } from './workload';

/** Streams per set-up chunk: ours commits each chunk as one group, the peer in one transaction. */
const FILL_CHUNK_STREAMS = 200;

interface Sides {
  ours: StoreFactory;
  peer: StoreFactory;
}

type Side = keyof Sides;

const appendsPerSecond = (value: number) => `${formatCount(value)} appends/s`;
const eventsPerSecond = (value: number) => `${formatCount(value)} events/s`;
const milliseconds = (value: number) => `${formatMs(value)} ms`;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Alternates which store goes first in each repetition, so neither always runs on a warmer machine. */
function order(repetition: number): Side[] {
  return repetition % 2 === 0 ? ['ours', 'peer'] : ['peer', 'ours'];
}

/** Opens a store in a fresh temp dir, runs the measurement, closes the store and deletes the dir. */
function onFreshStore(factory: StoreFactory, measure: (store: StoreUnderTest) => Promise<number>) {
  return withTempDir(factory.name, async (dir) => {
    const store = await factory.open(dir);
    try {
      return await measure(store);
    } finally {
      await store.close();
    }
  });
}

async function compare(
  config: EventStoreBenchConfig,
  sides: Sides,
  label: string,
  format: (value: number) => string,
  measure: (side: Side, factory: StoreFactory, repetition: number) => Promise<number>,
): Promise<{ ours: number[]; baseline: number[] }> {
  const results: Record<Side, number[]> = { ours: [], peer: [] };
  for (let repetition = 0; repetition < config.repeat; repetition++) {
    for (const side of order(repetition)) {
      collectGarbage();
      const value = await measure(side, sides[side], repetition);
      results[side].push(value);
      log(
        `  ${label}, repetition ${repetition + 1}/${config.repeat}, ${sides[side].name}: ` +
          format(value),
      );
    }
  }
  return { ours: results.ours, baseline: results.peer };
}

/** N writers, each appending one event at a time to its own stream, with an expected version. */
async function appendRow(
  config: EventStoreBenchConfig,
  sides: Sides,
  writers: number,
): Promise<ComparisonRow> {
  const name = `durable appends, ${writers} writer${writers === 1 ? '' : 's'}, 1 event each`;
  log(name);
  const measured = await compare(config, sides, name, appendsPerSecond, (_side, factory) =>
    onFreshStore(factory, (store) =>
      timedRate(
        { concurrency: writers, warmupMs: config.warmupMs, durationMs: config.durationMs },
        async (writer, appended) => {
          const streamId = `writer-${writer}`;
          await store.append(streamId, [ledgerEvent(streamId, appended)], appended);
          return 1;
        },
      ),
    ),
  );
  return {
    name,
    unit: 'appends/s',
    better: 'higher',
    ...measured,
    target: writers === 64 ? TARGETS.appendsAt64Writers : undefined,
  };
}

/** One writer appending `batchSize` events per append, each to a new stream. */
async function batchedRow(config: EventStoreBenchConfig, sides: Sides): Promise<ComparisonRow> {
  const name = `batched appends, 1 writer, ${config.batchSize} events each`;
  log(name);
  const measured = await compare(config, sides, name, eventsPerSecond, (_side, factory) =>
    onFreshStore(factory, (store) =>
      timedRate(
        { concurrency: 1, warmupMs: config.warmupMs, durationMs: config.durationMs },
        async (_writer, batch) => {
          const streamId = `batch-${batch}`;
          await store.append(streamId, ledgerEvents(streamId, 0, config.batchSize), 0);
          return config.batchSize;
        },
      ),
    ),
  );
  return {
    name,
    unit: 'events/s',
    better: 'higher',
    ...measured,
    target: TARGETS.batchedEventsPerSecond,
  };
}

/** Fills a store with the read-store layout; returns the fill rate in events/s (informational). */
async function fill(store: StoreUnderTest, layout: StoreLayout, name: string): Promise<number> {
  let filled = 0;
  let reported = 0;
  const { ms } = await timed(async () => {
    for (const chunk of fillChunks(layout, FILL_CHUNK_STREAMS)) {
      await store.fill(chunk);
      filled += chunk.reduce((sum, s) => sum + s.events.length, 0);
      if (filled - reported >= layout.totalEvents / 5) {
        reported = filled;
        log(
          `  filling ${name}: ${formatCount(filled)} / ${formatCount(layout.totalEvents)} events`,
        );
      }
    }
  });
  return (filled * 1000) / ms;
}

/** Global read throughput and single-stream read latency, in one pre-filled store per side. */
async function readRows(
  config: EventStoreBenchConfig,
  sides: Sides,
  notes: string[],
): Promise<ComparisonRow[]> {
  const layout = storeLayout(
    config.readStoreEvents,
    config.streamLengthMin,
    config.streamLengthMax,
    config.seed,
  );
  const streams = layout.streamLengths.length;
  log(`read store: ${formatCount(layout.totalEvents)} events in ${formatCount(streams)} streams`);
  const dirs: Partial<Record<Side, string>> = {};
  const stores: Partial<Record<Side, StoreUnderTest>> = {};
  try {
    const fillRates: string[] = [];
    for (const side of ['ours', 'peer'] as const) {
      dirs[side] = makeTempDir(`${sides[side].name}-read`);
      const store = (stores[side] = await sides[side].open(dirs[side]));
      const rate = await fill(store, layout, sides[side].name);
      fillRates.push(`${sides[side].name} ${formatCount(rate)} events/s`);
    }
    notes.push(
      `read-store set-up (not a result row; each side's fastest bulk path, ${FILL_CHUNK_STREAMS} ` +
        `streams per transaction): ${fillRates.join(', ')}.`,
    );

    const globalRead = `global read, whole log, pages of ${config.pageSize}`;
    log(globalRead);
    const global = await compare(config, sides, globalRead, eventsPerSecond, async (side) => {
      const store = stores[side]!;
      const { result: read, ms } = await timed(() => store.readAll(config.pageSize));
      if (read !== layout.totalEvents) {
        throw new Error(`${sides[side].name} read ${read} events, expected ${layout.totalEvents}`);
      }
      return (read * 1000) / ms;
    });

    log('single-stream reads');
    const p50: Record<Side, number[]> = { ours: [], peer: [] };
    const p99: Record<Side, number[]> = { ours: [], peer: [] };
    await compare(
      config,
      sides,
      'single-stream read p50',
      milliseconds,
      async (side, _factory, repetition) => {
        const store = stores[side]!;
        // The same seeded sequence of streams for both sides within a repetition.
        const random = new SeededRandom(config.seed + repetition + 1);
        const picks = Array.from({ length: config.readWarmup + config.reads }, () =>
          random.int(0, streams - 1),
        );
        const latencies = await latencySamples(config.readWarmup, config.reads, async (i) => {
          const index = picks[i]!;
          const read = await store.readStream(readStoreStreamId(index));
          if (read !== layout.streamLengths[index]) {
            throw new Error(`${sides[side].name} read ${read} events of stream ${index}`);
          }
        });
        p50[side].push(percentile(latencies, 50));
        p99[side].push(percentile(latencies, 99));
        log(
          `  single-stream read p99, repetition ${repetition + 1}/${config.repeat}, ` +
            `${sides[side].name}: ${milliseconds(p99[side].at(-1)!)}`,
        );
        return percentile(latencies, 50);
      },
    );

    const latencyName = (p: string) =>
      `single-stream read ${p} (${config.streamLengthMin}-${config.streamLengthMax} events)`;
    return [
      {
        name: globalRead,
        unit: 'events/s',
        better: 'higher',
        ...global,
        target: TARGETS.globalReadEventsPerSecond,
      },
      { name: latencyName('p50'), unit: 'ms', better: 'lower', ours: p50.ours, baseline: p50.peer },
      { name: latencyName('p99'), unit: 'ms', better: 'lower', ours: p99.ours, baseline: p99.peer },
    ];
  } finally {
    for (const side of ['ours', 'peer'] as const) {
      await stores[side]?.close();
      if (dirs[side]) removeTempDir(dirs[side]);
    }
  }
}

/** The embedded event store against @event-driven-io/emmett-sqlite, same workload, same run. */
export function eventStoreSuite(config: EventStoreBenchConfig): BenchmarkSuite {
  return {
    name: 'Event store: embedded SqliteEventStore vs @event-driven-io/emmett-sqlite',
    async run(): Promise<SuiteResult> {
      const sides: Sides = { ours: ourStoreFactory, peer: emmettSqliteFactory(config.peerApi) };
      const notes = [...(await sides.ours.describe()), ...(await sides.peer.describe())];
      const rows: ComparisonRow[] = [];
      for (const writers of config.writers) rows.push(await appendRow(config, sides, writers));
      rows.push(await batchedRow(config, sides));
      rows.push(...(await readRows(config, sides, notes)));
      return {
        baselineName: sides.peer.name,
        rows,
        sizes: sizes(config),
        notes,
      };
    },
  };
}

function sizes(config: EventStoreBenchConfig): string[] {
  return [
    `mode: ${config.quick ? 'QUICK (BENCH_QUICK=1), not for reporting' : 'full'}`,
    `repetitions per measurement: ${config.repeat} (BENCH_REPEAT); figures are medians`,
    `append rows: ${config.writers.join(', ')} writers (BENCH_WRITERS), each writer appends 1 event ` +
      `at a time to its own stream with an expected version; a fresh store per repetition; ` +
      `${config.warmupMs} ms warm-up (BENCH_WARMUP_MS) then a ${config.durationMs} ms measured ` +
      `window (BENCH_DURATION_MS)`,
    `batched row: 1 writer, ${config.batchSize} events per append (BENCH_BATCH_SIZE), each append ` +
      'to a new stream; same timing as the append rows',
    `read store: ${formatCount(config.readStoreEvents)} events (BENCH_EVENTS) in streams of ` +
      `${config.streamLengthMin}-${config.streamLengthMax} events (BENCH_STREAM_MIN/MAX), built once ` +
      'per side with identical content',
    `global read: the whole log forwards in pages of ${config.pageSize} (BENCH_PAGE_SIZE), events ` +
      'deserialised; once per repetition',
    `single-stream read: ${config.reads} timed reads (BENCH_READS) after ${config.readWarmup} ` +
      `untimed (BENCH_READ_WARMUP) per repetition, each a whole stream picked at random (seeded, ` +
      `same picks for both stores), sequential; p50/p99 per repetition, median over repetitions`,
    `payload: ~150 bytes of JSON per event; ${config.peerApi === 'connection' ? '' : 'peer API: store; '}` +
      `seed ${config.seed} (BENCH_SEED)`,
  ];
}
