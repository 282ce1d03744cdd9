import { createPublicKey, KeyObject } from 'node:crypto';

export interface AuthConfig {
  mode: 'production' | 'development';
  issuer: string;
  audience: string;
  /** HS256 secret, or an RS256/ES256 public key to verify with. */
  key: { kind: 'secret'; secret: Buffer } | { kind: 'public'; key: KeyObject };
}

/** Used only in the explicit development mode, where anyone can mint tokens. */
const DEVELOPMENT_SECRET = 'kundval-development-secret-do-not-use-in-production';

/**
 * Reads `AUTH_JWT_SECRET` (at least 32 characters) or `AUTH_JWT_PUBLIC_KEY` (PEM), `AUTH_ISSUER`
 * and `AUTH_AUDIENCE`. Without a key the app refuses to start, unless `AUTH_MODE=development`,
 * which uses a published secret and enables the demo sign-in.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const mode = (env.AUTH_MODE ?? 'production').trim();
  if (mode !== 'production' && mode !== 'development') {
    throw new Error(`AUTH_MODE must be production or development; got "${mode}"`);
  }
  const issuer = env.AUTH_ISSUER?.trim() || 'kundval-ledger';
  const audience = env.AUTH_AUDIENCE?.trim() || 'kundval-api';
  if (env.AUTH_JWT_PUBLIC_KEY) {
    try {
      return {
        mode,
        issuer,
        audience,
        key: {
          kind: 'public',
          key: createPublicKey(env.AUTH_JWT_PUBLIC_KEY.replace(/\\n/g, '\n')),
        },
      };
    } catch (error) {
      throw new Error(`AUTH_JWT_PUBLIC_KEY is not a PEM public key: ${(error as Error).message}`);
    }
  }
  const secret = env.AUTH_JWT_SECRET ?? (mode === 'development' ? DEVELOPMENT_SECRET : undefined);
  if (secret === undefined) {
    throw new Error(
      'No token key: set AUTH_JWT_SECRET (or AUTH_JWT_PUBLIC_KEY), or AUTH_MODE=development for a demo',
    );
  }
  if (secret.length < 32) throw new Error('AUTH_JWT_SECRET must be at least 32 characters');
  return { mode, issuer, audience, key: { kind: 'secret', secret: Buffer.from(secret) } };
}

/** The development configuration, for tests and the demo. */
export function developmentAuthConfig(): AuthConfig {
  return authConfigFromEnv({ AUTH_MODE: 'development' });
}
