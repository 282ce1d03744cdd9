import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { PaidItem, PaymentRunEvent, VoucherBasis } from '@kundval/domain';
import { EventStore } from '@kundval/event-store';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { StreamSnapshots } from '../commands/stream-snapshots';
import { PAID_ITEMS } from './paid-items-snapshot';
import { RecordLoader } from './record-loader';
import { streamIds } from './stream-ids';
import { tempDirs } from '../../../../test/support/temp-dirs';

const amounts = (totalOre: number) => ({
  voucherOre: totalOre - 60,
  vatCompensationOre: 60,
  supplementOre: 0,
  totalOre,
});

// A run of the scheme for 2025-03: `payments` payments (one öre more each) and one correction
// of 2025-02. Its basis is never read back by what is tested here.
function run(payments: number, firstOre = 1_000): PaymentRunEvent[] {
  const common = { runId: 'run-grundskola-2025-03', schemeId: 'grundskola', period: '2025-03' };
  const basis = {} as VoucherBasis;
  return [
    {
      type: 'PaymentRunApproved',
      data: {
        ...common,
        totalOre: 0,
        linesTotalOre: 0,
        correctionsTotalOre: 0,
        lineCount: payments,
        correctionCount: 1,
        computedAt: '2025-04-02T08:00:00.000Z',
        approvedOn: '2025-04-02',
      },
    },
    ...Array.from({ length: payments }, (_, i): PaymentRunEvent => ({
      type: 'VoucherPaymentRecorded',
      data: {
        ...common,
        paymentId: `payment/grundskola/2025-03/e-${i}/p-1`,
        citizenId: `c-${i}`,
        entitlementId: `e-${i}`,
        providerId: 'p-1',
        model: 'monthly',
        basis,
        amounts: amounts(firstOre + i),
        flags: [],
      },
    })),
    {
      type: 'VoucherPaymentCorrected',
      data: {
        ...common,
        paymentId: 'correction/grundskola/2025-03/2025-02/e-0/p-1',
        correctsPeriod: '2025-02',
        correctsPaymentId: 'payment/grundskola/2025-02/e-0/p-1',
        citizenId: 'c-0',
        entitlementId: 'e-0',
        providerId: 'p-1',
        previouslyPaid: amounts(900),
        owed: amounts(1_000),
        difference: amounts(100),
        differenceOre: 100,
        model: 'monthly',
        basis,
        flags: [],
      },
    },
  ];
}

const STREAM = streamIds.paymentRun('grundskola', '2025-03');

async function append(store: EventStore, events: PaymentRunEvent[]): Promise<void> {
  await store.append(
    STREAM,
    events.map((event) => ({ id: crypto.randomUUID(), ...event, metadata: {} })),
    { expectedRevision: 'no_stream' },
  );
}

async function paid(records: RecordLoader): Promise<PaidItem[]> {
  const items: PaidItem[] = [];
  for await (const page of records.paidItems('grundskola', '2025-03')) items.push(...page);
  return items;
}

const tempDir = tempDirs('paid');

