import {
  addDays,
  CalendarDate,
  daysBetween,
  laterDate,
  NACKA_PROVIDER_COUNTS,
  NACKA_SCHEMES,
  Ownership,
  ProviderCountSeed,
  SchemeSeed,
  seedStartDate,
} from '@kundval/domain';
import { seedOrganisationNumber } from './organisation-number-generator';
import { seedProviderName } from './provider-names';
import { SCHOOL_PROVIDER_COUNTS } from './school-provider-counts.seed';

/** The day seed 003's counts describe: every seeded provider is authorised (and contracted) by then. */
export const SEED_COUNTS_AS_OF: CalendarDate = '2014-10-01';

// Assumed case handling: four weeks from application to decision, one more to a signed contract.
const DAYS_TO_DECISION = 28;
const DAYS_TO_CONTRACT = 7;

// Capacity ceilings (customers, places or pupils at once) by the kind of unit a scheme has.
const CAPACITY_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  hemtjanst: [20, 150],
  'sarskilt-boende': [36, 96],
  familjeradgivning: [10, 60],
  familjebehandling: [8, 40],
  'dagverksamhet-aldre': [15, 30],
  sysselsattning: [10, 40],
  boendestod: [10, 50],
  'korttidsvistelse-lss': [4, 12],
  'oppenvard-missbruk': [10, 40],
  'daglig-verksamhet-lss': [8, 40],
  forskola: [30, 120],
  grundskola: [150, 700],
  gymnasieskola: [200, 1200],
  musikskola: [100, 600],
};

/** One provider the seed registers and takes through authorisation in one scheme. */
export type ProviderPlan = Readonly<{
  providerId: string;
  schemeId: string;
  name: string;
  organisationNumber: string;
  ownership: Ownership;
  /** Registered and applied on this day. */
  appliedOn: CalendarDate;
  grantedOn: CalendarDate;
  /** LOV schemes only. */
  contractSignedOn: CalendarDate | null;
  /** Choosable from this day: the contract date under LOV, else the grant date. */
  readyOn: CalendarDate;
  capacity: number;
}>;

/** A seeded scheme and the providers seeded in it. */
export type SchemePlan = Readonly<{ seed: SchemeSeed; providers: readonly ProviderPlan[] }>;

/**
 * Every scheme of seeds 001/003 with its providers: seed 003's counts for social services, seed
 * 001's shares for school and music school. Pure and deterministic: the same plan every run.
 */
export function nackaSeedPlan(): SchemePlan[] {
  const counts = new Map<string, ProviderCountSeed>(
    [...NACKA_PROVIDER_COUNTS, ...SCHOOL_PROVIDER_COUNTS].map((count) => [count.schemeId, count]),
  );
  const serials: Record<Ownership, number> = { private: 0, non_profit: 0, municipal: 0 };
  return NACKA_SCHEMES.map((seed) => {
    const count = counts.get(seed.schemeId);
    if (!count || count.privateCount === null || count.municipalCount === null) {
      return { seed, providers: [] };
    }
    return {
      seed,
      providers: planProviders(seed, count.privateCount, count.municipalCount, serials),
    };
  });
}

function planProviders(
  seed: SchemeSeed,
  privateCount: number,
  municipalCount: number,
  serials: Record<Ownership, number>,
): ProviderPlan[] {
  const first = authorisationWindowStart(seed);
  const last = addDays(SEED_COUNTS_AS_OF, -1 - DAYS_TO_DECISION - DAYS_TO_CONTRACT);
  const span = daysBetween(first, last);
  if (span < municipalCount) {
    throw new Error(
      `Scheme "${seed.schemeId}" starts too late to seed providers before ${SEED_COUNTS_AS_OF}`,
    );
  }
  const names: Record<Ownership, number> = { private: 0, non_profit: 0, municipal: 0 };
  const plan = (ownership: Ownership, id: string, appliedOn: CalendarDate, index: number) => {
    const grantedOn = addDays(appliedOn, DAYS_TO_DECISION);
    const contractSignedOn =
      seed.legalBasis === 'lov' ? addDays(grantedOn, DAYS_TO_CONTRACT) : null;
    return {
      providerId: `${seed.schemeId}-${id}`,
      schemeId: seed.schemeId,
      name: seedProviderName(seed.schemeId, ownership, names[ownership]++),
      organisationNumber: seedOrganisationNumber(ownership, serials[ownership]++),
      ownership,
      appliedOn,
      grantedOn,
      contractSignedOn,
      readyOn: contractSignedOn ?? grantedOn,
      capacity: capacity(seed.schemeId, index),
    };
  };
  // The municipality's own units are there from the first day; the others join over the years.
  const municipal = range(municipalCount).map((j) =>
    plan('municipal', `m${pad(j + 1)}`, addDays(first, j), j),
  );
  const others = range(privateCount).map((i) =>
    plan(
      // Seed 003's "privat verksamhet" includes non-profits (idéburna): every fifth one here.
      i % 5 === 2 ? 'non_profit' : 'private',
      `p${pad(i + 1)}`,
      addDays(first, Math.floor(((i + 1) * span) / (privateCount + 1))),
      municipalCount + i,
    ),
  );
  return [...municipal, ...others];
}

// Under LOV every provider signs a contract, so the seeded authorisations start when the scheme
// came under the act; the seeds tell nothing about providers authorised before that.
function authorisationWindowStart(seed: SchemeSeed): CalendarDate {
  const start = seedStartDate(seed);
  if (seed.legalBasis !== 'lov' || seed.lovFromYear === null) return start;
  return laterDate(start, `${seed.lovFromYear}-01-01`);
}

function capacity(schemeId: string, index: number): number {
  const [low, high] = CAPACITY_RANGES[schemeId] ?? [10, 50];
  // Spread deterministically over the range, in round numbers where the range is large.
  const step = high - low > 100 ? 10 : 1;
  const steps = Math.floor((high - low) / step) + 1;
  return low + ((index * 37) % steps) * step;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
