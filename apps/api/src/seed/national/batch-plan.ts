import { luhnCheckDigit } from '@kundval/domain';
import { CitizenHistoryPlan, CitizenStep } from '../citizen-plan.types';

/**
 * Hands out birth numbers per birth date, below the seed's own test series (980–999), keeping
 * the parity of the number replaced (the third digit's parity is the holder's sex): 490 numbers
 * per date and sex, so any number of batches fits as long as no birth date is used more often.
 * Unlike the seed's own numbers these are not test numbers and may be someone's real number: a
 * national seed (with its made-up names) is benchmark data for throwaway data directories.
 */
export class BirthNumberAllocator {
  private readonly next = new Map<string, number>();

  /** A new personnummer `YYYYMMDDNNNC` for someone born on the date with the given parity. */
  allocate(yyyymmdd: string, parity: number): string {
    const key = `${yyyymmdd}:${parity}`;
    const k = this.next.get(key) ?? 0;
    if (k >= 490) throw new RangeError(`No birth numbers left for ${yyyymmdd}`);
    this.next.set(key, k + 1);
    const nnn = String(2 * k + parity).padStart(3, '0');
    return `${yyyymmdd}${nnn}${luhnCheckDigit(`${yyyymmdd.slice(2)}${nnn}`)}`;
  }
}

/**
 * Batch `batch` (1, 2…) of a national seed: the Nacka citizens' plan again, with every citizen,
 * entitlement and idempotency key renamed into the batch so it lands beside the base seed and
 * the other batches instead of replaying them, and every citizen given a new personnummer (same
 * birth date and sex) from `numbers`. Batches must be planned in order 1, 2, … with one
 * allocator for the numbers to come out the same on every run. Every provider the plan names is
 * replaced by `provider(id)`: the batch's municipality's copy of it (the seeded one by default).
 */
export function batchPlan(
  base: CitizenHistoryPlan,
  batch: number,
  numbers: BirthNumberAllocator,
  provider: (providerId: string) => string = (providerId) => providerId,
): CitizenHistoryPlan {
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`A batch is numbered from 1; got ${batch}`);
  }
  const ref = (r: string) => `b${batch}-${r}`;
  const entitlement = (id: string) => `${id}-b${batch}`;
  const providers = (step: CitizenStep): CitizenStep => {
    switch (step.kind) {
      case 'choice':
        return {
          ...step,
          providerId: provider(step.providerId),
          previousProviderId:
            step.previousProviderId === null ? null : provider(step.previousProviderId),
        };
      case 'non-choice':
        return { ...step, providerId: provider(step.providerId) };
      case 'end':
        return { ...step, heldProviderId: provider(step.heldProviderId) };
      default:
        return step;
    }
  };
  return {
    citizens: base.citizens.map((c) => ({
      ...c,
      ref: ref(c.ref),
      personalNumber: numbers.allocate(
        c.personalNumber.slice(0, 8),
        Number(c.personalNumber[10]) % 2,
      ),
    })),
    steps: base.steps.map((step) => ({
      ...providers(step),
      citizenRef: ref(step.citizenRef),
      entitlementId: entitlement(step.entitlementId),
      key: step.key.replace(`:${step.entitlementId}:`, `:${entitlement(step.entitlementId)}:`),
    })),
  };
}
