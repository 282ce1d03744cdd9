// The caseworker's (and citizen's) commands on an entitlement: a choice or switch, non-choice.
import { api, rememberPosition } from '../api.js';
import { fmt, today } from '../dom.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n.js';

const CHOOSERS = ['citizen', 'guardian', 'representative', 'caseworker'];
const CHANNELS = ['web', 'paper', 'caseworker'];
const SWITCH_REASONS = ['unhappy', 'moved', 'other'];

const entitlementOptions = (granted, ref) =>
  granted.map((e) => ({
    value: e.entitlementId,
    label: `${ref.schemeName(e.schemeId)} (${e.entitlementId})`,
  }));

/** POST …/choices: the first choice, or a switch when the citizen has a provider on that date. */
export function choiceForm({ citizenId, granted, ref, session, refresh }) {
  const caseworker = session.role === 'caseworker';
  const form = commandForm({
    id: 'choice-form',
    title: t('choice.title'),
    fields: [
      {
        name: 'entitlementId',
        label: t('choice.entitlement'),
        type: 'select',
        options: entitlementOptions(granted, ref),
      },
      {
        name: 'effectiveDate',
        label: t('choice.effectiveDate'),
        type: 'date',
        value: today(),
        hint: t('choice.effectiveDateHint'),
      },
      {
        name: 'providerId',
        label: t('choice.provider'),
        type: 'select',
        options: [],
        hint: t('choice.providerHint'),
      },
      {
        name: 'madeBy',
        label: t('choice.madeBy'),
        type: 'select',
        value: 'citizen',
        options: CHOOSERS.map((c) => ({ value: c, label: t(`chooser.${c}`) })),
      },
      {
        name: 'channel',
        label: t('choice.channel'),
        type: 'select',
        value: caseworker ? 'caseworker' : 'web',
        options: CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
      },
      {
        name: 'switchReason',
        label: t('choice.switchReason'),
        type: 'select',
        optional: true,
        options: [
          { value: '', label: '–' },
          ...SWITCH_REASONS.map((r) => ({ value: r, label: t(`switchReason.${r}`) })),
        ],
      },
      {
        name: 'reason',
        label: t('choice.reason'),
        type: 'textarea',
        optional: true,
        hint: t('choice.reasonHint'),
      },
    ],
    submitLabel: t('choice.submit'),
    submit: async ({ entitlementId, ...body }) => {
      const result = await api(
        `/citizens/${encodeURIComponent(citizenId)}/entitlements/${encodeURIComponent(entitlementId)}/choices`,
        {
          method: 'POST',
          body,
        },
      );
      rememberPosition(result.position);
      await refresh();
      return result;
    },
    success: (result, values) =>
      t('choice.done', {
        provider: ref.providerName(values.providerId),
        date: values.effectiveDate,
        position: fmt.int(result.position),
      }),
  });
  const { entitlementId, effectiveDate } = form.controls;
  const loadProviders = async () => {
    const entitlement = granted.find((e) => e.entitlementId === entitlementId.value);
    if (!entitlement) return;
    const date = /^\d{4}-\d\d-\d\d$/.test(effectiveDate.value) ? effectiveDate.value : today();
    try {
      const answer = await api(
        `/schemes/${encodeURIComponent(entitlement.schemeId)}/choosable-providers`,
        { query: { date } },
      );
      form.setOptions(
        'providerId',
        answer.providers.map((p) => ({
          value: p.providerId,
          label: `${p.name} (${t(`ownership.${p.ownership}`)})`,
        })),
      );
    } catch {
      form.setOptions('providerId', []);
    }
    form.dataset.providersFor = `${entitlement.schemeId}@${date}`;
  };
  entitlementId.addEventListener('change', loadProviders);
  effectiveDate.addEventListener('change', loadProviders);
  form.ready = loadProviders();
  return form;
}

/** POST …/non-choice: the caseworker assigns the scheme's non-choice alternative. */
export function nonChoiceForm({ citizenId, granted, ref, refresh }) {
  return commandForm({
    id: 'non-choice-form',
    title: t('nonChoice.title'),
    fields: [
      {
        name: 'entitlementId',
        label: t('choice.entitlement'),
        type: 'select',
        options: entitlementOptions(granted, ref),
      },
      { name: 'effectiveDate', label: t('choice.effectiveDate'), type: 'date', value: today() },
      { name: 'reason', label: t('choice.reason'), type: 'textarea', optional: true },
    ],
    submitLabel: t('nonChoice.submit'),
    submit: async ({ entitlementId, ...body }) => {
      const result = await api(
        `/citizens/${encodeURIComponent(citizenId)}/entitlements/${encodeURIComponent(entitlementId)}/non-choice`,
        {
          method: 'POST',
          body,
        },
      );
      rememberPosition(result.position);
      await refresh();
      return result;
    },
    success: (result, values) =>
      t('nonChoice.done', { date: values.effectiveDate, position: fmt.int(result.position) }),
  });
}
