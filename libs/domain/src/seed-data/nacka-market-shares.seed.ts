/** Share of children and pupils by kind of provider, in whole percent (seed 001, "Kundval idag"). */
export type MarketShareSeed = Readonly<{
  schemeId: string;
  /** With independent providers (fristående). */
  independentPercent: number;
  /** With the municipality's own providers (egen regi). */
  ownMunicipalPercent: number;
  /** With other municipalities' schools; null where the source gives no figure. */
  otherMunicipalitiesPercent: number | null;
}>;

/** Seed 001's market-share table, for the caseworker dashboard. */
export const NACKA_MARKET_SHARES: readonly MarketShareSeed[] = [
  // "Förskola och pedagogisk omsorg".
  {
    schemeId: 'forskola',
    independentPercent: 51,
    ownMunicipalPercent: 49,
    otherMunicipalitiesPercent: null,
  },
  {
    schemeId: 'grundskola',
    independentPercent: 23,
    ownMunicipalPercent: 75,
    otherMunicipalitiesPercent: 2,
  },
  {
    schemeId: 'gymnasieskola',
    independentPercent: 39,
    ownMunicipalPercent: 38,
    otherMunicipalitiesPercent: 23,
  },
  {
    schemeId: 'musikskola',
    independentPercent: 37,
    ownMunicipalPercent: 63,
    otherMunicipalitiesPercent: null,
  },
];
