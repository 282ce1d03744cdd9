import { ApprovedPaymentRun, VoucherAmounts, VoucherBasis } from '@kundval/domain';

/** One line of a provider's statement: a payment for the period, or a correction of an earlier one. */
export interface StatementLine {
  kind: 'payment' | 'correction';
  paymentId: string;
  schemeId: string;
  /** The period the amount is for (a correction's is the earlier period it settles). */
  forPeriod: string;
  correctsPaymentId: string | null;
  citizenId: string;
  /** `YYYYMMDD-****`, or null when the citizen's identity has been erased. */
  personalNumber: string | null;
  entitlementId: string;
  basis: VoucherBasis | null;
  amounts: VoucherAmounts;
}

export interface Statement {
  providerId: string;
  period: string;
  runs: { runId: string; schemeId: string; approvedOn: string }[];
  lines: StatementLine[];
  totals: VoucherAmounts & { payments: number; corrections: number };
}

/** Builds a provider's statement for a period from the approved runs of that period. */
export function statementOf(
  providerId: string,
  period: string,
  runs: readonly ApprovedPaymentRun[],
  personalNumberOf: (citizenId: string) => string | null,
): Statement {
  const lines: StatementLine[] = [];
  for (const run of runs) {
    for (const p of run.payments.filter((p) => p.providerId === providerId)) {
      lines.push({
        kind: 'payment',
        paymentId: p.paymentId,
        schemeId: p.schemeId,
        forPeriod: p.period,
        correctsPaymentId: null,
        citizenId: p.citizenId,
        personalNumber: personalNumberOf(p.citizenId),
        entitlementId: p.entitlementId,
        basis: p.basis,
        amounts: p.amounts,
      });
    }
    for (const c of run.corrections.filter((c) => c.providerId === providerId)) {
      lines.push({
        kind: 'correction',
        paymentId: c.paymentId,
        schemeId: c.schemeId,
        forPeriod: c.correctsPeriod,
        correctsPaymentId: c.correctsPaymentId,
        citizenId: c.citizenId,
        personalNumber: personalNumberOf(c.citizenId),
        entitlementId: c.entitlementId,
        basis: c.basis,
        amounts: c.difference,
      });
    }
  }
  const sum = (key: keyof VoucherAmounts) =>
    lines.reduce((total, line) => total + line.amounts[key], 0);
  return {
    providerId,
    period,
    runs: runs.map((r) => ({ runId: r.runId, schemeId: r.schemeId, approvedOn: r.approvedOn })),
    lines,
    totals: {
      voucherOre: sum('voucherOre'),
      vatCompensationOre: sum('vatCompensationOre'),
      supplementOre: sum('supplementOre'),
      totalOre: sum('totalOre'),
      payments: lines.filter((l) => l.kind === 'payment').length,
      corrections: lines.filter((l) => l.kind === 'correction').length,
    },
  };
}
