// What each role sees and may do in the dashboard. The API decides for real (403 otherwise); this
// only keeps the pages from offering what the role cannot use.

const STAFF = ['caseworker', 'quality_officer', 'finance', 'auditor', 'provider'];

/** The pages, in menu order, with the roles that see them. */
export const PAGES = [
  { id: 'oversikt', roles: STAFF },
  { id: 'kund', roles: ['caseworker', 'auditor', 'citizen'] },
  { id: 'anordnare', roles: ['caseworker', 'quality_officer', 'finance', 'auditor', 'provider'] },
  { id: 'utbetalningar', roles: ['finance', 'auditor', 'provider'] },
];

const CAPABILITIES = {
  // Reads
  marketShares: STAFF,
  awaitingChoice: ['caseworker', 'quality_officer', 'auditor'],
  sanctions: ['caseworker', 'quality_officer', 'finance', 'auditor'],
  projections: STAFF,
  lookupCitizen: ['caseworker'],
  anyProvider: ['caseworker', 'quality_officer', 'finance', 'auditor'],
  roster: ['caseworker', 'quality_officer', 'provider', 'auditor'],
  openCitizen: ['caseworker', 'auditor'],
  paymentRuns: ['finance', 'auditor'],
  statements: ['finance', 'auditor', 'provider'],
  reconciliation: ['finance', 'auditor'],
  // Commands
  registerChoice: ['caseworker', 'citizen'],
  assignNonChoice: ['caseworker'],
  issueWarning: ['quality_officer'],
  approveRun: ['finance'],
};

export function can(session, capability) {
  return Boolean(session && CAPABILITIES[capability]?.includes(session.role));
}

export function pagesFor(session) {
  return session ? PAGES.filter((p) => p.roles.includes(session.role)) : [];
}
