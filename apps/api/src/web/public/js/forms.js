// Forms for the daily commands: labelled fields, and the API's validation errors next to them.
import { announce, h, replace } from './dom.js';
import { t } from './i18n.js';

/**
 * `fields`: [{ name, label, type ('text'|'date'|'month'|'select'|'textarea'), options:
 * [{ value, label }], hint, value, optional }]. `submit(values)` calls the API; a 400 problem's
 * `errors` land on their fields, anything else above the button. Validation is the API's: the
 * browser's own checks are off (`novalidate`) so what the user sees is what the server says.
 */
export function commandForm({ id, title, fields, submitLabel, submit, success }) {
  const controls = {};
  const errors = {};
  const status = h('div', { class: 'form-status', id: `${id}-status`, role: 'status' });
  const rows = fields.map((f) => {
    const controlId = `${id}-${f.name}`;
    const errorId = `${controlId}-error`;
    const hintId = f.hint ? `${controlId}-hint` : null;
    const describedBy = [hintId, errorId].filter(Boolean).join(' ');
    let control;
    if (f.type === 'select') {
      control = h('select', { id: controlId, name: f.name, 'aria-describedby': describedBy });
      setOptions(control, f.options ?? [], f.value);
    } else if (f.type === 'textarea') {
      control = h(
        'textarea',
        { id: controlId, name: f.name, rows: 3, 'aria-describedby': describedBy },
        f.value ?? '',
      );
    } else {
      control = h('input', {
        id: controlId,
        name: f.name,
        type: f.type ?? 'text',
        value: f.value ?? '',
        'aria-describedby': describedBy,
      });
    }
    controls[f.name] = control;
    errors[f.name] = h('p', { class: 'field-error', id: errorId, hidden: true });
    return h(
      'div',
      { class: 'field', dataset: { field: f.name } },
      h(
        'label',
        { for: controlId },
        f.label,
        f.optional ? h('span', { class: 'optional' }, ` (${t('form.optional')})`) : null,
      ),
      control,
      f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
      errors[f.name],
    );
  });
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const el = h(
    'form',
    { id, class: 'command-form', novalidate: true, 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, title),
    rows,
    h('div', { class: 'actions' }, button),
    status,
  );

  const clear = () => {
    for (const name of Object.keys(errors)) {
      errors[name].hidden = true;
      errors[name].textContent = '';
      controls[name].removeAttribute('aria-invalid');
    }
    replace(status);
    status.className = 'form-status';
  };

  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    const values = {};
    for (const f of fields) {
      const value = controls[f.name].value.trim();
      if (value !== '' || !f.optional) values[f.name] = value;
    }
    el.dataset.result = 'pending';
    button.disabled = true;
    el.setAttribute('aria-busy', 'true');
    try {
      const result = await submit(values);
      status.className = 'form-status ok';
      replace(status, success(result, values));
      announce(status.textContent);
      el.dataset.result = 'ok';
    } catch (error) {
      showProblem(error);
      el.dataset.result = 'error';
    } finally {
      button.disabled = false;
      el.setAttribute('aria-busy', 'false');
    }
  });

  function showProblem(error) {
    const problem = error?.problem ?? { detail: error?.message ?? String(error) };
    const unplaced = [];
    const fieldErrors = [...(problem.errors ?? [])];
    if (problem.details?.field)
      fieldErrors.push({ field: problem.details.field, messages: [problem.detail] });
    for (const e of fieldErrors) {
      const name = e.field in errors ? e.field : String(e.field).split('.')[0];
      if (name in errors) {
        errors[name].hidden = false;
        errors[name].textContent = e.messages.join(' ');
        controls[name].setAttribute('aria-invalid', 'true');
      } else unplaced.push(`${e.field}: ${e.messages.join(' ')}`);
    }
    status.className = 'form-status error';
    status.setAttribute('role', 'alert');
    replace(
      status,
      h('strong', {}, problem.title ?? t('common.error')),
      problem.code ? h('code', { class: 'code' }, problem.code) : null,
      h('p', {}, error?.status === 403 ? t('common.forbidden') : problem.detail),
      unplaced.length
        ? h(
            'ul',
            {},
            unplaced.map((u) => h('li', {}, u)),
          )
        : null,
    );
    const firstInvalid = el.querySelector('[aria-invalid="true"]');
    (firstInvalid ?? status).focus?.();
    announce(status.textContent);
  }

  el.controls = controls;
  el.setOptions = (name, options, selected) => setOptions(controls[name], options, selected);
  return el;
}

function setOptions(select, options, selected) {
  const keep = selected ?? select.value;
  replace(
    select,
    options.map((o) => h('option', { value: o.value }, o.label)),
  );
  if (options.some((o) => o.value === keep)) select.value = keep;
}
