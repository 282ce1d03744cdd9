// Utbetalningar: payment runs per period (and approving one), a chart of monthly payouts per
// scheme, a provider's statement with lines and corrections (CSV download), reconciliation.
import { api, rememberPosition } from '../api.js';
import { badge, fmt, h, inlineForm, section, table } from '../dom.js';
import { barChart } from '../chart.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n.js';
import { referenceData } from '../names.js';
import { can } from '../roles.js';
import { statementView } from './payouts-statement.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function render(root, { session, query }) {
  const ref = await referenceData();
  root.append(h('h1', {}, t('nav.utbetalningar')), h('p', { class: 'lead' }, t('payouts.intro')));
  const sections = [];
  // The runs section and the reconciliation's month picker, loading together, share one request.
  let listing = null;
  const listRuns = () => {
    if (listing) return listing;
    const done = () => (listing = null);
    listing = api('/payment-runs');
    listing.then(done, done);
    return listing;
  };
  let runs = null;
  if (can(session, 'paymentRuns')) {
    runs = section(t('payouts.runs'), 'runs', () => runsView(ref, listRuns));
    sections.push(runs);
  }
  const reconciliation = can(session, 'reconciliation')
    ? section(t('payouts.reconciliation'), 'reconciliation', (month) =>
        reconciliationView(ref, listRuns, month, (picked) => reconciliation.reload(picked)),
      )
    : null;
  if (can(session, 'approveRun')) {
    const form = approveForm(ref, async () => {
      // Back to the latest closed month, which may be the one just approved.
      reconciliation?.reload();
      await runs?.reload();
    });
    sections.unshift(h('section', { class: 'card', 'aria-label': t('approve.title') }, form));
  }
  if (can(session, 'statements')) {
    const providerId = session.role === 'provider' ? session.providerId : query.provider;
    const period = PERIOD.test(query.period ?? '') ? query.period : null;
    const s = section(t('payouts.statement'), 'statement', (p = providerId, month = period) =>
      statementView({ ref, session, providerId: p, period: month }),
    );
    // Picking another statement reloads that section only, and keeps the address in step.
    const pick = (p, month) => {
      history.replaceState(
        null,
        '',
        `#/utbetalningar?provider=${encodeURIComponent(p)}&period=${month}`,
      );
      return s.reload(p, PERIOD.test(month) ? month : null);
    };
    s.querySelector('h2').after(statementPicker(ref, session, providerId, period, pick));
    sections.push(s);
  }
  if (reconciliation) sections.push(reconciliation);
  root.append(...sections);
  await Promise.all(sections.map((s) => s.ready));
}

function approveForm(ref, refresh) {
  return commandForm({
    id: 'approve-form',
    title: t('approve.title'),
    fields: [
      { name: 'period', label: t('approve.period'), type: 'month', hint: t('approve.periodHint') },
      {
        name: 'schemeId',
        label: t('common.scheme'),
        type: 'select',
        optional: true,
        options: [
          { value: '', label: t('approve.allSchemes') },
          ...ref.schemes.map((s) => ({ value: s.schemeId, label: ref.schemeName(s.schemeId) })),
        ],
      },
    ],
    submitLabel: t('approve.submit'),
    submit: async (body) => {
      const result = await api('/payment-runs', { method: 'POST', body });
      rememberPosition(result.position);
      await refresh();
      return result;
    },
    success: (result) =>
      t('approve.done', {
        period: result.period,
        created: result.runs.filter((r) => r.created).length,
        runs: result.runs.length,
        total: fmt.ore(result.totalOre),
      }),
  });
}

async function runsView(ref, listRuns) {
  const runs = [...(await listRuns())].sort(
    (a, b) => b.period.localeCompare(a.period) || a.schemeId.localeCompare(b.schemeId),
  );
  const periods = [...new Set(runs.map((r) => r.period))].sort();
  // Only schemes that paid anything get a colour in the chart and a row in the detail table.
  const paying = runs.filter((r) => r.lineCount + r.correctionCount > 0);
  const schemes = [...new Set(paying.map((r) => r.schemeId))].sort();
  const totalOf = (period, schemeId) =>
    runs
      .filter((r) => r.period === period && r.schemeId === schemeId)
      .reduce((s, r) => s + r.totalOre, 0);
  const perPeriod = [...periods].reverse().map((period) => {
    const of = runs.filter((r) => r.period === period);
    const sum = (key) => of.reduce((s, r) => s + r[key], 0);
    return {
      period,
      runs: of.length,
      lines: sum('lineCount'),
      corrections: sum('correctionCount'),
      correctionsOre: sum('correctionsTotalOre'),
      totalOre: sum('totalOre'),
      approvedOn: of
        .map((r) => r.approvedOn)
        .sort()
        .at(-1),
    };
  });
  const money = (label, key, value) => ({ key, label, align: 'right', value });
  return [
    table({
      caption: t('payouts.periodsTable'),
      empty: t('payouts.noRuns'),
      rows: perPeriod,
      className: 'data periods',
      rowAttrs: (p) => ({ dataset: { period: p.period, total: p.totalOre } }),
      columns: [
        { label: t('payouts.period'), rowHeader: true, value: (p) => p.period },
        money(t('payouts.runCount'), 'runs', (p) => fmt.int(p.runs)),
        money(t('payouts.lines'), 'lines', (p) => fmt.int(p.lines)),
        money(t('payouts.corrections'), 'corrections', (p) => fmt.int(p.corrections)),
        money(t('payouts.correctionsTotal'), 'correctionsOre', (p) => fmt.ore(p.correctionsOre)),
        money(t('common.total'), 'total', (p) => fmt.ore(p.totalOre)),
        { label: t('payouts.approvedOn'), value: (p) => p.approvedOn },
      ],
    }),
    schemes.length
      ? barChart({
          title: t('payouts.chart'),
          description: t('payouts.chartDesc'),
          orientation: 'vertical',
          categories: periods.map((p) => ({ key: p, label: p })),
          series: schemes.map((s) => ({ key: s, label: ref.schemeName(s) })),
          value: totalOf,
          format: (ore) => fmt.kr(ore),
        })
      : null,
    paying.length
      ? table({
          caption: t('payouts.runsTable'),
          rows: paying,
          className: 'data runs',
          rowAttrs: (r) => ({ dataset: { run: r.runId, period: r.period, scheme: r.schemeId } }),
          columns: [
            { label: t('payouts.period'), rowHeader: true, value: (r) => r.period },
            { label: t('common.scheme'), value: (r) => ref.schemeName(r.schemeId) },
            money(t('payouts.lines'), 'lines', (r) => fmt.int(r.lineCount)),
            money(t('payouts.corrections'), 'corrections', (r) => fmt.int(r.correctionCount)),
            money(t('payouts.correctionsTotal'), 'correctionsOre', (r) =>
              fmt.ore(r.correctionsTotalOre),
            ),
            money(t('common.total'), 'total', (r) => fmt.ore(r.totalOre)),
            { label: t('payouts.approvedOn'), value: (r) => r.approvedOn },
          ],
        })
      : null,
    runs.length > paying.length
      ? h('p', { class: 'hint' }, t('payouts.emptyRuns', { n: runs.length - paying.length }))
      : null,
  ];
}

