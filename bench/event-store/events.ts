import { BenchEvent, FillStream } from './workload';
import { SeededRandom } from '../harness/random';

const TYPES = ['VoucherIssued', 'ProviderChosen', 'HoursReported', 'PaymentApproved'] as const;

/** A realistic ledger event of about 150 bytes of JSON, the same for every store. */
export function ledgerEvent(streamId: string, n: number): BenchEvent {
  return {
    type: TYPES[n % TYPES.length]!,
    data: {
      account: streamId,
      sequence: n,
      municipality: '0180',
      period: '2025-03',
      amountOre: 125_000 + (n % 97) * 100,
      currency: 'SEK',
      provider: `provider-${n % 13}`,
      approved: n % 2 === 0,
    },
  };
}

export function ledgerEvents(streamId: string, from: number, count: number): BenchEvent[] {
  return Array.from({ length: count }, (_, i) => ledgerEvent(streamId, from + i));
}

/** The layout of the read store: how many streams and how long each one is. */
export interface StoreLayout {
  streamLengths: Uint16Array;
  totalEvents: number;
}

/** Stream lengths drawn uniformly from [min, max] until `totalEvents` are placed (seeded). */
export function storeLayout(
  totalEvents: number,
  min: number,
  max: number,
  seed: number,
): StoreLayout {
  const random = new SeededRandom(seed);
  const lengths: number[] = [];
  let placed = 0;
  while (placed < totalEvents) {
    const length = Math.min(random.int(min, max), totalEvents - placed);
    lengths.push(length);
    placed += length;
  }
  return { streamLengths: Uint16Array.from(lengths), totalEvents };
}

export function readStoreStreamId(index: number): string {
  return `account-${index}`;
}

/** The read store's streams in chunks of `chunkStreams`, generated lazily to bound memory. */
export function* fillChunks(layout: StoreLayout, chunkStreams: number): Generator<FillStream[]> {
  for (let first = 0; first < layout.streamLengths.length; first += chunkStreams) {
    const chunk: FillStream[] = [];
    const last = Math.min(first + chunkStreams, layout.streamLengths.length);
    for (let i = first; i < last; i++) {
      const streamId = readStoreStreamId(i);
      chunk.push({ streamId, events: ledgerEvents(streamId, 0, layout.streamLengths[i]!) });
    }
    yield chunk;
  }
}
