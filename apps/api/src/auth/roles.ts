/**
 * Who uses the ledger (see DESIGN.md): a citizen (or guardian/representative acting for one), a
 * caseworker (handläggare), a provider's staff, the quality unit, finance (ekonomi), an auditor
 * (revisor); `system` is the ledger's own processes and is never issued to a person.
 */
export const ROLES = [
  'citizen',
  'caseworker',
  'provider',
  'quality_officer',
  'finance',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];