function statementPicker(ref, session, providerId, period, pick) {
  const periodInput = h('input', {
    type: 'month',
    id: 'statement-period',
    name: 'period',
    value: period ?? '',
  });
  const fixed = session.role === 'provider';
  const providers = [...ref.providers].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const providerSelect = fixed
    ? null
    : h(
        'select',
        { id: 'statement-provider', name: 'providerId' },
        h('option', { value: '' }, '–'),
        providers.map((p) =>
          h(
            'option',
            { value: p.providerId, selected: p.providerId === providerId },
            `${p.name} (${p.providerId})`,
          ),
        ),
      );
  return inlineForm(
    {
      id: 'statement-form',
      onSubmit: () => pick(fixed ? providerId : providerSelect.value, periodInput.value),
    },
    fixed
      ? null
      : [h('label', { for: 'statement-provider' }, t('common.provider')), providerSelect],
    h('label', { for: 'statement-period' }, t('payouts.period')),
    periodInput,
    h('button', { type: 'submit' }, t('common.show')),
  );
}

/** The picker's value for every closed month at once. */
const EVERY_MONTH = 'all';

/**
 * One closed month at a time, the latest unless another is picked: every month of every scheme
 * is recomputed in minutes at national scale, too long to wait for when the page opens.
 */
async function reconciliationView(ref, listRuns, month, show) {
  const periods = [...new Set((await listRuns()).map((r) => r.period))].sort().reverse();
  if (periods.length === 0) return h('p', { class: 'hint' }, t('reconciliation.none'));
  const period = month === EVERY_MONTH || periods.includes(month) ? month : periods[0];
  const answer = await api('/reconciliation', period === EVERY_MONTH ? {} : { query: { period } });
  const select = h(
    'select',
    { id: 'reconciliation-period', name: 'period' },
    periods.map((p) => h('option', { value: p, selected: p === period }, p)),
    h('option', { value: EVERY_MONTH, selected: period === EVERY_MONTH }, t('reconciliation.all')),
  );
  const picker = inlineForm(
    { id: 'reconciliation-form', onSubmit: () => show(select.value) },
    h('label', { for: 'reconciliation-period' }, t('payouts.period')),
    select,
    h('button', { type: 'submit' }, t('common.show')),
  );
  return [
    picker,
    h(
      'p',
      { class: 'figure', dataset: { balanced: String(answer.balanced) } },
      answer.balanced
        ? badge(t('reconciliation.balanced'), 'ok')
        : badge(t('reconciliation.unbalanced'), 'bad'),
      ' ',
      t('reconciliation.explain'),
    ),
    table({
      caption: t('reconciliation.table'),
      rows: answer.schemes,
      rowAttrs: (r) => ({ dataset: { scheme: r.schemeId, balanced: String(r.balanced) } }),
      columns: [
        { label: t('common.scheme'), rowHeader: true, value: (r) => ref.schemeName(r.schemeId) },
        {
          key: 'paid',
          label: t('reconciliation.paid'),
          align: 'right',
          value: (r) => fmt.ore(r.totals.paidOre),
        },
        {
          key: 'recomputed',
          label: t('reconciliation.recomputed'),
          align: 'right',
          value: (r) => fmt.ore(r.totals.recomputedOre),
        },
        {
          key: 'difference',
          label: t('reconciliation.difference'),
          align: 'right',
          value: (r) => fmt.ore(r.totals.differenceOre),
        },
        {
          label: t('common.status'),
          cell: (r) =>
            r.balanced
              ? badge(t('reconciliation.ok'), 'ok')
              : badge(t('reconciliation.diff'), 'bad'),
        },
      ],
    }),
  ];
}
