// A provider's follow-up records (complaints, deviations, visits, manager changes) and its
// published quality results (annual quality reports, customer surveys).
import { fmt, h, table } from '../dom.js';
import { t } from '../i18n.js';

export function followUp(provider, ref) {
  const scheme = { label: t('common.scheme'), value: (r) => ref.schemeName(r.schemeId) };
  return [
    h('h3', {}, t('followUp.complaints')),
    table({
      caption: t('followUp.complaints'),
      empty: t('common.none'),
      rows: provider.complaints,
      columns: [
        { label: t('followUp.receivedOn'), value: (c) => c.receivedOn },
        scheme,
        { label: t('followUp.summary'), value: (c) => c.summary },
        {
          label: t('followUp.serious'),
          value: (c) => (c.serious ? t('common.yes') : t('common.no')),
        },
        {
          label: t('followUp.handling'),
          value: (c) =>
            c.handling
              ? `${c.handling.handledOn}: ${c.handling.measures}`
              : t('followUp.unhandled'),
        },
      ],
    }),
    h('h3', {}, t('followUp.deviations')),
    table({
      caption: t('followUp.deviations'),
      empty: t('common.none'),
      rows: provider.deviations,
      columns: [
        { label: t('followUp.occurredOn'), value: (d) => d.occurredOn },
        { label: t('followUp.reportedOn'), value: (d) => d.reportedOn },
        scheme,
        { label: t('followUp.description'), value: (d) => d.description },
      ],
    }),
    h('h3', {}, t('followUp.visits')),
    table({
      caption: t('followUp.visits'),
      empty: t('common.none'),
      rows: provider.visits,
      className: 'data visits',
      columns: [
        { label: t('followUp.visitedOn'), value: (v) => v.visitedOn },
        scheme,
        {
          label: t('followUp.announced'),
          value: (v) => (v.announced ? t('common.yes') : t('common.no')),
        },
        { label: t('followUp.findings'), value: (v) => v.findings },
      ],
    }),
    h('h3', {}, t('followUp.managerChanges')),
    table({
      caption: t('followUp.managerChanges'),
      empty: t('common.none'),
      rows: provider.managerChanges,
      columns: [
        { label: t('followUp.newManager'), value: (m) => m.newManagerName },
        { label: t('followUp.takesOverOn'), value: (m) => m.takesOverOn },
        {
          label: t('followUp.reportedOn'),
          value: (m) => `${m.reportedOn}${m.reportedLate ? ` (${t('followUp.late')})` : ''}`,
        },
        { label: t('common.status'), value: (m) => t(`managerChange.${m.status}`, {}, m.status) },
      ],
    }),
  ];
}

const figure = (f) => (f.unit === 'percent' ? `${fmt.int(f.value)} %` : fmt.int(f.value));

function figures(list) {
  return h(
    'ul',
    { class: 'kv' },
    list.map((f) => h('li', {}, h('span', { class: 'k' }, f.indicator), ': ', figure(f))),
  );
}

export function qualityResults(provider, ref) {
  return [
    h('h3', {}, t('quality.reports')),
    table({
      caption: t('quality.reports'),
      empty: t('quality.noReports'),
      rows: provider.qualityReports,
      className: 'data quality-reports',
      columns: [
        { label: t('quality.year'), value: (r) => r.year },
        { label: t('common.scheme'), value: (r) => ref.schemeName(r.schemeId) },
        { label: t('followUp.summary'), value: (r) => r.summary },
        { label: t('quality.figures'), cell: (r) => figures(r.figures) },
        { label: t('quality.submittedOn'), value: (r) => r.submittedOn },
      ],
    }),
    h('h3', {}, t('quality.surveys')),
    table({
      caption: t('quality.surveys'),
      empty: t('quality.noSurveys'),
      rows: provider.surveys,
      className: 'data surveys',
      columns: [
        { label: t('quality.year'), value: (s) => s.year },
        { label: t('common.scheme'), value: (s) => ref.schemeName(s.schemeId) },
        { label: t('quality.survey'), value: (s) => s.title },
        { label: t('quality.respondents'), align: 'right', value: (s) => fmt.int(s.respondents) },
        { label: t('quality.figures'), cell: (s) => figures(s.figures) },
      ],
    }),
  ];
}
