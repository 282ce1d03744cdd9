import type { NextFunction, Request, Response } from 'express';

/**
 * Security headers on every answer: no sniffing, no framing, no referrer, a same-origin content
 * policy, and no caching of API answers that may hold personal data. The interactive API docs load
 * their own inline script, so only that page gets a looser script policy.
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  const docs = request.path.startsWith('/api/docs');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self'${docs ? " 'unsafe-inline'" : ''}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
  );
  if (!docs) response.setHeader('Cache-Control', 'no-store');
  next();
}
