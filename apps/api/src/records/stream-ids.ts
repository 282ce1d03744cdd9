/** Where each aggregate's events live in the log. */
export const streamIds = {
  scheme: (schemeId: string) => `scheme-${schemeId}`,
  provider: (providerId: string) => `provider-${providerId}`,
  conditionCatalogue: () => 'condition-catalogue',
} as const;

export const PROVIDER_STREAM_PREFIX = 'provider-';
export const SCHEME_STREAM_PREFIX = 'scheme-';
