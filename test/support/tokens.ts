import { developmentAuthConfig } from '../../apps/api/src/auth/auth.config';
import { issueToken } from '../../apps/api/src/auth/jwt';
import { Role } from '../../apps/api/src/auth/roles';

/** An Authorization header for a signed-in user (development key, as the demo uses). */
export function bearer(
  role: Role,
  options: { subject?: string; providerId?: string; citizenIds?: string[] } = {},
): { Authorization: string } {
  const token = issueToken(
    {
      subject: options.subject ?? `${role}-1`,
      role,
      ...(options.providerId ? { providerId: options.providerId } : {}),
      ...(options.citizenIds ? { citizenIds: options.citizenIds } : {}),
    },
    developmentAuthConfig(),
  );
  return { Authorization: `Bearer ${token}` };
}
