import { addDays, luhnCheckDigit } from '@kundval/domain';
import { CitizenHistoryPlan, CitizenStep } from '../citizen-plan.types';

/**
 * Hands out birth numbers per birth date, below the seed's own test series (980–999), keeping
 * the parity of the number replaced (the third digit's parity is the holder's sex): 490 numbers
 * per date and sex. A date used up (a date the seed's citizens share, after some hundred batches)
 * lends its numbers from the next day that has some left, so any size fits and ages move by days
 * at most. Unlike the seed's own numbers these are not test numbers and may be someone's real
 * number: a national seed (with its made-up names) is benchmark data for throwaway data
 * directories.
 */
export class BirthNumberAllocator {
  private readonly next = new Map<string, number>();

  /** A new personnummer `YYYYMMDDNNNC` for someone born on (or just after) the date. */
  allocate(yyyymmdd: string, parity: number): string {
    const used = (date: string) => this.next.get(`${date}:${parity}`) ?? 0;
    let date = yyyymmdd;
    while (used(date) >= NUMBERS_PER_DATE) date = nextDay(date);
    const k = used(date);
    this.next.set(`${date}:${parity}`, k + 1);
    const nnn = String(2 * k + parity).padStart(3, '0');
    return `${date}${nnn}${luhnCheckDigit(`${date.slice(2)}${nnn}`)}`;
  }
}

const NUMBERS_PER_DATE = 490;

function nextDay(yyyymmdd: string): string {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6)}`;
  return addDays(iso, 1).replace(/-/g, '');
}

/**
 * Batch `batch` (1, 2…) of a national seed: the Nacka citizens' plan again, with every citizen,
 * entitlement and idempotency key renamed into the batch so it lands beside the base seed and
 * the other batches instead of replaying them, and every citizen given a new personnummer (same
 * sex, same birth date while it has numbers left) from `numbers`. Batches must be planned in
 * order 1, 2, … with one allocator for the numbers to come out the same on every run. Every
 * provider the plan names is replaced by `provider(id)`: the batch's municipality's copy of it
 * (the seeded one by default).
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
