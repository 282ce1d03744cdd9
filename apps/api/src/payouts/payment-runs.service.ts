import { Injectable } from '@nestjs/common';
import {
  approvalOf,
  ApprovedPaymentRun,
  isDomainError,
  PaymentRunPreview,
  paymentRunDecider,
  previewPaymentRun,
} from '@kundval/domain';
import { WrongExpectedRevisionError } from '@kundval/event-store';
import { CommandExecutor } from '../commands/command-executor';
import { CommandMetadata } from '../commands/command-metadata';
import { RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';
import { KeyedLock } from '../shared/keyed-lock';
import { PayoutInputs } from './payout-inputs';

export interface PaymentRunOutcome {
  run: ApprovedPaymentRun;
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
    return previewPaymentRun(await this.inputs.load(schemeId, period));
  }

  approve(schemeId: string, period: string, meta: CommandMetadata): Promise<PaymentRunOutcome> {
    const stream = streamIds.paymentRun(schemeId, period);
    return this.lock.run(stream, async () => {
      const existing = await this.records.paymentRun(schemeId, period);
      if (existing.status === 'approved') return { run: existing, created: false, position: 0 };
      const preview = await this.preview(schemeId, period);
      const context = this.executor.context();
      // An identifier (letters, digits, . _ : -), as the domain requires: no '/'.
      const runId = `run-${schemeId}-${period}`;
      try {
        const result = await this.executor.execute(
          paymentRunDecider,
          stream,
          approvalOf(preview, { runId, computedAt: context.now }),
          meta,
          { request: { schemeId, period }, context },
        );
        return {
          run: await this.approved(schemeId, period),
          created: !result.replayed,
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

  private async approved(schemeId: string, period: string): Promise<ApprovedPaymentRun> {
    const run = await this.records.paymentRun(schemeId, period);
    if (run.status !== 'approved')
      throw new Error(`Payment run ${schemeId}/${period} was not recorded`);
    return run;
  }
}