describe('paid-items snapshots', () => {
  const closers: (() => unknown)[] = [];
  function open() {
    const dir = tempDir();
    const store = SqliteEventStore.open({ dataDir: dir });
    const snapshots = StreamSnapshots.open(dir);
    closers.push(
      () => snapshots.close(),
      () => store.close(),
    );
    const reads: number[] = [];
    const readStream = store.readStream.bind(store);
    // Counts the forward reads: the log's pages of the run, not the look at its last event.
    store.readStream = (streamId, options) => {
      if (options?.direction !== 'backwards') reads.push(options?.fromRevision ?? 0);
      return readStream(streamId, options);
    };
    return { dir, store, snapshots, reads, records: new RecordLoader(store, snapshots) };
  }
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('gives what the log gives, from the log once and from the snapshot after', async () => {
    const { store, records, reads } = open();
    // More than one page of the log (5,000 events) and of the snapshot.
    await append(store, run(5_003));
    const fromLogOnly = await paid(new RecordLoader(store));
    expect(fromLogOnly).toHaveLength(5_004);
    expect(fromLogOnly.at(-1)).toMatchObject({ kind: 'correction', period: '2025-02' });

    expect(await paid(records)).toEqual(fromLogOnly);
    const readsOfLog = reads.length;
    expect(await paid(records)).toEqual(fromLogOnly);
    expect(reads).toHaveLength(readsOfLog);
  });

  it("gives one period's items alone (reconciliation's read), from the snapshot as from the log", async () => {
    const { store, records, reads } = open();
    await append(store, run(5_003));
    const all = await paid(new RecordLoader(store));
    const of = async (loader: RecordLoader, period: string) => {
      const items: PaidItem[] = [];
      for await (const page of loader.paidItemsFor('grundskola', '2025-03', period))
        items.push(...page);
      return items;
    };
    const periods = ['2025-03', '2025-02', '2025-01'];
    const fromLog = [];
    for (const period of periods) fromLog.push(await of(new RecordLoader(store), period));
    expect(fromLog).toEqual(periods.map((p) => all.filter((item) => item.period === p)));
    expect(fromLog[1].map((item) => item.kind)).toEqual(['correction']);

    const readsBefore = reads.length;
    for (const [i, period] of periods.entries())
      expect(await of(records, period)).toEqual(fromLog[i]);
    // The log was read once (two pages), for the snapshot; the rest from the snapshot.
    expect(reads.slice(readsBefore)).toEqual([0, 5_000]);
  });

  it('is written when a run is approved, from the events it appended', async () => {
    const { store, records, reads } = open();
    const events = run(3);
    await append(store, events);
    await records.rememberPaidItems('grundskola', '2025-03', events);
    expect(await paid(records)).toEqual(await paid(new RecordLoader(store)));
    expect(reads).toEqual([0]);
  });

  it('is ignored and written again when the log does not end where it was taken', async () => {
    const first = open();
    await append(first.store, run(3));
    await paid(first.records);
    await first.snapshots.close();
    // Another data dir whose run has other amounts, given the first one's snapshot file.
    const second = open();
    await append(second.store, run(3, 5_000));
    await second.snapshots.close();
    copyFileSync(
      join(first.dir, 'stream-snapshots.sqlite'),
      join(second.dir, 'stream-snapshots.sqlite'),
    );
    const snapshots = StreamSnapshots.open(second.dir);
    closers.push(() => snapshots.close());
    const records = new RecordLoader(second.store, snapshots);

    const items = await paid(records);
    expect(items.map((item) => item.amounts.totalOre)).toEqual([5_000, 5_001, 5_002, 100]);
    expect(await records.ensurePaidItemsSnapshot('grundskola', '2025-03')).toBe(false);
    expect(snapshots.load(PAID_ITEMS, STREAM)?.revision).toBe(4);
  });

  it('is made for a run approved before snapshots were kept', async () => {
    const { store, records } = open();
    await append(store, run(2));
    expect(await records.ensurePaidItemsSnapshot('grundskola', '2025-03')).toBe(true);
    expect(await records.ensurePaidItemsSnapshot('grundskola', '2025-03')).toBe(false);
  });

  it('keeps a payment id that is not the one the domain would give it', async () => {
    const { store, records } = open();
    const events = run(2);
    const second = events[2];
    if (second.type !== 'VoucherPaymentRecorded') throw new Error('not a payment');
    events[2] = {
      ...second,
      data: { ...second.data, paymentId: 'payment-of-an-earlier-system-42' },
    };
    await append(store, events);
    await records.rememberPaidItems('grundskola', '2025-03', events);
    expect((await paid(records)).map((item) => item.paymentId)).toEqual([
      'payment/grundskola/2025-03/e-0/p-1',
      'payment-of-an-earlier-system-42',
      'correction/grundskola/2025-03/2025-02/e-0/p-1',
    ]);
  });

  it('writes nothing, and keeps what it had, when an item is not of the run', async () => {
    const { store, records, snapshots } = open();
    const events = run(3);
    await append(store, events);
    await records.rememberPaidItems('grundskola', '2025-03', events);
    const before = await paid(records);
    const items = [...before.slice(0, 2), { ...before[2], runId: 'run-of-another-month' }];

    const written = snapshots.transaction(() =>
      snapshots.paidItems.replace(STREAM, before[0], items),
    );
    expect(written).toBeUndefined();
    expect(await paid(records)).toEqual(before);
  });

  describe("a provider's part of a run (its statement)", () => {
    // The run above with every other payment at p-2.
    const shared = () =>
      run(6).map((event, i): PaymentRunEvent =>
        event.type === 'VoucherPaymentRecorded' && i % 2 === 0
          ? { ...event, data: { ...event.data, providerId: 'p-2' } }
          : event,
      );
    const ofP1 = (records: RecordLoader) =>
      records.paymentRunOfProvider('grundskola', '2025-03', 'p-1');

    it('is read where the items say, as reading the whole run gives it', async () => {
      const { store, records, reads } = open();
      const events = shared();
      await append(store, events);
      await records.rememberPaidItems('grundskola', '2025-03', events);
      const whole = await ofP1(new RecordLoader(store));
      expect(whole).toMatchObject({ status: 'approved', lineCount: 6 });
      if (whole.status !== 'approved') throw new Error('not approved');
      expect(whole.payments.map((p) => p.entitlementId)).toEqual(['e-0', 'e-2', 'e-4']);
      expect(whole.corrections).toHaveLength(1);

      reads.length = 0;
      expect(await ofP1(records)).toEqual(whole);
      // The approval, three payments and the correction, one event each.
      expect(reads).toEqual([0, 1, 3, 5, 7]);
    });

    it('is read from the whole run when the items do not fit the log', async () => {
      const { store, records } = open();
      const events = shared();
      await append(store, events);
      // A snapshot of another run of the same length (the check is its last event's revision),
      // whose payments are at the other provider.
      const other = events.map((event): PaymentRunEvent =>
        event.type === 'VoucherPaymentRecorded'
          ? {
              ...event,
              data: { ...event.data, providerId: event.data.providerId === 'p-1' ? 'p-2' : 'p-1' },
            }
          : event,
      );
      await records.rememberPaidItems('grundskola', '2025-03', other);
      expect(await ofP1(records)).toEqual(await ofP1(new RecordLoader(store)));
    });
  });
});
