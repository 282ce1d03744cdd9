import { isInstant } from '../shared/calendar-date';
import { assertDecisionContext, DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { assertOre, isOre, sumOre } from '../shared/money';
import { unknownCommand } from '../shared/unknown-command';
import { assertIdentifier, assertUnique, isIdentifier } from '../shared/validation';
import type { VoucherCorrection } from './corrections';
import { ApprovePaymentRun, PaymentRunCommand } from './payment-run.commands';
import { PaymentRunEvent } from './payment-run.events';
import { correctionIdOf, paymentIdOf } from './payment-run.queries';
import { PaymentRunState } from './payment-run.state';
import { assertPeriod, periodOf } from './period';
import { isZeroAmounts, paymentKey, VoucherAmounts, VoucherLine } from './voucher-line';

/**
 * Decides a payment-run command. Returns the events to append, or throws a `DomainError`. Pure;
 * the caller appends to the run's stream (one per scheme and period) expecting it to be empty.
 */
export function decidePaymentRun(
  command: PaymentRunCommand,
  state: PaymentRunState,
  context: DecisionContext,
): PaymentRunEvent[] {
  assertDecisionContext(context);
  switch (command.type) {
    case 'ApprovePaymentRun':
      return approve(command, state, context);
    default:
      return unknownCommand(command.type);
  }
}

/**
 * Rules: the run was not approved before (`PAYMENT_RUN_ALREADY_APPROVED`, whose details name
 * the existing run); the period has ended, i.e. lies before the month of `today`
 * (`PERIOD_NOT_ENDED`); every line is of this scheme and period and every correction of this
 * scheme and an earlier period (`PAYMENT_RUN_MISMATCH`), each at most once; amounts are whole
 * öre and add up (`INVALID_MONEY`); a correction carries a non-zero difference.
 */
function approve(
  { data }: ApprovePaymentRun,
  state: PaymentRunState,
  { today }: DecisionContext,
): PaymentRunEvent[] {
  const runId = assertIdentifier(data.runId, 'runId');
  const schemeId = assertIdentifier(data.schemeId, 'schemeId');
  const period = assertPeriod(data.period, 'period');
  if (state.status === 'approved') {
    throw new DomainError(
      'PAYMENT_RUN_ALREADY_APPROVED',
      `The payment run for ${state.schemeId} ${state.period} was approved on ${state.approvedOn}.`,
      {
        runId: state.runId,
        schemeId: state.schemeId,
        period: state.period,
        approvedOn: state.approvedOn,
        totalOre: state.totalOre,
      },
    );
  }
  if (!isInstant(data.computedAt)) {
    throw new DomainError('INVALID_INPUT', 'computedAt must be an ISO UTC instant.', {
      field: 'computedAt',
    });
  }
  const currentPeriod = periodOf(today);
  if (period >= currentPeriod) {
    throw new DomainError(
      'PERIOD_NOT_ENDED',
      `${period} can be paid once it has ended, from the first day of the next month.`,
      { period, currentPeriod },
    );
  }
  const lines = listOf<VoucherLine>(data.lines, 'lines');
  const corrections = listOf<VoucherCorrection>(data.corrections, 'corrections');
  lines.forEach((line, index) => checkLine(line, index, schemeId, period));
  corrections.forEach((correction, index) => checkCorrection(correction, index, schemeId, period));
  assertUnique(
    lines.map((line) => paymentKey(line.period, line.entitlementId, line.providerId)),
    'lines',
  );
  assertUnique(
    corrections.map((c) => paymentKey(c.correctsPeriod, c.entitlementId, c.providerId)),
    'corrections',
  );

  const linesTotalOre = sumOre(lines.map((line) => line.amounts.totalOre));
  const correctionsTotalOre = sumOre(corrections.map((c) => c.difference.totalOre));
  return [
    {
      type: 'PaymentRunApproved',
      data: {
        runId,
        schemeId,
        period,
        totalOre: sumOre([linesTotalOre, correctionsTotalOre]),
        linesTotalOre,
        correctionsTotalOre,
        lineCount: lines.length,
        correctionCount: corrections.length,
        computedAt: data.computedAt,
        approvedOn: today,
      },
    },
    ...lines.map((line): PaymentRunEvent => ({
      type: 'VoucherPaymentRecorded',
      data: {
        paymentId: paymentIdOf(schemeId, period, line.entitlementId, line.providerId),
        runId,
        schemeId,
        period,
        citizenId: line.citizenId,
        entitlementId: line.entitlementId,
        providerId: line.providerId,
        model: line.model,
        basis: line.basis,
        amounts: line.amounts,
        flags: line.flags,
      },
    })),
    ...corrections.map((correction): PaymentRunEvent => ({
      type: 'VoucherPaymentCorrected',
      data: {
        paymentId: correctionIdOf(
          schemeId,
          period,
          correction.correctsPeriod,
          correction.entitlementId,
          correction.providerId,
        ),
        runId,
        schemeId,
        period,
        correctsPeriod: correction.correctsPeriod,
        correctsPaymentId: correction.correctsPaymentId,
        citizenId: correction.citizenId,
        entitlementId: correction.entitlementId,
        providerId: correction.providerId,
        previouslyPaid: correction.previouslyPaid,
        owed: correction.owed,
        difference: correction.difference,
        differenceOre: correction.difference.totalOre,
        model: correction.line?.model ?? null,
        basis: correction.line?.basis ?? null,
        flags: correction.line?.flags ?? [],
      },
    })),
  ];
}

function listOf<T>(value: unknown, field: string): readonly T[] {
  if (!Array.isArray(value)) {
    throw new DomainError('INVALID_INPUT', `${field} must be a list.`, { field });
  }
  return value as T[];
}

function mismatch(field: string, message: string, details: Record<string, unknown>): never {
  throw new DomainError('PAYMENT_RUN_MISMATCH', message, { field, ...details });
}

// A national run checks a million lines: each check names its field only once it has failed.
function checkLine(line: VoucherLine, index: number, schemeId: string, period: string): void {
  if (!line || line.schemeId !== schemeId || line.period !== period) {
    mismatch(`lines[${index}]`, `Every line must be of scheme ${schemeId} and period ${period}.`, {
      schemeId: line?.schemeId,
      period: line?.period,
    });
  }
  const valid =
    isIdentifier(line.citizenId) &&
    isIdentifier(line.entitlementId) &&
    isIdentifier(line.providerId) &&
    amountsAddUp(line.amounts, 'non_negative');
  if (valid) return;
  const field = `lines[${index}]`;
  assertIdentifier(line.citizenId, `${field}.citizenId`);
  assertIdentifier(line.entitlementId, `${field}.entitlementId`);
  assertIdentifier(line.providerId, `${field}.providerId`);
  checkAmounts(line.amounts, `${field}.amounts`, 'non_negative');
}

function checkCorrection(
  correction: VoucherCorrection,
  index: number,
  schemeId: string,
  period: string,
): void {
  const field = `corrections[${index}]`;
  if (
    !correction ||
    correction.schemeId !== schemeId ||
    typeof correction.correctsPeriod !== 'string' ||
    correction.correctsPeriod >= period
  ) {
    mismatch(
      field,
      `Every correction must be of scheme ${schemeId} and a period before ${period}.`,
      {
        schemeId: correction?.schemeId,
        correctsPeriod: correction?.correctsPeriod,
      },
    );
  }
  assertPeriod(correction.correctsPeriod, `${field}.correctsPeriod`);
  assertIdentifier(correction.citizenId, `${field}.citizenId`);
  assertIdentifier(correction.entitlementId, `${field}.entitlementId`);
  assertIdentifier(correction.providerId, `${field}.providerId`);
  checkAmounts(correction.previouslyPaid, `${field}.previouslyPaid`, 'any');
  checkAmounts(correction.owed, `${field}.owed`, 'non_negative');
  checkAmounts(correction.difference, `${field}.difference`, 'any');
  if (isZeroAmounts(correction.difference)) {
    throw new DomainError('INVALID_MONEY', 'A correction must carry a difference.', {
      field: `${field}.difference`,
    });
  }
}

// What `checkAmounts` checks, without naming anything.
function amountsAddUp(amounts: VoucherAmounts, sign: 'any' | 'non_negative'): boolean {
  if (!amounts || typeof amounts !== 'object') return false;
  const { voucherOre, vatCompensationOre, supplementOre, totalOre } = amounts;
  if (!isOre(voucherOre) || !isOre(vatCompensationOre) || !isOre(supplementOre)) return false;
  if (!isOre(totalOre)) return false;
  const sum = voucherOre + vatCompensationOre + supplementOre;
  const signed =
    sign === 'any' ||
    (voucherOre >= 0 && vatCompensationOre >= 0 && supplementOre >= 0 && totalOre >= 0);
  return signed && Number.isSafeInteger(sum) && sum === totalOre;
}

function checkAmounts(amounts: VoucherAmounts, field: string, sign: 'any' | 'non_negative'): void {
  if (!amounts || typeof amounts !== 'object') {
    throw new DomainError('INVALID_MONEY', `${field} must give the amounts in öre.`, { field });
  }
  const parts = [
    assertOre(amounts.voucherOre, `${field}.voucherOre`, sign),
    assertOre(amounts.vatCompensationOre, `${field}.vatCompensationOre`, sign),
    assertOre(amounts.supplementOre, `${field}.supplementOre`, sign),
  ];
  const total = assertOre(amounts.totalOre, `${field}.totalOre`, sign);
  if (sumOre(parts) !== total) {
    throw new DomainError('INVALID_MONEY', `${field}.totalOre must be the sum of its parts.`, {
      field: `${field}.totalOre`,
    });
  }
}
