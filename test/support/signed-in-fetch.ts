// Jest setup for the HTTP end-to-end tests: a request without an Authorization header is made by
// the person whose job it is (a quality officer sets up schemes and providers, a citizen makes
// choices, a caseworker handles entitlements, finance runs payouts, an auditor reads), or by the role named in `X-Role`
// (with `X-Actor` as the subject), signed in with a development token. Tests of access control
// set the Authorization header themselves, which this leaves alone.
import { Role, ROLES } from '../../apps/api/src/auth/roles';
import { bearer } from './tokens';

const realFetch = globalThis.fetch;

function roleFor(method: string, path: string): Role {
  if (method === 'GET') return 'auditor';
  if (path.endsWith('/choices') || path.endsWith('/preferences')) return 'citizen';
  if (/^\/(payment-runs|statements|reconciliation)|\/payment-rule$/.test(path)) return 'finance';
  if (/^\/(citizens|admission-rounds)|\/(admission-rounds|non-choice-runs)$/.test(path))
    return 'caseworker';
  return 'quality_officer';
}

globalThis.fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const headers = new Headers(init.headers);
  if (!headers.has('authorization') && !url.pathname.startsWith('/auth/')) {
    // A guardian or representative signs in as a citizen acting for the child or client.
    const named = ['guardian', 'representative'].includes(headers.get('x-role') ?? '')
      ? 'citizen'
      : headers.get('x-role');
    const method = (init.method ?? 'GET').toUpperCase();
    const role =
      named && (ROLES as readonly string[]).includes(named)
        ? (named as Role)
        : roleFor(method, url.pathname);
    const body = typeof init.body === 'string' ? safeJson(init.body) : {};
    const citizenIds = role === 'citizen' ? citizensIn(url.pathname, body) : undefined;
    const providerId = role === 'provider' ? providerIn(url.pathname, body) : undefined;
    const auth = bearer(role, {
      subject: headers.get('x-actor') ?? undefined,
      citizenIds,
      providerId,
    });
    headers.set('authorization', auth.Authorization);
  }
  return realFetch(input, { ...init, headers });
}) as typeof fetch;

function safeJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

function citizensIn(path: string, body: Record<string, unknown>): string[] {
  const ids = [/^\/citizens\/([^/]+)/.exec(path)?.[1], body.citizenId].filter(
    (v): v is string => typeof v === 'string',
  );
  return ids.length > 0 ? ids.map(decodeURIComponent) : ['nobody'];
}

function providerIn(path: string, body: Record<string, unknown>): string {
  const id = /^\/(?:providers|statements)\/([^/]+)/.exec(path)?.[1] ?? body.providerId;
  return typeof id === 'string' ? decodeURIComponent(id) : 'nobody';
}
