// Names for ids: schemes and providers, from the API's lists (cached for the session).
import { cached } from './api.js';
import { has, t } from './i18n.js';

export async function referenceData() {
  const [schemes, providers] = await Promise.all([cached('/schemes'), cached('/providers')]);
  const schemeById = new Map(schemes.map((s) => [s.schemeId, s]));
  const providerById = new Map(providers.map((p) => [p.providerId, p]));
  return {
    schemes,
    providers,
    scheme: (id) => schemeById.get(id),
    schemeName: (id) =>
      has(`scheme.${id}`) ? t(`scheme.${id}`) : (schemeById.get(id)?.name ?? id),
    providerName: (id) => providerById.get(id)?.name ?? id,
    ownership: (id) => providerById.get(id)?.ownership ?? null,
  };
}
