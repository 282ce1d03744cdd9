import { Injectable } from '@nestjs/common';
import { approvalOf, isDomainError, PaymentRunPreview, paymentRunDecider } from '@kundval/domain';
import { WrongExpectedRevisionError } from '@kundval/event-store';
import { CommandExecutor } from '../commands/command-executor';
import { CommandMetadata } from '../commands/command-metadata';
import { PaymentRunSummary, RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';
import { KeyedLock } from '../shared/keyed-lock';
import { PayoutInputs, PayoutSession } from './payout-inputs';

export interface PaymentRunOutcome {
  /** The run as approved, without its payments (`GET /payment-runs/:schemeId/:period` has them). */
  run: PaymentRunSummary;
  /** False when the period had already been approved: the existing run is reported. */
  created: boolean;
  position: number;
}

/**
 * Payment runs (utbetalningar): a preview computes the run without writing; approving it appends
 * the run with one payment event per citizen, provider and period, and the corrections of
 * earlier periods. One stream per scheme and period written with "no stream yet": a second or
 * concurrent approval can never append again; it gets the run that exists.
 */
@Injectable()
export class PaymentRuns {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly inputs: PayoutInputs,
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
  ) {}

  async preview(schemeId: string, period: string): Promise<PaymentRunPreview> {
    const session = await this.inputs.open();
    try {
      return await this.inputs.preview(session, schemeId, period);
    } finally {
      session.close();
    }
  }

  async approve(
    schemeId: string,
    period: string,
    meta: CommandMetadata,
  ): Promise<PaymentRunOutcome> {
    const [outcome] = await this.approveAll([schemeId], period, meta);
    return outcome;
  }

  /**
   * Approves the period for each scheme in turn. What the schemes share (providers, the
   * entitlement snapshot) is loaded once, and only if some run is still to be made.
   */
  async approveAll(
    schemeIds: readonly string[],
    period: string,
    meta: CommandMetadata,
  ): Promise<PaymentRunOutcome[]> {
    let session: Promise<PayoutSession> | undefined;
    const outcomes: PaymentRunOutcome[] = [];
    try {
      for (const schemeId of schemeIds) {
        outcomes.push(
          await this.approveOne(schemeId, period, meta, () => (session ??= this.inputs.open())),
        );
      }
    } finally {
      await session?.then((s) => s.close()).catch(() => undefined);
    }
    return outcomes;
  }

  private approveOne(
    schemeId: string,
    period: string,
    meta: CommandMetadata,
    session: () => Promise<PayoutSession>,
  ): Promise<PaymentRunOutcome> {
    const stream = streamIds.paymentRun(schemeId, period);
    // One approval per scheme and period at a time in this process; the append expecting no
    // stream settles it between processes.
    return this.lock.run(stream, async () => {
      const existing = await this.records.paymentRunHeader(schemeId, period);
      if (existing) return { run: existing, created: false, position: 0 };
      try {
        const { loaded, events } = await this.decide(
          stream,
          schemeId,
          period,
          meta,
          await session(),
        );
        if (loaded.replay) {
          const run = await this.approved(schemeId, period);
          return { run, created: false, position: loaded.replay.position };
        }
        const result = await this.executor.append(loaded, events, meta);
        await this.records.rememberPaidItems(schemeId, period, events);
        return {
          run: await this.approved(schemeId, period),
          created: true,
          position: result.position,
        };
      } catch (error) {
        // Another node approved it first: report that run.
        const lost =
          error instanceof WrongExpectedRevisionError ||
          (isDomainError(error) && error.code === 'PAYMENT_RUN_ALREADY_APPROVED');
        if (!lost) throw error;
        return { run: await this.approved(schemeId, period), created: false, position: 0 };
      }
    });
  }

  /**
   * The run's stream as read and the events to append to it (none when this request was already
   * answered: `loaded.replay`). Its own function so that the lines (the preview and the approval)
   * can go before the events are appended: at national scale they are a hundred megabytes.
   */
  private async decide(
    stream: string,
    schemeId: string,
    period: string,
    meta: CommandMetadata,
    session: PayoutSession,
  ) {
    const context = this.executor.context();
    // An identifier (letters, digits, . _ : -), as the domain requires: no '/'.
    const runId = `run-${schemeId}-${period}`;
    const approval = approvalOf(await this.inputs.preview(session, schemeId, period), {
      runId,
      computedAt: context.now,
    });
    const loaded = await this.executor.load(paymentRunDecider, stream, meta, { schemeId, period });
    if (loaded.replay) return { loaded, events: [] };
    return { loaded, events: paymentRunDecider.decide(approval, loaded.state, context) };
  }

  private async approved(schemeId: string, period: string): Promise<PaymentRunSummary> {
    const run = await this.records.paymentRunHeader(schemeId, period);
    if (!run) throw new Error(`Payment run ${schemeId}/${period} was not recorded`);
    return run;
  }
}
