// The quality unit issues a warning (varning) citing one condition of the scheme.
import { api, rememberPosition } from '../api.js';
import { fmt } from '../dom.js';
import { commandForm } from '../forms.js';
import { t } from '../i18n.js';

export function warningForm({ provider, ref, refresh }) {
  const schemeIds = Object.keys(provider.schemes);
  const form = commandForm({
    id: 'warning-form',
    title: t('warning.title'),
    fields: [
      {
        name: 'schemeId',
        label: t('common.scheme'),
        type: 'select',
        options: schemeIds.map((id) => ({ value: id, label: ref.schemeName(id) })),
      },
      { name: 'conditionId', label: t('warning.condition'), type: 'select', options: [] },
      {
        name: 'deficiency',
        label: t('warning.deficiency'),
        type: 'textarea',
        hint: t('warning.deficiencyHint'),
      },
    ],
    submitLabel: t('warning.submit'),
    submit: async (body) => {
      const result = await api(`/providers/${encodeURIComponent(provider.providerId)}/warnings`, {
        method: 'POST',
        body,
      });
      rememberPosition(result.position);
      await refresh();
      return result;
    },
    success: (result) => t('warning.done', { position: fmt.int(result.position) }),
  });
  const loadConditions = async () => {
    const schemeId = form.controls.schemeId.value;
    try {
      const scheme = await api(`/schemes/${encodeURIComponent(schemeId)}`);
      const conditions = scheme.applicableConditions ?? scheme.conditions ?? [];
      form.setOptions(
        'conditionId',
        conditions.map((c) => ({
          value: c.conditionId,
          label: `${c.title} (${t(`consequence.${c.consequence}`, {}, c.consequence)})`,
        })),
      );
    } catch {
      form.setOptions('conditionId', []);
    }
  };
  form.controls.schemeId.addEventListener('change', loadConditions);
  form.ready = loadConditions();
  return form;
}
