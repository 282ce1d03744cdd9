// Anordnare: authorisation per scheme with its history, roster with capacity and utilisation,
// warnings (and the form to issue one), follow-up records, published quality results.
import { api } from '../api.js';
import { fmt, h, inlineForm, section, table, today } from '../dom.js';
import { t } from '../i18n.js';
import { referenceData } from '../names.js';
import { can } from '../roles.js';
import { statusBadge, short } from './overview.js';
import { followUp, qualityResults } from './provider-follow-up.js';
import { warningForm } from './provider-warning.js';

export async function render(root, { session, args, query, navigate }) {
  const ref = await referenceData();
  const providerId = session.role === 'provider' ? session.providerId : args[0];
  root.append(h('h1', {}, t('nav.anordnare')));
  if (can(session, 'anyProvider')) root.append(picker(ref, providerId, navigate));
  if (!providerId) {
    root.append(h('p', { class: 'hint' }, t('provider.pick')));
    return;
  }
  await providerView(root, providerId, { session, query, navigate, ref });
}

function picker(ref, providerId, navigate) {
  const providers = [...ref.providers].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const select = h(
    'select',
    { id: 'provider-picker', name: 'providerId' },
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
      onSubmit: () => {
        if (select.value) navigate(`#/anordnare/${select.value}`);
      },
    },
    h('label', { for: 'provider-picker' }, t('provider.choose')),
    select,
    h('button', { type: 'submit' }, t('common.show')),
  );
}

async function providerView(root, providerId, { session, query, navigate, ref }) {
  const load = () => api(`/providers/${encodeURIComponent(providerId)}`);
  let provider = await load().catch((error) => error);
  if (provider instanceof Error) {
    root.append(section(t('nav.anordnare'), 'provider-error', () => Promise.reject(provider)));
    return;
  }
  const schemeIds = Object.keys(provider.schemes);
  root.append(
    h(
      'section',
      { class: 'card provider-header', dataset: { provider: provider.providerId } },
      h('h2', {}, provider.name),
      h(
        'dl',
        { class: 'facts' },
        fact(t('provider.id'), provider.providerId),
        fact(t('provider.orgNumber'), provider.organisationNumber),
        fact(t('provider.ownership'), t(`ownership.${provider.ownership}`)),
        fact(t('provider.registeredOn'), provider.registeredOn),
        fact(t('provider.manager'), provider.manager ?? '–'),
      ),
    ),
  );
  const authorisations = section(t('provider.authorisations'), 'authorisations', async () =>
    authorisationView(provider, ref),
  );
  const sections = [authorisations];
  if (can(session, 'roster') && schemeIds.length)
    sections.push(rosterSection(provider, ref, { session, query, navigate }));
  const warnings = section(t('provider.warnings'), 'warnings', async () =>
    warningsTable(provider, ref),
  );
  sections.push(warnings);
  if (can(session, 'issueWarning') && schemeIds.length) {
    const form = warningForm({
      provider,
      ref,
      refresh: async () => {
        provider = await load();
        await Promise.all([warnings.reload(), authorisations.reload()]);
      },
    });
    warnings.append(form);
  }
  const follow = section(t('provider.followUp'), 'follow-up', async () => followUp(provider, ref));
  const quality = section(t('provider.quality'), 'quality', async () =>
    qualityResults(provider, ref),
  );
  sections.push(follow, quality);
  root.append(...sections);
  await Promise.all(sections.map((s) => s.ready));
}

function fact(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value ?? '–'));
}

function authorisationView(provider, ref) {
  const rows = Object.values(provider.schemes);
  return [
    table({
      caption: t('provider.authorisationsTable'),
      rows,
      rowAttrs: (a) => ({ dataset: { scheme: a.schemeId, status: a.status } }),
      columns: [
        { label: t('common.scheme'), rowHeader: true, value: (a) => ref.schemeName(a.schemeId) },
        { key: 'status', label: t('common.status'), cell: (a) => statusBadge(a.status) },
        { label: t('provider.authorisedOn'), value: (a) => fmt.date(a.authorisedOn) },
        { label: t('provider.contract'), value: (a) => (a.contract ? a.contract.signedOn : '–') },
        {
          key: 'capacity',
          label: t('provider.capacity'),
          align: 'right',
          value: (a) => (a.capacity === null ? t('provider.noCeiling') : fmt.int(a.capacity)),
        },
        {
          label: t('provider.leavesOn'),
          value: (a) =>
            fmt.date(a.deauthorisation?.effectiveDate ?? a.withdrawal?.effectiveDate ?? null),
        },
      ],
    }),
    rows.map((a) =>
      h(
        'details',
        { class: 'history', open: rows.length <= 2, dataset: { scheme: a.schemeId } },
        h('summary', {}, t('provider.historyOf', { scheme: ref.schemeName(a.schemeId) })),
        h(
          'ol',
          { class: 'events' },
          authorisationHistory(a, provider).map((e) =>
            h('li', {}, h('time', { datetime: e.date }, e.date), ' ', e.text),
          ),
        ),
      ),
    ),
  ];
}

