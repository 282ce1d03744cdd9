import { Ownership } from '@kundval/domain';
import { FollowUpSeed } from '../nacka-follow-up.seed';
import { ProviderPlan, SchemePlan } from '../nacka-seed-plan';
import { seedOrganisationNumber } from '../organisation-number-generator';

/**
 * How many of the seed's citizen sets (the base seed's and the batches', ~2,970 citizens each)
 * make one municipality of a national seed: 10, about 30,000 citizens. The seed's provider
 * counts are Nacka's own, and 30,000 is roughly the customer-choice population of a municipality
 * of Nacka's size (about 100,000 inhabitants, over 20,000 of them children in preschool and
 * school); the seed's 2,970 citizens fill a tenth of what its providers declare, so ten sets fill
 * them about as a real municipality does, at ten times the seed's declared capacity. A national seed of
 * 1,000,000 citizens is then 34 municipalities with some 7,600 providers, where Sweden has 290.
 * What matters for generation time is that a roster's size depends on this number, not on the
 * size of the seed: each choice's capacity check and roster fold are linear in the roster.
 */
export const MUNICIPALITY_BATCHES = 10;

/**
 * The municipality of citizen set `batch` (0 for the base seed's own): municipality 0 is the
 * Nacka seed's, with its own providers; municipality m ≥ 1 has its own copies of them.
 */
export function municipalityOf(batch: number, batchesPerMunicipality: number): number {
  return Math.floor(batch / batchesPerMunicipality);
}

/** The id of municipality `m`'s copy of a seeded provider (`m` 0: the seeded provider itself). */
export function providerIn(providerId: string, municipality: number): string {
  return municipality === 0 ? providerId : `${providerId}-k${municipality}`;
}

/**
 * Municipality `m`'s (m ≥ 1) copies of the seed's providers: the same schemes, dates, ownership
 * and capacity (times `capacityFactor`), under their own ids, names and organisation numbers.
 * A private or non-profit copy gets its own number after those of the seed and of municipalities
 * before it; a municipality's own units are all the municipality, with one number (a kommun's
 * organisationsnummer), the first after the seed's municipal numbers.
 */
export function municipalityProviders(
  plan: readonly SchemePlan[],
  municipality: number,
  capacityFactor: number,
): SchemePlan[] {
  if (!Number.isInteger(municipality) || municipality < 1) {
    throw new RangeError(`Copied providers belong to a municipality from 1; got ${municipality}`);
  }
  const counts: Record<Ownership, number> = { private: 0, non_profit: 0, municipal: 0 };
  for (const p of plan.flatMap(({ providers }) => providers)) counts[p.ownership]++;
  // The seed numbers its providers in plan order, by ownership: so do the copies.
  const serials: Record<Ownership, number> = { private: 0, non_profit: 0, municipal: 0 };
  const organisationNumber = (ownership: Ownership) => {
    const serial = serials[ownership]++;
    return ownership === 'municipal'
      ? seedOrganisationNumber('municipal', counts.municipal + municipality - 1)
      : seedOrganisationNumber(ownership, municipality * counts[ownership] + serial);
  };
  const copy = (p: ProviderPlan): ProviderPlan => ({
    ...p,
    providerId: providerIn(p.providerId, municipality),
    name: nameIn(p, municipality),
    organisationNumber: organisationNumber(p.ownership),
    capacity: p.capacity * capacityFactor,
  });
  return plan.map(({ seed, providers }) => ({ seed, providers: providers.map(copy) }));
}

/** The seed's follow-up (warnings, visits, the de-authorisation) of municipality `m`'s copies. */
export function municipalityFollowUp(
  followUp: readonly FollowUpSeed[],
  municipality: number,
): FollowUpSeed[] {
  const id = (ref: string) => `${ref}-k${municipality}`;
  return followUp.map((step) => {
    const providerId = providerIn(step.providerId, municipality);
    switch (step.kind) {
      case 'warning':
        return { ...step, providerId, warningId: id(step.warningId) };
      case 'visit':
        return { ...step, providerId, visitId: id(step.visitId) };
      case 'deauthorisation':
        return { ...step, providerId, decisionId: id(step.decisionId) };
    }
  });
}

// The seed's names are Nacka's: a copy names its municipality instead, or adds it.
function nameIn(p: ProviderPlan, municipality: number): string {
  const label = `Kommun ${municipality}`;
  return p.name.startsWith('Nacka kommun')
    ? p.name.replace('Nacka kommun', label)
    : `${p.name} (${label.toLowerCase()})`;
}
