import { IdentitySecrets } from './identity-registry';

const DEVELOPMENT: IdentitySecrets = {
  lookupKey: 'kundval-development-identity-lookup-key',
  masterKey: 'kundval-development-identity-master-key',
};

/**
 * Reads `IDENTITY_LOOKUP_KEY` and `IDENTITY_MASTER_KEY` (each at least 32 characters). Outside
 * the development mode both are required: published development keys would protect nothing.
 */
export function identitySecretsFromEnv(
  env: NodeJS.ProcessEnv,
  mode: 'production' | 'development',
): IdentitySecrets {
  const lookupKey = env.IDENTITY_LOOKUP_KEY;
  const masterKey = env.IDENTITY_MASTER_KEY;
  if (mode === 'development' && !lookupKey && !masterKey) return DEVELOPMENT;
  for (const [name, value] of [
    ['IDENTITY_LOOKUP_KEY', lookupKey],
    ['IDENTITY_MASTER_KEY', masterKey],
  ] as const) {
    if (!value || value.length < 32)
      throw new Error(`${name} must be set to at least 32 characters`);
  }
  return { lookupKey: lookupKey!, masterKey: masterKey! };
}