/** The authorisation's story in date order, from what the provider record holds. */
function authorisationHistory(a, provider) {
  const events = [];
  const add = (date, text) => date && events.push({ date, text });
  add(a.application?.appliedOn, t('provider.event.applied'));
  if (a.rejection)
    add(
      a.rejection.decidedOn,
      t('provider.event.rejected', { reasons: a.rejection.reasons.join('; ') }),
    );
  add(a.authorisedOn, t('provider.event.authorised'));
  if (a.contract)
    add(a.contract.signedOn, t('provider.event.contract', { id: a.contract.contractId }));
  for (const w of provider.warnings.filter((w) => w.schemeId === a.schemeId))
    add(w.issuedOn, t('provider.event.warning', { deficiency: w.deficiency }));
  if (a.withdrawal)
    add(
      a.withdrawal.noticeGivenOn,
      t('provider.event.withdrawal', { date: a.withdrawal.effectiveDate }),
    );
  const d = a.deauthorisation;
  if (d) {
    add(
      d.decidedOn,
      t('provider.event.deauthorised', { date: d.effectiveDate, reasons: d.reasons.join('; ') }),
    );
    for (const appeal of d.appeals ?? []) {
      add(appeal.filedOn, t('provider.event.appealed', { court: appeal.court }));
      if (appeal.ruledOn)
        add(appeal.ruledOn, t('provider.event.ruled', { outcome: t(`appeal.${appeal.outcome}`) }));
    }
  }
  return events.sort((x, y) => x.date.localeCompare(y.date));
}

function warningsTable(provider, ref) {
  return table({
    caption: t('provider.warningsTable'),
    empty: t('provider.noWarnings'),
    rows: provider.warnings,
    rowAttrs: (w) => ({ dataset: { warning: w.warningId } }),
    columns: [
      { label: t('provider.issuedOn'), value: (w) => w.issuedOn },
      { label: t('common.scheme'), value: (w) => ref.schemeName(w.schemeId) },
      { label: t('provider.condition'), value: (w) => w.conditionId },
      { key: 'deficiency', label: t('provider.deficiency'), value: (w) => w.deficiency },
    ],
  });
}

function rosterSection(provider, ref, { session, query, navigate }) {
  const schemeIds = Object.keys(provider.schemes);
  const schemeId = schemeIds.includes(query.scheme) ? query.scheme : schemeIds[0];
  const date = /^\d{4}-\d\d-\d\d$/.test(query.date ?? '') ? query.date : today();
  const schemeSelect = h(
    'select',
    { id: 'roster-scheme', name: 'schemeId' },
    schemeIds.map((id) =>
      h('option', { value: id, selected: id === schemeId }, ref.schemeName(id)),
    ),
  );
  const dateInput = h('input', { type: 'date', id: 'roster-date', name: 'date', value: date });
  const form = inlineForm(
    {
      id: 'roster-form',
      onSubmit: () => {
        navigate(
          `#/anordnare/${provider.providerId}?scheme=${schemeSelect.value}&date=${dateInput.value}`,
        );
      },
    },
    h('label', { for: 'roster-scheme' }, t('common.scheme')),
    schemeSelect,
    h('label', { for: 'roster-date' }, t('common.date')),
    dateInput,
    h('button', { type: 'submit' }, t('common.show')),
  );
  const s = section(t('provider.roster'), 'roster', async () => {
    const roster = await api(`/providers/${encodeURIComponent(provider.providerId)}/roster`, {
      query: { schemeId, date, limit: 500 },
      readModel: true,
    });
    return rosterView(roster, ref, session);
  });
  s.querySelector('h2').after(form);
  return s;
}

