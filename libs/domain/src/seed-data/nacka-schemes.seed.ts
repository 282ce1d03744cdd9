import { LegalBasis, PaymentModel } from '../scheme/scheme.types';

/** A Nacka scheme as the source documents describe it (years only; they give no dates). */
export type SchemeSeed = Readonly<{
  schemeId: string;
  /** English name. */
  name: string;
  /** The municipality's own name for the service. */
  swedishName: string;
  legalBasis: LegalBasis;
  paymentModel: PaymentModel;
  /** Year customer choice began for the service. */
  startYear: number;
  /** Year the scheme came under LOV, if it did. */
  lovFromYear: number | null;
  /** Year the scheme ended, if it has. */
  closedYear: number | null;
  /** Which seed document the facts come from. */
  source: string;
}>;

// Sources: seed 001 (slide "Medborgarna kan välja", start years) and seed 003/004 (table "Kundval
// inom sociala tjänster", years before and under LOV). The documents give no payment models:
// DESIGN.md fixes monthly for school, hourly for home care and daily for housing; for the other
// services we chose the nearest of the three models. Vårdnadsbidrag (2009) is left out on purpose:
// it was a cash benefit to parents, not a voucher paid to a provider.

/** Nacka's customer-choice schemes with their start years. */
export const NACKA_SCHEMES: readonly SchemeSeed[] = [
  {
    schemeId: 'forskola',
    name: 'Preschool',
    swedishName: 'Förskola (barnomsorg)',
    legalBasis: 'school_act',
    paymentModel: 'monthly',
    startYear: 1994,
    lovFromYear: null,
    closedYear: null,
    source: 'seed 001',
  },
  {
    schemeId: 'grundskola',
    name: 'Compulsory school',
    swedishName: 'Grundskola',
    legalBasis: 'school_act',
    paymentModel: 'monthly',
    // "Skola 1992/1993": school vouchers from the school year 1992/93.
    startYear: 1992,
    lovFromYear: null,
    closedYear: null,
    source: 'seed 001',
  },
  {
    schemeId: 'gymnasieskola',
    name: 'Upper secondary school',
    swedishName: 'Gymnasieskola',
    legalBasis: 'school_act',
    paymentModel: 'monthly',
    startYear: 1992,
    lovFromYear: null,
    closedYear: null,
    source: 'seed 001',
  },
  {
    schemeId: 'vuxenutbildning',
    name: 'Adult education',
    swedishName: 'Vuxenutbildning',
    legalBasis: 'school_act',
    paymentModel: 'monthly',
    startYear: 2005,
    lovFromYear: null,
    closedYear: null,
    source: 'seed 001',
  },
  {
    schemeId: 'familjedaghem-eget-barn',
    name: "Family day care including one's own child",
    swedishName: 'Familjedaghem för eget barn (pedagogisk omsorg)',
    legalBasis: 'school_act',
    paymentModel: 'monthly',
    startYear: 2009,
    lovFromYear: null,
    closedYear: null,
    source: 'seed 001',
  },
  {
    schemeId: 'musikskola',
    name: 'Music school',
    swedishName: 'Musikskola',
    legalBasis: 'other',
    paymentModel: 'monthly',
    startYear: 2007,
    lovFromYear: null,
    closedYear: null,
    source: 'seed 001',
  },
  {
    schemeId: 'karriarvagledning',
    name: 'Career guidance',
    swedishName: 'Karriärvägledning',
    legalBasis: 'other',
    paymentModel: 'hourly',
    startYear: 2008,
    lovFromYear: null,
    closedYear: null,
    source: 'seed 001',
  },
  {
    schemeId: 'hemtjanst',
    name: 'Home care, escort and relief',
    swedishName: 'Hemtjänst, ledsagning, avlösning',
    legalBasis: 'lov',
    paymentModel: 'hourly',
    // Home care 1992; escort and relief joined in 1998.
    startYear: 1992,
    lovFromYear: 2009,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'sarskilt-boende',
    name: 'Residential care for older people',
    swedishName: 'Särskilt boende för äldre',
    legalBasis: 'lov',
    paymentModel: 'daily',
    startYear: 2001,
    lovFromYear: 2010,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'familjeradgivning',
    name: 'Family counselling',
    swedishName: 'Familjerådgivning',
    legalBasis: 'lov',
    paymentModel: 'hourly',
    startYear: 2005,
    lovFromYear: 2010,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'familjebehandling',
    name: 'Family therapy',
    swedishName: 'Familjebehandling',
    legalBasis: 'lov',
    paymentModel: 'hourly',
    startYear: 2007,
    lovFromYear: 2010,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'dagverksamhet-aldre',
    name: 'Day activities for older people',
    swedishName: 'Dagverksamhet för äldre',
    legalBasis: 'lov',
    paymentModel: 'daily',
    startYear: 2007,
    lovFromYear: 2010,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'arbetsmarknadsinsatser',
    name: 'Labour-market measures',
    swedishName: 'Kommunala arbetsmarknadsinsatser',
    legalBasis: 'lov',
    paymentModel: 'monthly',
    // Handed over to the Labour and Enterprise Unit (Arbets- och företagsenheten), still running.
    startYear: 2009,
    lovFromYear: 2009,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'sysselsattning',
    name: 'Occupation for people with psychiatric disabilities',
    swedishName: 'Sysselsättning, personer med psykiska funktionsnedsättningar',
    legalBasis: 'lov',
    paymentModel: 'daily',
    startYear: 2010,
    lovFromYear: 2010,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'boendestod',
    name: 'Housing support',
    swedishName: 'Boendestöd',
    legalBasis: 'lov',
    paymentModel: 'hourly',
    startYear: 2010,
    lovFromYear: 2010,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'korttidsvistelse-lss',
    name: 'Short stays away from home (LSS)',
    swedishName: 'Korttidsvistelse, LSS',
    legalBasis: 'lov',
    paymentModel: 'daily',
    startYear: 2011,
    lovFromYear: 2011,
    closedYear: null,
    source: 'seed 003',
  },
  {
    schemeId: 'oppenvard-missbruk',
    name: 'Outpatient care for substance abuse',
    swedishName: 'Öppenvård, personer med missbruksproblematik',
    legalBasis: 'lov',
    paymentModel: 'hourly',
    startYear: 2011,
    lovFromYear: 2011,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'daglig-verksamhet-lss',
    name: 'Daily activities for people with disabilities (LSS)',
    swedishName: 'Daglig verksamhet, LSS',
    legalBasis: 'lov',
    paymentModel: 'daily',
    // Seed 001 dates the choice to 2011, seed 003 puts it under LOV from 2012.
    startYear: 2011,
    lovFromYear: 2012,
    closedYear: null,
    source: 'seed 001, seed 003',
  },
  {
    schemeId: 'ledsagar-avlosarservice-lss',
    name: 'Escort and relief services (LSS)',
    swedishName: 'Ledsagarservice och avlösarservice enligt LSS',
    legalBasis: 'lov',
    paymentModel: 'hourly',
    startYear: 2015,
    lovFromYear: 2015,
    closedYear: null,
    source: 'seed 003',
  },
  {
    schemeId: 'fotvardscheckar',
    name: 'Foot-care vouchers',
    swedishName: 'Fotvårdscheckar',
    legalBasis: 'other',
    // Paid per treatment visit; a visit is at most one a day, so the daily model fits best.
    paymentModel: 'daily',
    startYear: 1985,
    lovFromYear: null,
    closedYear: 2005,
    source: 'seed 003',
  },
];
