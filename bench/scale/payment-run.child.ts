/**
 * One measurement of the payment-run benchmark, in a process of its own so that its peak RSS is
 * its own. Prints one JSON line on stdout.
 *
 * - `prime <dataDir>`: starts the app and waits until the read models have applied the log.
 * - `run <dataDir> <period>`: the same, then approves the period for every established scheme
 *   (timed: computing the runs and appending them durably).
 * - `floor <dataDir> <events>`: appends that many payment-sized events to a fresh embedded store
 *   in one append (timed): the least any run of that size costs to write.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { createApp } from '../../apps/api/src/create-app';
import { PaymentRuns } from '../../apps/api/src/payouts/payment-runs.service';
import { ProjectionRunner } from '../../apps/api/src/projections/projection-runner';
import { RecordLoader } from '../../apps/api/src/records/record-loader';

export interface ChildResult {
  ms: number;
  maxRssMB: number;
  /** Events appended by the measured step. */
  events: number;
  /** Untimed set-up: starting the app and catching the read models up. */
  setupMs: number;
}

const CATCH_UP_MS = 60 * 60_000;

async function withApp(
  dataDir: string,
  body: (app: Awaited<ReturnType<typeof createApp>>) => Promise<{ ms: number; events: number }>,
): Promise<ChildResult> {
  const t0 = performance.now();
  const app = await createApp({ kind: 'embedded', dataDir }, { logger: false });
  try {
    await app.init();
    const store = app.get<EventStore>(EVENT_STORE);
    if (!(await app.get(ProjectionRunner).waitFor(await store.headPosition(), CATCH_UP_MS)))
      throw new Error('The read models did not catch up');
    const setupMs = performance.now() - t0;
    const { ms, events } = await body(app);
    return { ms, events, setupMs, maxRssMB: maxRssMB() };
  } finally {
    await app.close();
  }
}

async function run(dataDir: string, period: string): Promise<ChildResult> {
  return withApp(dataDir, async (app) => {
    const schemeIds = (await app.get(RecordLoader).allSchemes()).flatMap((s) =>
      s.status === 'not_established' ? [] : [s.schemeId],
    );
    // With an Idempotency-Key, as finance approves a month (so that a retry is safe): the
    // run's events are then counted under it as they are folded.
    const meta = {
      correlationId: randomUUID(),
      actor: 'bench',
      role: 'finance',
      channel: 'bench',
      idempotencyKey: `bench:approve:${period}`,
    };
    const t0 = performance.now();
    const outcomes = await app.get(PaymentRuns).approveAll(schemeIds, period, meta);
    const ms = performance.now() - t0;
    const created = outcomes.filter((o) => o.created);
    if (created.length === 0) throw new Error(`Nothing to approve for ${period}: already paid?`);
    const events = created.reduce((n, o) => n + 1 + o.run.lineCount + o.run.correctionCount, 0);
    return { ms, events };
  });
}

/** A payment as a run of the seed writes it: one segment, no supplements. */
function paymentLike(i: number) {
  const entitlementId = `ent-${i.toString(36).padStart(8, '0')}`;
  return {
    paymentId: `payment/grundskola/2014-09/${entitlementId}/provider-0042`,
    runId: 'run-grundskola-2014-09',
    schemeId: 'grundskola',
    period: '2014-09',
    citizenId: randomUUID(),
    entitlementId,
    providerId: 'provider-0042',
    model: 'monthly',
    basis: {
      proration: 'per_day',
      countingDay: null,
      daysInMonth: 30,
      placedDays: 30,
      paidDays: 30,
      unauthorisedDays: 0,
      unpricedDays: 0,
      segments: [
        {
          from: '2014-09-01',
          to: '2014-09-30',
          days: 30,
          level: 'grade-4-6',
          rateOre: 8_741_200,
          rateEffectiveDate: '2014-01-01',
          vatBasisPoints: 600,
        },
      ],
      vatBasisPoints: 600,
      hours: null,
      supplements: [],
    },
    amounts: {
      voucherOre: 8_741_200,
      vatCompensationOre: 524_472,
      supplementOre: 0,
      totalOre: 9_265_672,
    },
    flags: [],
  };
}

async function floor(dataDir: string, count: number): Promise<ChildResult> {
  const store = SqliteEventStore.open({ dataDir });
  try {
    const metadata = {
      correlationId: randomUUID(),
      actor: 'bench',
      role: 'finance',
      channel: 'bench',
      schemaVersion: 1,
    };
    const t0 = performance.now();
    await store.append(
      'payment-run-grundskola/2014-09',
      Array.from({ length: count }, (_, i) => ({
        id: randomUUID(),
        type: 'VoucherPaymentRecorded',
        data: paymentLike(i),
        metadata,
      })),
      { expectedRevision: 'no_stream' },
    );
    return { ms: performance.now() - t0, events: count, setupMs: 0, maxRssMB: maxRssMB() };
  } finally {
    await store.close();
  }
}

function maxRssMB(): number {
  // Kilobytes on Linux.
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<ChildResult> {
  const [mode, dataDir, arg] = process.argv.slice(2);
  if (mode === 'prime') return withApp(dataDir, async () => ({ ms: 0, events: 0 }));
  if (mode === 'run') return run(dataDir, arg);
  if (mode === 'floor') return floor(dataDir, Number(arg));
  throw new Error('usage: payment-run.child.js prime|run|floor <dataDir> [period|events]');
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
