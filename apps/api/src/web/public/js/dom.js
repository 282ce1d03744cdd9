// Small DOM helpers: an element builder, accessible tables, sections that load, and formatters.
import { lang, t } from './i18n.js';

/** Builds an element: `h('a', { href, class, onclick }, 'text', child, [children])`. */
export function h(tag, attrs = {}, ...children) {
  const svg = tag.startsWith('svg:');
  const el = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function')
      el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.setAttribute('class', value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (!svg && key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A one-line form (a picker): submitting it runs `onSubmit` instead of loading a page. */
export function inlineForm({ id, onSubmit }, ...children) {
  const onsubmit = (e) => {
    e.preventDefault();
    onSubmit();
  };
  return h('form', { class: 'inline-form', id, onsubmit }, ...children);
}

/** Appends children, skipping null, undefined and false. */
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A table with a caption and column headers. `columns`: `{ label, value(row), align, cell(row) }`;
 * `rowAttrs(row)` adds attributes (e.g. data-* for tests and links).
 */
export function table({ caption, columns, rows, empty, rowAttrs, className }) {
  if (rows.length === 0) return h('p', { class: 'empty' }, empty ?? t('common.none'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: className ?? 'data' },
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) =>
            h('th', { scope: 'col', class: c.align === 'right' ? 'num' : null }, c.label),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            rowAttrs ? rowAttrs(row) : {},
            columns.map((c, i) => {
              const content = c.cell ? c.cell(row) : c.value(row);
              const attrs = {
                class: c.align === 'right' ? 'num' : null,
                dataset: c.key ? { col: c.key } : undefined,
              };
              return i === 0 && c.rowHeader
                ? h('th', { scope: 'row', ...attrs }, content)
                : h('td', attrs, content);
            }),
          ),
        ),
      ),
    ),
  );
}

/**
 * A titled section whose body loads asynchronously: `aria-busy` while loading, the API's problem
 * shown in place when it fails (403 as "not allowed for your role").
 */
export function section(title, id, load) {
  const body = h(
    'div',
    { class: 'section-body' },
    h('p', { class: 'loading' }, t('common.loading')),
  );
  const el = h(
    'section',
    { class: 'card', id, 'aria-busy': 'true', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    body,
  );
  const reload = async (...args) => {
    el.setAttribute('aria-busy', 'true');
    try {
      replace(body, await load(...args));
    } catch (error) {
      replace(body, problemView(error));
    } finally {
      el.setAttribute('aria-busy', 'false');
    }
  };
  el.ready = reload();
  el.reload = reload;
  return el;
}

/** Shows an API problem (or any error) for people. */
export function problemView(error) {
  const p = error?.problem;
  if (error?.status === 403)
    return h('p', { class: 'notice', role: 'status' }, t('common.forbidden'));
  return h(
    'div',
    { class: 'alert', role: 'alert' },
    h('strong', {}, p?.title ?? t('common.error')),
    p?.code ? h('code', { class: 'code' }, p.code) : null,
    h('p', {}, p?.detail ?? error?.message ?? String(error)),
  );
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind ?? ''}`.trim() }, text);
}

const locale = () => (lang() === 'sv' ? 'sv-SE' : 'en-GB');

export const fmt = {
  int: (n) => (n === null || n === undefined ? '–' : new Intl.NumberFormat(locale()).format(n)),
  /** Whole öre as kronor with two decimals, exactly (no floating point on the öre). */
  ore(ore) {
    if (ore === null || ore === undefined) return '–';
    const sign = ore < 0 ? '−' : '';
    const abs = Math.abs(ore);
    const kronor = new Intl.NumberFormat(locale()).format(Math.trunc(abs / 100));
    const decimal = lang() === 'sv' ? ',' : '.';
    return `${sign}${kronor}${decimal}${String(abs % 100).padStart(2, '0')} kr`;
  },
  /** Whole kronor (for chart axes). */
  kr: (ore) =>
    `${new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(Math.round(ore / 100))} kr`,
  decimal: (n) => new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(n),
  /** Basis points (10 000 = 100 %) as a percent with one decimal. */
  bp(bp) {
    if (bp === null || bp === undefined) return '–';
    return (
      new Intl.NumberFormat(locale(), {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(bp / 100) + ' %'
    );
  },
  date: (d) => d ?? '–',
  instant(iso) {
    if (!iso) return '–';
    return new Intl.DateTimeFormat(locale(), {
      dateStyle: 'short',
      timeStyle: 'medium',
      timeZone: 'Europe/Stockholm',
    }).format(new Date(iso));
  },
};

/** Today in Stockholm as YYYY-MM-DD. */
export function today() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/** Announces a message to screen readers. */
export function announce(message) {
  const live = document.getElementById('live');
  if (live) live.textContent = message;
}
