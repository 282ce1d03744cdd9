import { Statement } from './statement';

export type NumberFormat = 'sv' | 'en';

const COLUMNS = [
  'kind',
  'payment_id',
  'scheme_id',
  'for_period',
  'corrects_payment_id',
  'citizen_id',
  'personal_number',
  'entitlement_id',
  'days_paid',
  'hours_paid',
  'voucher',
  'vat_compensation',
  'supplement',
  'total',
];

/**
 * The statement as CSV, amounts in kronor with two decimals. Swedish format (for Excel set to
 * Swedish): `;` between fields and a decimal comma; English: `,` and a decimal point. Computed
 * from whole öre with integer arithmetic, so the text is exact.
 */
export function statementCsv(statement: Statement, format: NumberFormat): string {
  const separator = format === 'sv' ? ';' : ',';
  const money = (ore: number) => kronor(ore, format === 'sv' ? ',' : '.');
  const rows = statement.lines.map((line) => [
    line.kind,
    line.paymentId,
    line.schemeId,
    line.forPeriod,
    line.correctsPaymentId ?? '',
    line.citizenId,
    line.personalNumber ?? '',
    line.entitlementId,
    String(line.basis?.paidDays ?? ''),
    line.basis?.hours ? kronor(line.basis.hours.paid, format === 'sv' ? ',' : '.') : '',
    money(line.amounts.voucherOre),
    money(line.amounts.vatCompensationOre),
    money(line.amounts.supplementOre),
    money(line.amounts.totalOre),
  ]);
  const { totals } = statement;
  const total = [
    'total',
    '',
    '',
    statement.period,
    '',
    '',
    '',
    '',
    '',
    '',
    money(totals.voucherOre),
    money(totals.vatCompensationOre),
    money(totals.supplementOre),
    money(totals.totalOre),
  ];
  return (
    [COLUMNS, ...rows, total]
      .map((row) => row.map((cell) => quote(cell, separator)).join(separator))
      .join('\r\n') + '\r\n'
  );
}

/** Öre (or hundredths of hours) as a decimal with two places, without floating point. */
function kronor(ore: number, decimal: string): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

function quote(cell: string, separator: string): string {
  return /["\r\n]/.test(cell) || cell.includes(separator) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
