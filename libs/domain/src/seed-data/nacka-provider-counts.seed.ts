/** How many providers a scheme had, by ownership, as a published figure. */
export type ProviderCountSeed = Readonly<{
  schemeId: string;
  /** Private and non-profit providers together ("privat verksamhet"); null if not yet known. */
  privateCount: number | null;
  /** The municipality's own providers ("kommunal verksamhet", egen regi); null if not yet known. */
  municipalCount: number | null;
  /** What is counted: providers (anordnare), homes (boenden) or units (verksamheter). */
  unit: 'providers' | 'homes' | 'units';
}>;

/** When the counts below were published: seed 003 uses figures fetched in October 2014. */
export const NACKA_PROVIDER_COUNTS_AS_OF = '2014-10';

// Seed 003's table "Kundval, sociala tjänster". Seed 001 has an older version of the table with
// slightly different numbers (e.g. residential care 8 + 5, family therapy 15 + 1); 003 is newer.
// Escort and relief services under LSS were marked "(nytt)": new, not yet counted.

/** Providers per social-services scheme by ownership (seed 003). */
export const NACKA_PROVIDER_COUNTS: readonly ProviderCountSeed[] = [
  { schemeId: 'hemtjanst', privateCount: 54, municipalCount: 1, unit: 'providers' },
  { schemeId: 'sarskilt-boende', privateCount: 7, municipalCount: 5, unit: 'homes' },
  { schemeId: 'familjeradgivning', privateCount: 28, municipalCount: 1, unit: 'providers' },
  { schemeId: 'familjebehandling', privateCount: 16, municipalCount: 1, unit: 'providers' },
  { schemeId: 'dagverksamhet-aldre', privateCount: 0, municipalCount: 4, unit: 'units' },
  { schemeId: 'sysselsattning', privateCount: 7, municipalCount: 4, unit: 'units' },
  { schemeId: 'boendestod', privateCount: 8, municipalCount: 1, unit: 'providers' },
  { schemeId: 'korttidsvistelse-lss', privateCount: 10, municipalCount: 1, unit: 'providers' },
  { schemeId: 'oppenvard-missbruk', privateCount: 6, municipalCount: 1, unit: 'providers' },
  { schemeId: 'daglig-verksamhet-lss', privateCount: 13, municipalCount: 6, unit: 'units' },
  {
    schemeId: 'ledsagar-avlosarservice-lss',
    privateCount: null,
    municipalCount: null,
    unit: 'providers',
  },
];
