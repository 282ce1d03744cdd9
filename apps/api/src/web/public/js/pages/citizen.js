// Kund: search by personnummer, entitlements with placements on a timeline, the full audit trail,
// the state as of a date, and the caseworker's forms (choice or switch, non-choice).
import { api, ApiError } from '../api.js';
import { fmt, h, inlineForm, replace, section, table, today } from '../dom.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n.js';
import { referenceData } from '../names.js';
import { can } from '../roles.js';
import { timeline } from '../timeline.js';
import { choiceForm, nonChoiceForm } from './citizen-forms.js';

const PURPOSE = 'kundval.purpose';

/** Why the user reads a citizen's data: goes with every such read into the API's access log. */
export function purpose() {
  return sessionStorage.getItem(PURPOSE) || t('citizen.defaultPurpose');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function render(root, context) {
  const { session, args } = context;
  root.append(h('h1', {}, t('nav.kund')));
  if (session.role === 'citizen') root.append(ownCitizens(session));
  else root.append(searchForm(context));
  if (args[0]) await citizenView(root, args[0], context);
}

function ownCitizens(session) {
  const ids = session.citizenIds ?? [];
  return h(
    'nav',
    { class: 'card', 'aria-label': t('citizen.mine') },
    h('h2', {}, t('citizen.mine')),
    ids.length
      ? h(
          'ul',
          {},
          ids.map((id) => h('li', {}, h('a', { href: `#/kund/${id}` }, id))),
        )
      : h('p', {}, t('common.none')),
  );
}

function searchForm({ session, navigate }) {
  // Auditors read and change nothing: the lookup by number is a POST, so they open by citizen id.
  const byNumber = can(session, 'lookupCitizen');
  const form = commandForm({
    id: 'citizen-search',
    title: t('citizen.search'),
    fields: [
      byNumber
        ? {
            name: 'personalNumber',
            label: t('citizen.personalNumber'),
            hint: t('citizen.personalNumberHint'),
          }
        : { name: 'citizenId', label: t('citizen.citizenId'), hint: t('citizen.citizenIdHint') },
      {
        name: 'purpose',
        label: t('citizen.purpose'),
        hint: t('citizen.purposeHint'),
        optional: true,
        value: sessionStorage.getItem(PURPOSE) ?? '',
      },
    ],
    submitLabel: t('common.search'),
    submit: async (values) => {
      if (values.purpose) sessionStorage.setItem(PURPOSE, values.purpose);
      else sessionStorage.removeItem(PURPOSE);
      const text = (values.personalNumber ?? values.citizenId ?? '').trim();
      if (UUID.test(text)) return { citizenId: text.toLowerCase() };
      if (!byNumber) throw fieldError('citizenId', t('citizen.citizenIdHint'));
      try {
        return await api('/citizens/lookup', {
          method: 'POST',
          body: { personalNumber: text },
          query: { purpose: purpose() },
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404)
          throw fieldError('personalNumber', t('citizen.notFound'), error.problem);
        // A number the API cannot parse is about the one field, though the problem names none.
        if (error instanceof ApiError && error.status === 400 && !error.problem?.errors)
          throw fieldError('personalNumber', error.problem?.detail ?? error.message, error.problem);
        throw error;
      }
    },
    success: (result) => {
      setTimeout(() => navigate(`#/kund/${result.citizenId}`), 0);
      return t('citizen.found');
    },
  });
  form.classList.add('card', 'search');
  return form;
}

function fieldError(field, message, problem = {}) {
  return new ApiError(problem.status ?? 400, {
    ...problem,
    title: problem.title ?? message,
    detail: problem.detail ?? message,
    errors: [{ field, messages: [message] }],
  });
}

async function citizenView(root, citizenId, { session, query, navigate }) {
  const ref = await referenceData();
  const at = /^\d{4}-\d\d-\d\d$/.test(query.at ?? '') ? query.at : null;
  const heading = h('h2', { class: 'citizen-heading' }, t('common.loading'));
  const header = h(
    'section',
    { class: 'card citizen-header', 'aria-labelledby': 'citizen-heading' },
    heading,
  );
  heading.id = 'citizen-heading';
  root.append(header);

  const entitlements = section(t('citizen.entitlements'), 'entitlements', async () => {
    const citizen = await api(`/citizens/${encodeURIComponent(citizenId)}`, {
      query: { purpose: purpose() },
    });
    replace(
      heading,
      t('citizen.heading', {
        number: displayNumber(citizen.personalNumber ?? citizen.masked) ?? t('citizen.erased'),
      }),
      h('span', { class: 'subtle' }, ` · ${t('citizen.citizenId')} ${citizen.citizenId}`),
    );
    heading.dataset.number = citizen.personalNumber ?? citizen.masked ?? '';
    entitlements.data = citizen;
    return citizen.entitlements.length
      ? citizen.entitlements.map((e) => entitlementCard(e, ref, at))
      : h('p', { class: 'empty' }, t('citizen.noEntitlements'));
  });

  const asOfDate = h('input', { type: 'date', id: 'as-of-date', name: 'at', value: at ?? '' });
  const asOfPicker = inlineForm(
    {
      id: 'as-of-form',
      onSubmit: () => {
        navigate(
          asOfDate.value ? `#/kund/${citizenId}?at=${asOfDate.value}` : `#/kund/${citizenId}`,
        );
      },
    },
    h('label', { for: 'as-of-date' }, t('citizen.asOfLabel')),
    asOfDate,
    h('button', { type: 'submit' }, t('common.show')),
    at ? h('a', { href: `#/kund/${citizenId}`, class: 'link' }, t('citizen.asOfClear')) : null,
  );
  header.append(asOfPicker);

  const asOf = at
    ? section(t('citizen.asOfTitle', { date: at }), 'as-of', () => asOfView(citizenId, at, ref))
    : null;
  const history = section(t('citizen.history'), 'history', () => historyView(citizenId, ref));
  const forms = [];
  if (can(session, 'registerChoice') || can(session, 'assignNonChoice')) {
    await entitlements.ready;
    const refresh = async () => {
      await Promise.all([entitlements.reload(), history.reload()]);
    };
    const granted = (entitlements.data?.entitlements ?? []).filter(
      (e) => e.status === 'granted' && !e.endDate,
    );
    if (granted.length) {
      if (can(session, 'registerChoice'))
        forms.push(choiceForm({ citizenId, granted, ref, session, refresh }));
      if (can(session, 'assignNonChoice'))
        forms.push(nonChoiceForm({ citizenId, granted, ref, refresh }));
    }
  }
  root.append(
    ...(asOf ? [asOf] : []),
    entitlements,
    forms.length
      ? h(
          'section',
          { class: 'card forms', 'aria-label': t('citizen.forms') },
          h('h2', {}, t('citizen.forms')),
          h('div', { class: 'form-grid' }, forms),
        )
      : '',
    history,
  );
  await Promise.all([entitlements.ready, history.ready, asOf?.ready]);
}

/** `YYYYMMDDNNNN` as `YYYYMMDD-NNNN`; masked numbers (`YYYYMMDD-****`) as they are. */
function displayNumber(number) {
  return typeof number === 'string' && /^\d{12}$/.test(number)
    ? `${number.slice(0, 8)}-${number.slice(8)}`
    : number;
}

/** The last day of the entitlement (ended or as decided), or null while open-ended. */
function lastDay(e) {
  return e.endDate ?? e.validTo ?? null;
}

/** The placement on `date`, within the entitlement's validity. */
export function providerOn(entitlement, date) {
  const last = lastDay(entitlement);
  if (last !== null && date > last) return null;
  return (
    (entitlement.placements ?? []).find((p) => p.from <= date && (p.to === null || p.to >= date)) ??
    null
  );
}

/** Placements as far as the entitlement goes: an open one ends with it. */
function clipped(e) {
  const last = lastDay(e);
  return e.placements.map((p) =>
    last !== null && (p.to === null || p.to > last) ? { ...p, to: last } : p,
  );
}

function entitlementCard(e, ref, at) {
  if (e.status !== 'granted') return h('p', {}, e.entitlementId, ': ', e.status);
  const now = providerOn(e, today());
  const level = e.levels.at(-1);
  const markers = [{ date: today(), label: t('common.today'), className: 'today' }];
  if (at) markers.push({ date: at, label: t('citizen.asOfMarker'), className: 'as-of' });
  return h(
    'article',
    { class: 'entitlement', dataset: { entitlement: e.entitlementId, scheme: e.schemeId } },
    h(
      'h3',
      {},
      ref.schemeName(e.schemeId),
      h('span', { class: 'subtle' }, ` · ${e.entitlementId}`),
    ),
    h(
      'dl',
      { class: 'facts' },
      fact(t('citizen.decision'), e.decisionRef),
      fact(t('citizen.valid'), `${e.validFrom} – ${e.endDate ?? e.validTo ?? '…'}`),
      fact(t('citizen.choiceDeadline'), fmt.date(e.choiceDeadline)),
      fact(
        t('citizen.level'),
        level
          ? `${level.level}${level.grantedHoursPerMonth ? ` (${t('citizen.hoursPerMonth', { n: level.grantedHoursPerMonth })})` : ''}`
          : '–',
      ),
      fact(
        t('citizen.currentProvider'),
        now ? ref.providerName(now.providerId) : t('citizen.noProvider'),
        { current: now?.providerId ?? '' },
      ),
    ),
    e.placements.length
      ? timeline({
          title: t('citizen.timelineTitle', { scheme: ref.schemeName(e.schemeId) }),
          start: e.validFrom,
          end: e.endDate ?? e.validTo,
          placements: clipped(e).map((p) => ({ ...p, label: ref.providerName(p.providerId) })),
          markers,
          kindLabel: (k) => t(`kind.${k}`),
        })
      : null,
    table({
      caption: t('citizen.placements'),
      empty: t('citizen.noPlacements'),
      rows: e.placements,
      className: 'data placements',
      rowAttrs: (p) => ({ dataset: { provider: p.providerId, from: p.from } }),
      columns: [
        {
          label: t('common.provider'),
          rowHeader: true,
          value: (p) => ref.providerName(p.providerId),
        },
        { label: t('common.from'), value: (p) => p.from },
        { label: t('common.to'), value: (p) => p.to ?? '…' },
        { key: 'kind', label: t('citizen.kind'), value: (p) => t(`kind.${p.kind}`) },
      ],
    }),
  );
}

function fact(label, value, dataset) {
  return h('div', { dataset }, h('dt', {}, label), h('dd', {}, value));
}

async function asOfView(citizenId, at, ref) {
  let answer;
  try {
    answer = await api(`/citizens/${encodeURIComponent(citizenId)}/as-of`, {
      query: { at, purpose: purpose() },
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      return h('p', { class: 'empty' }, t('citizen.asOfNothing', { date: at }));
    throw error;
  }
  return [
    h(
      'p',
      { class: 'hint' },
      t('citizen.asOfExplain', { date: at, position: fmt.int(answer.position) }),
    ),
    table({
      caption: t('citizen.asOfTable', { date: at }),
      rows: answer.entitlements.filter((e) => e.status === 'granted'),
      rowAttrs: (e) => ({ dataset: { entitlement: e.entitlementId } }),
      columns: [
        { label: t('common.scheme'), rowHeader: true, value: (e) => ref.schemeName(e.schemeId) },
        {
          label: t('citizen.valid'),
          value: (e) => `${e.validFrom} – ${e.endDate ?? e.validTo ?? '…'}`,
        },
        {
          key: 'provider',
          label: t('citizen.providerOnDate', { date: at }),
          value: (e) =>
            providerOn(e, at)
              ? ref.providerName(providerOn(e, at).providerId)
              : t('citizen.noProvider'),
        },
        {
          label: t('citizen.placementsKnown'),
          align: 'right',
          value: (e) => fmt.int(e.placements.length),
        },
      ],
    }),
  ];
}

const SUMMARY_KEYS = [
  'schemeId',
  'providerId',
  'previousProviderId',
  'effectiveDate',
  'kind',
  'madeBy',
  'level',
  'validFrom',
  'validTo',
  'endDate',
  'choiceDeadline',
  'switchReason',
  'nonChoiceCause',
  'decisionRef',
  'period',
];

async function historyView(citizenId, ref) {
  const answer = await api(`/citizens/${encodeURIComponent(citizenId)}/history`, {
    query: { purpose: purpose() },
  });
  return [
    h(
      'p',
      { class: 'figure', dataset: { count: answer.events.length } },
      t('citizen.historyCount', { n: fmt.int(answer.events.length) }),
    ),
    table({
      caption: t('citizen.historyTable'),
      rows: answer.events,
      className: 'data audit',
      rowAttrs: (e) => ({ dataset: { position: e.position, type: e.type } }),
      columns: [
        { label: t('history.position'), align: 'right', value: (e) => e.position },
        { label: t('history.recordedAt'), value: (e) => fmt.instant(e.recordedAt) },
        { label: t('history.event'), value: (e) => t(`event.${e.type}`, {}, e.type) },
        { label: t('history.details'), cell: (e) => summary(e.data, ref) },
        { label: t('history.actor'), value: (e) => e.actor ?? '–' },
        {
          label: t('history.role'),
          value: (e) => (e.role ? t(`role.${e.role}`, {}, e.role) : '–'),
        },
        { label: t('history.channel'), value: (e) => e.channel ?? '–' },
        { label: t('history.reason'), value: (e) => e.reason ?? '–' },
      ],
    }),
  ];
}

function summary(data, ref) {
  const items = SUMMARY_KEYS.filter((k) => data?.[k] !== undefined && data[k] !== null).map((k) => {
    const value =
      k === 'schemeId'
        ? ref.schemeName(data[k])
        : k.endsWith('roviderId')
          ? ref.providerName(data[k])
          : k === 'kind'
            ? t(`kind.${data[k]}`, {}, data[k])
            : data[k];
    return h('li', {}, h('span', { class: 'k' }, t(`field.${k}`, {}, k)), ': ', String(value));
  });
  return h(
    'div',
    {},
    h('ul', { class: 'kv' }, items),
    h(
      'details',
      {},
      h('summary', {}, t('history.raw')),
      h('pre', {}, JSON.stringify(data, null, 2)),
    ),
  );
}
