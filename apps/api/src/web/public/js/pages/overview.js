// Översikt: market shares and providers per scheme (seed 001 and 003 as live figures), citizens
// awaiting a choice, warnings and de-authorisations, projection health.
import { api } from '../api.js';
import { badge, fmt, h, inlineForm, section, table, today } from '../dom.js';
import { barChart } from '../chart.js';
import { t } from '../i18n.js';
import { referenceData } from '../names.js';
import { can } from '../roles.js';

const OWNERSHIPS = ['municipal', 'private', 'non_profit'];

export async function render(root, { session, query, navigate }) {
  const ref = await referenceData();
  const date = /^\d{4}-\d\d-\d\d$/.test(query.date ?? '') ? query.date : today();
  const dateInput = h('input', { type: 'date', id: 'overview-date', name: 'date', value: date });
  const picker = inlineForm(
    { onSubmit: () => navigate(`#/oversikt?date=${dateInput.value}`) },
    h('label', { for: 'overview-date' }, t('overview.date')),
    dateInput,
    h('button', { type: 'submit' }, t('common.show')),
  );
  root.append(h('h1', {}, t('nav.oversikt')), h('p', { class: 'lead' }, t('overview.intro')));
  const sections = [];
  if (can(session, 'marketShares')) {
    sections.push(
      section(t('overview.marketShares', { date }), 'market-shares', () => marketShares(ref, date)),
      section(t('overview.providersPerScheme'), 'providers-per-scheme', () =>
        providersPerScheme(ref),
      ),
    );
  }
  sections.forEach((s) => s.classList.add('wide'));
  if (can(session, 'awaitingChoice'))
    sections.push(section(t('overview.awaiting'), 'awaiting-choice', () => awaiting(ref, session)));
  if (can(session, 'sanctions'))
    sections.push(section(t('overview.sanctions'), 'sanctions', () => sanctions(ref)));
  sections.push(section(t('overview.health'), 'health', health));
  root.append(picker, h('div', { class: 'grid' }, sections));
  await Promise.all(sections.map((s) => s.ready));
}

async function marketShares(ref, date) {
  const answer = await api('/dashboards/market-shares', { query: { date }, readModel: true });
  const rows = answer.schemes;
  const total = (r) => OWNERSHIPS.reduce((sum, o) => sum + r.citizens[o], 0);
  return [
    rows.length
      ? barChart({
          title: t('overview.sharesChart', { date: answer.date }),
          description: t('overview.sharesChartDesc'),
          categories: rows.map((r) => ({ key: r.schemeId, label: ref.schemeName(r.schemeId) })),
          series: OWNERSHIPS.map((o) => ({ key: o, label: t(`ownership.${o}`) })),
          value: (scheme, o) => rows.find((r) => r.schemeId === scheme).sharesBasisPoints[o],
          format: fmt.bp,
        })
      : null,
    table({
      caption: t('overview.sharesTable', { date: answer.date }),
      empty: t('overview.noPlacements'),
      rows,
      rowAttrs: (r) => ({ dataset: { scheme: r.schemeId } }),
      columns: [
        { label: t('common.scheme'), rowHeader: true, value: (r) => ref.schemeName(r.schemeId) },
        ...OWNERSHIPS.map((o) => ({
          key: o,
          label: t(`ownership.${o}`),
          align: 'right',
          value: (r) => `${fmt.int(r.citizens[o])} (${fmt.bp(r.sharesBasisPoints[o])})`,
        })),
        { key: 'total', label: t('common.total'), align: 'right', value: (r) => fmt.int(total(r)) },
        {
          key: 'independent',
          label: t('overview.independentShare'),
          align: 'right',
          value: (r) => fmt.bp(r.sharesBasisPoints.private + r.sharesBasisPoints.non_profit),
        },
      ],
    }),
  ];
}

async function providersPerScheme(ref) {
  const rows = (await api('/dashboards/providers-per-scheme', { readModel: true })).schemes;
  const total = (r) => OWNERSHIPS.reduce((sum, o) => sum + r.providers[o], 0);
  return [
    rows.length
      ? barChart({
          title: t('overview.providersChart'),
          description: t('overview.providersChartDesc'),
          categories: rows.map((r) => ({ key: r.schemeId, label: ref.schemeName(r.schemeId) })),
          series: OWNERSHIPS.map((o) => ({ key: o, label: t(`ownership.${o}`) })),
          value: (scheme, o) => rows.find((r) => r.schemeId === scheme).providers[o],
          format: fmt.int,
        })
      : null,
    table({
      caption: t('overview.providersTable'),
      rows,
      rowAttrs: (r) => ({ dataset: { scheme: r.schemeId } }),
      columns: [
        { label: t('common.scheme'), rowHeader: true, value: (r) => ref.schemeName(r.schemeId) },
        ...OWNERSHIPS.map((o) => ({
          key: o,
          label: t(`ownership.${o}`),
          align: 'right',
          value: (r) => fmt.int(r.providers[o]),
        })),
        { key: 'total', label: t('common.total'), align: 'right', value: (r) => fmt.int(total(r)) },
      ],
    }),
  ];
}

