// Where each aggregate's events live in the log. Ids may contain '-', so a '/' separates the
// parts of composite names; a citizen's entitlements share a prefix so they read as one range.

/** Where each aggregate's events live in the log. */
export const streamIds = {
  scheme: (schemeId: string) => `scheme-${schemeId}`,
  provider: (providerId: string) => `provider-${providerId}`,
  conditionCatalogue: () => 'condition-catalogue',
  entitlement: (citizenId: string, entitlementId: string) =>
    `entitlement-${citizenId}/${entitlementId}`,
  roster: (schemeId: string, providerId: string) => `roster-${schemeId}/${providerId}`,
  admissionRound: (roundId: string) => `admission-round-${roundId}`,
  paymentRun: (schemeId: string, period: string) => `payment-run-${schemeId}/${period}`,
} as const;

export const PROVIDER_STREAM_PREFIX = 'provider-';
export const SCHEME_STREAM_PREFIX = 'scheme-';
export const ENTITLEMENT_STREAM_PREFIX = 'entitlement-';
export const ROSTER_STREAM_PREFIX = 'roster-';
export const ADMISSION_ROUND_STREAM_PREFIX = 'admission-round-';
export const PAYMENT_RUN_STREAM_PREFIX = 'payment-run-';
export const citizenEntitlementsPrefix = (citizenId: string) => `entitlement-${citizenId}/`;
export const schemeRostersPrefix = (schemeId: string) => `roster-${schemeId}/`;
export const schemePaymentRunsPrefix = (schemeId: string) => `payment-run-${schemeId}/`;
