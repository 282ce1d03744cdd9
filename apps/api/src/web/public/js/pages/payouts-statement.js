// A provider's statement for a month: totals, one line per citizen, corrections, CSV download.
import { api, download } from '../api.js';
import { badge, fmt, h, table } from '../dom.js';
import { t } from '../i18n.js';

export async function statementView({ ref, providerId, period }) {
  if (!providerId || !period) return h('p', { class: 'hint' }, t('statement.pick'));
  const path = `/statements/${encodeURIComponent(providerId)}/${period}`;
  const statement = await api(path, { query: { purpose: t('statement.purpose') } });
  const totals = statement.totals;
  // The runs of the month that paid this provider anything (a run covers one scheme).
  const paidSchemes = new Set(statement.lines.map((l) => l.schemeId));
  const runs = statement.runs.filter((r) => paidSchemes.has(r.schemeId));
  const csv = (numbers) =>
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        dataset: { csv: numbers },
        onclick: () =>
          download(
            path,
            { format: 'csv', numbers, purpose: t('statement.purpose') },
            `statement-${providerId}-${period}${numbers === 'sv' ? '-sv' : ''}.csv`,
          ),
      },
      t(`statement.csv.${numbers}`),
    );
  return [
    h('h3', {}, t('statement.heading', { provider: ref.providerName(providerId), period })),
    h(
      'dl',
      {
        class: 'facts statement-totals',
        dataset: {
          total: totals.totalOre,
          payments: totals.payments,
          corrections: totals.corrections,
        },
      },
      fact(t('statement.payments'), fmt.int(totals.payments)),
      fact(t('payouts.corrections'), fmt.int(totals.corrections)),
      fact(t('statement.voucher'), fmt.ore(totals.voucherOre)),
      fact(t('statement.vat'), fmt.ore(totals.vatCompensationOre)),
      fact(t('statement.supplement'), fmt.ore(totals.supplementOre)),
      fact(t('common.total'), fmt.ore(totals.totalOre), 'total'),
    ),
    statement.runs.length === 0
      ? h('p', { class: 'hint' }, t('statement.noRuns'))
      : runs.length
        ? h(
            'p',
            { class: 'hint' },
            t('statement.runs', {
              runs: runs.map((r) => `${ref.schemeName(r.schemeId)} (${r.approvedOn})`).join(', '),
            }),
          )
        : null,
    h('div', { class: 'actions' }, csv('sv'), csv('en')),
    table({
      caption: t('statement.lines'),
      empty: t('statement.noLines'),
      rows: statement.lines,
      className: 'data statement-lines',
      rowAttrs: (l) => ({
        class: l.kind === 'correction' ? 'correction' : null,
        dataset: { payment: l.paymentId, kind: l.kind },
      }),
      columns: [
        {
          label: t('statement.kind'),
          cell: (l) =>
            l.kind === 'correction'
              ? badge(t('statement.correction'), 'warn')
              : badge(t('statement.payment'), 'info'),
        },
        { label: t('common.scheme'), value: (l) => ref.schemeName(l.schemeId) },
        { label: t('statement.forPeriod'), value: (l) => l.forPeriod },
        {
          key: 'personalNumber',
          label: t('citizen.personalNumber'),
          value: (l) => l.personalNumber ?? t('citizen.erased'),
        },
        { label: t('common.entitlement'), value: (l) => l.entitlementId },
        { label: t('statement.basis'), value: (l) => basis(l.basis) },
        {
          label: t('statement.voucher'),
          align: 'right',
          value: (l) => fmt.ore(l.amounts.voucherOre),
        },
        {
          label: t('statement.vat'),
          align: 'right',
          value: (l) => fmt.ore(l.amounts.vatCompensationOre),
        },
        {
          label: t('statement.supplement'),
          align: 'right',
          value: (l) => fmt.ore(l.amounts.supplementOre),
        },
        {
          key: 'total',
          label: t('common.total'),
          align: 'right',
          value: (l) => fmt.ore(l.amounts.totalOre),
        },
        { label: t('statement.corrects'), value: (l) => l.correctsPaymentId ?? '' },
      ],
    }),
  ];
}

function fact(label, value, figure) {
  return h(
    'div',
    {},
    h('dt', {}, label),
    h('dd', { dataset: figure ? { figure } : undefined }, value),
  );
}

function basis(b) {
  if (!b) return '–';
  if (b.hours)
    return t('statement.hours', {
      paid: fmt.decimal(b.hours.paid / 100),
      granted: fmt.decimal(b.hours.granted / 100),
    });
  const rates = [...new Set((b.segments ?? []).map((s) => fmt.ore(s.rateOre)))].join(', ');
  return t('statement.days', { paid: b.paidDays, month: b.daysInMonth, rates });
}
