import { Principal } from '../../auth/principal';
import { IdentityRegistry } from './identity-registry';

/**
 * The personal identity number as this caller may see it: in full for caseworkers, who need it
 * to handle the case; masked (`YYYYMMDD-****`) for everyone else; null once erased.
 */
export function personalNumberFor(
  registry: IdentityRegistry,
  citizenId: string,
  principal: Principal | undefined,
): string | null {
  const identity = registry.identityOf(citizenId);
  if (!identity) return null;
  return principal?.role === 'caseworker'
    ? identity.personalNumber
    : maskPersonalNumber(identity.personalNumber);
}

/** `YYYYMMDD-****`: enough to tell people apart on a list, not enough to identify them. */
export function maskPersonalNumber(personalNumber: string): string {
  return `${personalNumber.slice(0, 8)}-****`;
}
