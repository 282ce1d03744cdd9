import { createHmac, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import { AuthConfig } from './auth.config';
import { Principal } from './principal';
import { ROLES, Role } from './roles';

/** Why a token was not accepted; the message is safe to show. */
export class InvalidTokenError extends Error {}

const ALGORITHMS: Record<string, string> = {
  RS256: 'RSA-SHA256',
  ES256: 'SHA256',
  PS256: 'RSA-SHA256',
};

/** A verified token's caller, and the instants (ms, leeway included) between which it is valid. */
export interface VerifiedToken {
  principal: Principal;
  validFromMs: number;
  validUntilMs: number;
}

/**
 * Verifies a compact JWS and returns the caller: signature (HS256 with a secret, or RS256/ES256
 * with a public key), issuer, audience, expiry and not-before (60 s leeway), role and claims;
 * and when the token is valid, so that a verified token can be reused until then.
 */
export function verifyToken(token: string, config: AuthConfig, now = Date.now()): VerifiedToken {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)))
    throw new InvalidTokenError('malformed token');
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decode(headerPart) as { alg?: string };
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = Buffer.from(signaturePart, 'base64url');
  if (config.key.kind === 'secret') {
    if (header.alg !== 'HS256') throw new InvalidTokenError('unexpected algorithm');
    const expected = createHmac('sha256', config.key.secret).update(signed).digest();
    if (expected.length !== signature.length || !timingSafeEqual(expected, signature))
      throw new InvalidTokenError('bad signature');
  } else {
    const algorithm = header.alg ? ALGORITHMS[header.alg] : undefined;
    const options =
      header.alg === 'ES256'
        ? { key: config.key.key, dsaEncoding: 'ieee-p1363' as const }
        : config.key.key;
    if (!algorithm || !verifySignature(algorithm, signed, options, signature))
      throw new InvalidTokenError('bad signature');
  }
  const claims = decode(payloadPart) as Record<string, unknown>;
  const seconds = Math.floor(now / 1000);
  if (claims.iss !== config.issuer) throw new InvalidTokenError('wrong issuer');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(config.audience)) throw new InvalidTokenError('wrong audience');
  if (typeof claims.exp !== 'number' || claims.exp + 60 < seconds)
    throw new InvalidTokenError('token expired');
  if (typeof claims.nbf === 'number' && claims.nbf - 60 > seconds)
    throw new InvalidTokenError('token not yet valid');
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 200)
    throw new InvalidTokenError('no subject');
  if (!ROLES.includes(claims.role as Role)) throw new InvalidTokenError('unknown role');
  const role = claims.role as Role;
  const principal: Principal = { subject: claims.sub, role };
  if (role === 'provider') {
    if (typeof claims.providerId !== 'string')
      throw new InvalidTokenError('a provider token names its provider');
    principal.providerId = claims.providerId;
  }
  if (role === 'citizen') {
    const ids = claims.citizenIds;
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > 20 ||
      !ids.every((id) => typeof id === 'string')
    ) {
      throw new InvalidTokenError('a citizen token lists the citizens it may act for');
    }
    principal.citizenIds = ids as string[];
  }
  const validFromMs = typeof claims.nbf === 'number' ? (claims.nbf - 60) * 1000 : -Infinity;
  return { principal, validFromMs, validUntilMs: (claims.exp + 61) * 1000 };
}

/** Issues an HS256 token (development mode and tests; production tokens come from the IdP). */
export function issueToken(
  principal: Principal,
  config: AuthConfig,
  ttlSeconds = 8 * 3600,
  now = Date.now(),
): string {
  if (config.key.kind !== 'secret')
    throw new Error('Tokens can only be issued with a shared secret');
  const iat = Math.floor(now / 1000);
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({
    iss: config.issuer,
    aud: config.audience,
    iat,
    exp: iat + ttlSeconds,
    sub: principal.subject,
    role: principal.role,
    ...(principal.providerId ? { providerId: principal.providerId } : {}),
    ...(principal.citizenIds ? { citizenIds: principal.citizenIds } : {}),
  });
  const signature = createHmac('sha256', config.key.secret)
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode(part: string): unknown {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) throw new Error();
    return value;
  } catch {
    throw new InvalidTokenError('malformed token');
  }
}