async function awaiting(ref, session) {
  const answer = await api('/dashboards/awaiting-choice', {
    query: { limit: 100 },
    readModel: true,
  });
  return [
    h(
      'p',
      { class: 'figure', dataset: { total: answer.page.total } },
      t('overview.awaitingTotal', { n: fmt.int(answer.page.total) }),
    ),
    table({
      caption: t('overview.awaitingTable'),
      empty: t('overview.noneAwaiting'),
      rows: answer.items,
      rowAttrs: (r) => ({ dataset: { entitlement: r.entitlementId } }),
      columns: [
        {
          label: t('common.citizen'),
          cell: (r) =>
            can(session, 'openCitizen')
              ? h('a', { href: `#/kund/${r.citizenId}` }, short(r.citizenId))
              : short(r.citizenId),
        },
        { label: t('common.scheme'), value: (r) => ref.schemeName(r.schemeId) },
        { label: t('citizen.validFrom'), value: (r) => fmt.date(r.validFrom) },
        {
          key: 'deadline',
          label: t('citizen.choiceDeadline'),
          value: (r) => fmt.date(r.choiceDeadline),
        },
      ],
    }),
    answer.page.total > answer.items.length
      ? h(
          'p',
          { class: 'hint' },
          t('common.showing', { n: answer.items.length, total: answer.page.total }),
        )
      : null,
  ];
}

async function sanctions(ref) {
  const answer = await api('/dashboards/sanctions', { readModel: true });
  return table({
    caption: t('overview.sanctionsTable', { date: answer.date }),
    empty: t('overview.noSanctions'),
    rows: answer.items,
    rowAttrs: (r) => ({ dataset: { provider: r.providerId, scheme: r.schemeId } }),
    columns: [
      {
        label: t('common.provider'),
        rowHeader: true,
        cell: (r) => h('a', { href: `#/anordnare/${r.providerId}` }, r.name),
      },
      { label: t('common.scheme'), value: (r) => ref.schemeName(r.schemeId) },
      { key: 'status', label: t('common.status'), cell: (r) => statusBadge(r.status) },
      { key: 'leavesOn', label: t('provider.leavesOn'), value: (r) => fmt.date(r.leavesOn) },
      {
        key: 'warnings',
        label: t('provider.warnings'),
        align: 'right',
        value: (r) => fmt.int(r.warnings),
      },
    ],
  });
}

async function health() {
  const answer = await api('/health');
  const ok =
    answer.status === 'ok' && answer.projections.every((p) => p.lag === 0 && !p.rebuilding);
  return [
    h(
      'p',
      { class: 'figure', dataset: { status: answer.status, head: answer.store.headPosition } },
      badge(
        answer.status === 'ok' ? t('health.ok') : t('health.unavailable'),
        answer.status === 'ok' ? 'ok' : 'bad',
      ),
      ' ',
      t('health.store', { kind: answer.store.kind, head: fmt.int(answer.store.headPosition) }),
      ' ',
      ok ? t('health.inSync') : t('health.behind'),
    ),
    table({
      caption: t('health.projections'),
      rows: answer.projections,
      rowAttrs: (p) => ({ dataset: { projection: p.name } }),
      columns: [
        { label: t('health.projection'), rowHeader: true, value: (p) => p.name },
        { label: t('health.version'), align: 'right', value: (p) => fmt.int(p.version) },
        {
          key: 'position',
          label: t('health.position'),
          align: 'right',
          value: (p) => fmt.int(p.position),
        },
        { key: 'lag', label: t('health.lag'), align: 'right', value: (p) => fmt.int(p.lag) },
        {
          label: t('common.status'),
          cell: (p) =>
            p.rebuilding
              ? badge(t('health.rebuilding'), 'warn')
              : p.lag === 0
                ? badge(t('health.current'), 'ok')
                : badge(t('health.lagging'), 'warn'),
        },
      ],
    }),
  ];
}

export function statusBadge(status) {
  const kind =
    { authorised: 'ok', applied: 'info', withdrawn: 'warn', deauthorised: 'bad', rejected: 'bad' }[
      status
    ] ?? '';
  return badge(t(`authorisation.${status}`), kind);
}

export function short(id) {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
