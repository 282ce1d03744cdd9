import { CalendarDate, Ownership } from '@kundval/domain';
import { CITIZENS_AS_OF } from './citizen-calendar';
import { CitizenHistoryPlan } from './citizen-plan.types';
import { SchemePlan } from './nacka-seed-plan';

/** Citizens placed in one scheme on the as-of day, by the provider's ownership. */
export type SeededMarketShare = {
  schemeId: string;
  placed: number;
  municipal: number;
  independent: number;
  /** Whole percent of those placed. */
  independentPercent: number;
};

/** What the citizens' part of the seed contains. */
export type SeededCitizens = {
  asOf: CalendarDate;
  citizens: number;
  entitlements: number;
  firstChoices: number;
  switches: number;
  /** Switches taking effect on another day than the first of a month. */
  midMonthSwitches: number;
  nonChoice: number;
  levelChanges: number;
  ended: number;
  marketShares: SeededMarketShare[];
};

/** Counts of the citizens' plan, and the market shares it gives on the as-of day. */
export function summariseCitizens(
  plan: CitizenHistoryPlan,
  schemes: readonly SchemePlan[],
): SeededCitizens {
  const ownership = new Map<string, Ownership>(
    schemes.flatMap(({ providers }) => providers.map((p) => [p.providerId, p.ownership] as const)),
  );
  const placed = new Map<string, { schemeId: string; providerId: string | null }>();
  const count = { grants: 0, first: 0, switches: 0, midMonth: 0, nonChoice: 0, levels: 0, ends: 0 };
  for (const step of plan.steps) {
    switch (step.kind) {
      case 'grant':
        count.grants++;
        placed.set(step.entitlementId, { schemeId: step.schemeId, providerId: null });
        break;
      case 'choice':
      case 'non-choice': {
        if (step.kind === 'non-choice') count.nonChoice++;
        else if (step.previousProviderId === null) count.first++;
        else {
          count.switches++;
          if (!step.effectiveDate.endsWith('-01')) count.midMonth++;
        }
        if (step.effectiveDate <= CITIZENS_AS_OF)
          placed.get(step.entitlementId)!.providerId = step.providerId;
        break;
      }
      case 'level-change':
        count.levels++;
        break;
      case 'end':
        count.ends++;
        placed.get(step.entitlementId)!.providerId = null;
        break;
    }
  }
  const shares = new Map<string, SeededMarketShare>();
  for (const { schemeId, providerId } of placed.values()) {
    if (providerId === null) continue;
    const share = shares.get(schemeId) ?? {
      schemeId,
      placed: 0,
      municipal: 0,
      independent: 0,
      independentPercent: 0,
    };
    share.placed++;
    if (ownership.get(providerId) === 'municipal') share.municipal++;
    else share.independent++;
    share.independentPercent = Math.round((100 * share.independent) / share.placed);
    shares.set(schemeId, share);
  }
  return {
    asOf: CITIZENS_AS_OF,
    citizens: plan.citizens.length,
    entitlements: count.grants,
    firstChoices: count.first,
    switches: count.switches,
    midMonthSwitches: count.midMonth,
    nonChoice: count.nonChoice,
    levelChanges: count.levels,
    ended: count.ends,
    marketShares: [...shares.values()],
  };
}
