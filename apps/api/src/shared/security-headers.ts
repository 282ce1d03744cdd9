import type { HttpReply, HttpRequest } from './http-request';

const COMMON = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
const policy = (script: string) =>
  `default-src 'self'; script-src ${script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
/** The headers of every API answer. */
export const API_HEADERS = {
  ...COMMON,
  'Content-Security-Policy': policy("'self'"),
  'Cache-Control': 'no-store',
};
const DOCS = { ...COMMON, 'Content-Security-Policy': policy("'self' 'unsafe-inline'") };

/**
 * Security headers on every answer: no sniffing, no framing, no referrer, a same-origin content
 * policy, and no caching of API answers that may hold personal data. The interactive API docs load
 * their own inline script, so only that page gets a looser script policy.
 */
export function securityHeaders(request: HttpRequest, reply: HttpReply, done: () => void): void {
  reply.headers(request.url.startsWith('/api/docs') ? DOCS : API_HEADERS);
  done();
}
