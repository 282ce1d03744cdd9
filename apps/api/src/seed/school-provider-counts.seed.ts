import { NACKA_MARKET_SHARES, ProviderCountSeed } from '@kundval/domain';

// ASSUMPTION. Seed 001 gives the share of children with independent vs the municipality's own
// providers, not provider counts. We seed a few dozen units and split each total by that share
// (pupils in other municipalities' schools are left out: those schools are not Nacka's).
const UNITS_PER_SCHEME: Readonly<Record<string, number>> = {
  forskola: 20,
  grundskola: 16,
  gymnasieskola: 8,
  musikskola: 6,
};

/** Seeded providers per school and music-school scheme, split by seed 001's market shares. */
export const SCHOOL_PROVIDER_COUNTS: readonly ProviderCountSeed[] = NACKA_MARKET_SHARES.filter(
  (share) => UNITS_PER_SCHEME[share.schemeId] !== undefined,
).map((share) => {
  const total = UNITS_PER_SCHEME[share.schemeId];
  const independent = Math.round(
    (total * share.independentPercent) / (share.independentPercent + share.ownMunicipalPercent),
  );
  return {
    schemeId: share.schemeId,
    privateCount: independent,
    municipalCount: total - independent,
    unit: 'units',
  };
});
