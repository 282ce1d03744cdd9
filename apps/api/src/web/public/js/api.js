// The one way the pages talk to the API: the bearer token on every request, problems as errors.
import { clearSession, token } from './session.js';

/** An API answer that is not 2xx, with its application/problem+json body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function idempotencyKey() {
  if (globalThis.crypto?.randomUUID) return `web-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function urlOf(path, query) {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  return url;
}

/**
 * Calls the API. Every request carries `Authorization: Bearer <token>` (empty when signed out, so
 * the API answers 401); commands carry a fresh `Idempotency-Key` and `X-Channel: web`.
 * Resolves with the parsed JSON, or the Response when `raw` is set.
 */
export async function api(path, { method = 'GET', body, query, raw, readModel } = {}) {
  // Read-your-writes: a read model is asked to have caught up with this tab's last command.
  if (readModel && lastPosition() > 0) query = { ...query, minPosition: lastPosition() };
  const headers = {
    Authorization: `Bearer ${token()}`,
    Accept: 'application/json',
    'X-Channel': 'web',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['Idempotency-Key'] = idempotencyKey();
  const response = await fetch(urlOf(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 503 && readModel && query?.minPosition) {
    // The read models never reach that position (e.g. a new store since): ask without it.
    sessionStorage.removeItem(POSITION);
    const { minPosition: _ignored, ...rest } = query;
    return api(path, { method, body, query: rest, raw });
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = { title: response.statusText, detail: `HTTP ${response.status}` };
    }
    if (response.status === 401 && path !== '/auth/dev-token') {
      clearSession();
      sessionStorage.setItem('kundval.signedOutBecause', problem?.detail ?? '');
      location.hash = '#/logga-in';
    }
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

const POSITION = 'kundval.lastPosition';

/** The log position a command of this tab answered with, for read-your-writes on read models. */
export function rememberPosition(position) {
  if (Number.isSafeInteger(position) && position > lastPosition())
    sessionStorage.setItem(POSITION, String(position));
}

function lastPosition() {
  return Number(sessionStorage.getItem(POSITION) ?? 0) || 0;
}

/** Downloads an API resource as a file (the token cannot ride on a plain link). */
export async function download(path, query, filename) {
  const response = await api(path, { query, raw: true });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Caches of the reference lists every page uses (schemes, providers) for names. */
const cache = new Map();
export function cached(path) {
  if (!cache.has(path)) {
    const promise = api(path).catch((error) => {
      cache.delete(path);
      throw error;
    });
    cache.set(path, promise);
  }
  return cache.get(path);
}
export function clearCache() {
  cache.clear();
}
