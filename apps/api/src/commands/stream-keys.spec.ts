import { RecordedEvent } from '@kundval/event-store';
import { StreamKeys } from './stream-keys';

const STREAM = 'payment-run-hemtjanst/2014-09';

/** Events `from`..`to - 1` of one stream, all under `key`. */
function keyed(key: string, from: number, to: number, type = 'VoucherPaymentRecorded') {
  return Array.from({ length: to - from }, (_, i): RecordedEvent => ({
    id: `event-${from + i}`,
    type: from + i === 0 ? 'PaymentRunApproved' : type,
    streamId: STREAM,
    revision: from + i,
    position: 1000 + from + i,
    data: {},
    metadata: { idempotencyKey: key, commandHash: 'hash-of-the-approval' },
    recordedAt: '2014-10-05T08:00:00.000Z',
  }));
}

/** What a key of events 0–2 (from `keyed`) says. */
const AFTER_THREE_EVENTS = {
  commandHash: 'hash-of-the-approval',
  types: ['PaymentRunApproved', 'VoucherPaymentRecorded', 'VoucherPaymentRecorded'],
  revision: 2,
  position: 1002,
};

describe('StreamKeys', () => {
  it('answers a key with what its events did: their types, the last revision and position', () => {
    const keys = new StreamKeys();
    keys.record(keyed('approve-2014-09', 0, 3));
    expect(keys.get('approve-2014-09')).toEqual(AFTER_THREE_EVENTS);
    expect(keys.get('another-key')).toBeUndefined();
  });

  it('counts an event read twice (two reads of the same tail) once', () => {
    const keys = new StreamKeys();
    const events = keyed('approve-2014-09', 0, 3);
    keys.record(events);
    keys.record(events.slice(1));
    expect(keys.get('approve-2014-09')?.types).toHaveLength(3);
  });

  it("keeps a national run's million events under its one key", () => {
    const keys = new StreamKeys();
    // Recorded as a run is appended and read: in parts, each after the last.
    for (let from = 0; from < 1_000_000; from += 100_000) {
      keys.record(keyed('approve-2014-09', from, from + 100_000));
    }
    const run = keys.get('approve-2014-09')!;
    expect(run.types).toHaveLength(1_000_000);
    expect(run).toMatchObject({ revision: 999_999, position: 1_000_999 });
  });

  it('continues the keys of a snapshot with the events read after it', () => {
    const keys = new StreamKeys(() => [
      [
        'approve-2014-09',
        {
          commandHash: 'hash-of-the-approval',
          types: ['PaymentRunApproved'],
          revision: 0,
          position: 1000,
        },
      ],
    ]);
    keys.record(keyed('approve-2014-09', 1, 3));
    expect(keys.get('approve-2014-09')).toEqual(AFTER_THREE_EVENTS);
  });
});
