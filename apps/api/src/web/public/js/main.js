// The shell: hash routing, the menu for the signed-in role, the language toggle.
import { clearCache } from './api.js';
import { h, replace } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { pagesFor } from './roles.js';
import { clearSession, currentSession } from './session.js';
import * as citizen from './pages/citizen.js';
import * as overview from './pages/overview.js';
import * as payouts from './pages/payouts.js';
import * as provider from './pages/provider.js';
import * as signin from './pages/signin.js';

const RETURN_TO = 'kundval.returnTo';
const PAGES = { oversikt: overview, kund: citizen, anordnare: provider, utbetalningar: payouts };

/** `#/kund/<id>?at=…` → { page: 'kund', args: ['<id>'], query: { at } }. */
function parseHash() {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const [page, ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page: page ?? '', args, query: Object.fromEntries(new URLSearchParams(search ?? '')) };
}

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function renderNav(session, active) {
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('nav.label'));
  replace(
    nav,
    h(
      'ul',
      {},
      pagesFor(session).map((p) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `#/${p.id}`,
              'aria-current': p.id === active ? 'page' : null,
              dataset: { nav: p.id },
            },
            t(`nav.${p.id}`),
          ),
        ),
      ),
    ),
  );
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'lang-toggle',
      lang: lang() === 'sv' ? 'en' : 'sv',
      onclick: () => {
        setLang(lang() === 'sv' ? 'en' : 'sv');
        route();
      },
    },
    t('lang.switch'),
  );
  const who = session
    ? [
        h(
          'span',
          { class: 'who', dataset: { role: session.role } },
          session.name,
          ' · ',
          t(`role.${session.role}`),
        ),
        h('button', { type: 'button', class: 'link', onclick: signOut }, t('signin.signOut')),
      ]
    : [];
  replace(document.getElementById('session'), who, toggle);
  document.querySelector('.skip-link').textContent = t('nav.skip');
}

function signOut() {
  clearSession();
  clearCache();
  navigate('#/logga-in');
}

function route() {
  document.documentElement.lang = lang();
  const session = currentSession();
  const { page, args, query } = parseHash();
  const main = document.getElementById('main');
  const allowed = pagesFor(session);
  let target = page;
  if (!session) {
    target = 'logga-in';
    // Back to where the user was going once signed in (a bookmark, an expired session).
    if (PAGES[page]) sessionStorage.setItem(RETURN_TO, location.hash);
  } else if (!PAGES[page] || !allowed.some((p) => p.id === page))
    target = page === 'logga-in' ? 'logga-in' : allowed[0]?.id;
  if (session && target === 'logga-in' && page !== 'logga-in') target = allowed[0]?.id;
  if (target !== page) {
    history.replaceState(null, '', `#/${target}`);
  }
  renderNav(session, target);
  const container = h('div', { class: 'page', dataset: { page: target, ready: 'false' } });
  replace(main, container);
  const module = target === 'logga-in' ? signin : PAGES[target];
  document.title = `${t(target === 'logga-in' ? 'signin.title' : `nav.${target}`)} – Kundval Ledger`;
  Promise.resolve(module.render(container, { session, args, query, navigate, onSignedIn }))
    .catch((error) =>
      container.append(h('p', { class: 'alert', role: 'alert' }, String(error?.message ?? error))),
    )
    .finally(() => {
      container.dataset.ready = 'true';
    });
}

function onSignedIn() {
  clearCache();
  const allowed = pagesFor(currentSession());
  const returnTo = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  const page = returnTo?.replace(/^#\/?/, '').split(/[/?]/)[0];
  navigate(allowed.some((p) => p.id === page) ? returnTo : `#/${allowed[0]?.id ?? 'logga-in'}`);
}

window.addEventListener('hashchange', route);
route();