function rosterView(roster, ref, session) {
  const citizenCell = (r) =>
    can(session, 'openCitizen')
      ? h('a', { href: `#/kund/${r.citizenId}` }, short(r.citizenId))
      : short(r.citizenId);
  const utilisation = roster.utilisationBasisPoints;
  return [
    h(
      'dl',
      {
        class: 'facts roster-figures',
        dataset: {
          placed: roster.placed,
          capacity: roster.capacity ?? '',
          free: roster.freePlaces ?? '',
          utilisation: utilisation ?? '',
        },
      },
      h('div', {}, h('dt', {}, t('common.status')), h('dd', {}, statusBadge(roster.status))),
      h(
        'div',
        {},
        h('dt', {}, t('provider.placed', { date: roster.date })),
        h('dd', { dataset: { figure: 'placed' } }, fmt.int(roster.placed)),
      ),
      h(
        'div',
        {},
        h('dt', {}, t('provider.capacity')),
        h(
          'dd',
          { dataset: { figure: 'capacity' } },
          roster.capacity === null ? t('provider.noCeiling') : fmt.int(roster.capacity),
        ),
      ),
      // What a choice from the date can take: arrivals later on hold their places from then.
      roster.freePlaces === null
        ? null
        : h(
            'div',
            {},
            h('dt', {}, t('provider.freePlaces', { date: roster.date })),
            h('dd', { dataset: { figure: 'free' } }, fmt.int(roster.freePlaces)),
          ),
      h(
        'div',
        {},
        h('dt', {}, t('provider.utilisation')),
        h(
          'dd',
          { dataset: { figure: 'utilisation' } },
          utilisation === null
            ? '–'
            : [
                h('meter', {
                  min: 0,
                  max: 10000,
                  low: 8000,
                  high: 9500,
                  optimum: 5000,
                  value: utilisation,
                  'aria-label': t('provider.utilisation'),
                }),
                ' ',
                fmt.bp(utilisation),
              ],
        ),
      ),
      roster.leavesOn
        ? h('div', {}, h('dt', {}, t('provider.leavesOn')), h('dd', {}, roster.leavesOn))
        : null,
    ),
    table({
      caption: t('provider.customers', { date: roster.date }),
      empty: t('provider.noCustomers'),
      rows: roster.customers,
      className: 'data customers',
      rowAttrs: (r) => ({ dataset: { citizen: r.citizenId, entitlement: r.entitlementId } }),
      columns: [
        { label: t('common.citizen'), cell: citizenCell },
        { label: t('common.entitlement'), value: (r) => r.entitlementId },
        { label: t('common.from'), value: (r) => r.from },
        { label: t('common.to'), value: (r) => r.to ?? '…' },
        { label: t('citizen.kind'), value: (r) => t(`kind.${r.kind}`) },
      ],
    }),
    showing(roster.customers, roster.page),
    h('h3', {}, t('provider.arrivals')),
    table({
      caption: t('provider.arrivalsTable'),
      empty: t('common.none'),
      rows: roster.pendingArrivals,
      className: 'data arrivals',
      rowAttrs: (r) => ({ dataset: { citizen: r.citizenId, entitlement: r.entitlementId } }),
      columns: [
        { label: t('common.citizen'), cell: citizenCell },
        { label: t('common.entitlement'), value: (r) => r.entitlementId },
        { label: t('common.from'), value: (r) => r.from },
        { label: t('citizen.kind'), value: (r) => t(`kind.${r.kind}`) },
      ],
    }),
    showing(roster.pendingArrivals, roster.arrivalsPage),
    h('h3', {}, t('provider.departures')),
    table({
      caption: t('provider.departuresTable'),
      empty: t('common.none'),
      rows: roster.pendingDepartures,
      className: 'data departures',
      rowAttrs: (r) => ({ dataset: { citizen: r.citizenId, entitlement: r.entitlementId } }),
      columns: [
        { label: t('common.citizen'), cell: citizenCell },
        { label: t('common.entitlement'), value: (r) => r.entitlementId },
        { label: t('provider.lastDay'), value: (r) => r.lastDay },
      ],
    }),
    showing(roster.pendingDepartures, roster.departuresPage),
  ];
}

/** "Showing n of total" under a list the roster answered with only its first page. */
function showing(rows, page) {
  return page && page.total > rows.length
    ? h('p', { class: 'hint' }, t('common.showing', { n: rows.length, total: page.total }))
    : null;
}
