// Swedish first, English available: one dictionary per language, `t(key, vars, fallback)`.
import { en } from './i18n-en.js';
import { sv } from './i18n-sv.js';

const DICTIONARIES = { sv, en };
const KEY = 'kundval.lang';

export function lang() {
  const stored = localStorage.getItem(KEY);
  return stored === 'en' ? 'en' : 'sv';
}

export function setLang(value) {
  localStorage.setItem(KEY, value === 'en' ? 'en' : 'sv');
  document.documentElement.lang = lang();
}

export function has(key) {
  return key in DICTIONARIES[lang()];
}

/** The text for `key` in the current language, `{name}` replaced from `vars`. */
export function t(key, vars = {}, fallback) {
  const text = DICTIONARIES[lang()][key] ?? DICTIONARIES.sv[key] ?? fallback ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) =>
    vars[name] === undefined ? `{${name}}` : String(vars[name]),
  );
}
