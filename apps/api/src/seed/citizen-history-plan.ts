import { CalendarDate } from '@kundval/domain';
import { CITIZEN_MIX, CitizenMixSeed } from './citizen-mix.seed';
import { CitizenHistoryPlan, CitizenStep } from './citizen-plan.types';
import {
  citizenTimelines,
  EntitlementTimeline,
  HOURLY_SWITCH_NOTICE_DAYS,
} from './citizen-timelines';
import { SchemePlan } from './nacka-seed-plan';
import { ProviderPicker, Side } from './provider-picker';

/**
 * The citizens' year, step by step: citizens with made-up test personnummer, entitlements granted
 * over the year, first choices, switches, non-choice assignments, level changes and ends. Pure and
 * deterministic (seeded PRNG). Providers are picked in date order against a copy of their rosters,
 * so no choice meets PROVIDER_FULL, and in the school schemes so that the shares on the as-of day
 * follow seed 001 (each citizen's final side is set by a running quota).
 */
export function citizenHistoryPlan(
  schemes: readonly SchemePlan[],
  mixes: readonly CitizenMixSeed[] = CITIZEN_MIX,
): CitizenHistoryPlan {
  const { citizens, timelines } = citizenTimelines(mixes);
  const finalSide = finalSides(timelines);
  const picker = new ProviderPicker(schemes, timelines);
  const steps: (CitizenStep & { order: number })[] = [];
  const add = (step: CitizenStep, order: number) => steps.push({ ...step, order });

  for (const t of timelines) {
    const base = baseOf(t);
    const key = (what: string) => `citizens:${t.entitlementId}:${what}`;
    const { on, level, hours, validFrom, validTo, choiceDeadline } = t.grant;
    add(
      {
        ...base,
        kind: 'grant',
        on,
        key: key('grant'),
        decisionRef: '',
        level,
        grantedHoursPerMonth: hours,
        validFrom,
        validTo,
        choiceDeadline,
      },
      0,
    );
    if (t.levelChange) {
      const { on, effectiveDate, level, hours } = t.levelChange;
      add(
        {
          ...base,
          kind: 'level-change',
          on,
          key: key(`level-${effectiveDate}`),
          level,
          effectiveDate,
          grantedHoursPerMonth: hours,
          decisionRef: '',
        },
        3,
      );
    }
  }

  // Placements, switches and ends in date order, so the book sees what the rosters will.
  for (const event of picker.events()) {
    const t = event.timeline;
    const base = baseOf(t);
    const key = (what: string) => `citizens:${t.entitlementId}:${what}`;
    const side = finalSide.get(t.entitlementId) ?? null;
    if (event.kind === 'placement') {
      const p = t.placement;
      if (p.kind === 'non-choice') {
        const providerId = picker.nonChoice(t, p.on, p.effectiveDate);
        add(
          {
            ...base,
            kind: 'non-choice',
            on: p.on,
            key: key('non-choice'),
            providerId,
            effectiveDate: p.effectiveDate,
          },
          1,
        );
      } else {
        const wanted = t.switch && side && t.switch.toOtherOwnership ? other(side) : side;
        const providerId = picker.choose(t, p.on, p.effectiveDate, wanted);
        add(
          {
            ...base,
            kind: 'choice',
            on: p.on,
            key: key('choice'),
            providerId,
            effectiveDate: p.effectiveDate,
            madeBy: p.madeBy,
            channel: p.channel,
            previousProviderId: null,
            switchReason: null,
            switchNoticeDays: null,
          },
          1,
        );
      }
    } else if (event.kind === 'switch') {
      const s = t.switch!;
      const previousProviderId = picker.current(t);
      const providerId = picker.choose(t, s.on, s.effectiveDate, side);
      add(
        {
          ...base,
          kind: 'choice',
          on: s.on,
          key: key('switch'),
          providerId,
          effectiveDate: s.effectiveDate,
          madeBy: s.madeBy,
          channel: s.channel,
          previousProviderId,
          switchReason: s.reason,
          switchNoticeDays: t.mix.hours ? HOURLY_SWITCH_NOTICE_DAYS : null,
        },
        2,
      );
    } else {
      const e = t.end!;
      const heldProviderId = picker.end(t, e.on, e.endDate);
      add(
        {
          ...base,
          kind: 'end',
          on: e.on,
          key: key('end'),
          endDate: e.endDate,
          reason: e.reason,
          heldProviderId,
        },
        4,
      );
    }
  }

  steps.sort((a, b) =>
    a.on !== b.on
      ? compare(a.on, b.on)
      : a.entitlementId !== b.entitlementId
        ? compare(a.entitlementId, b.entitlementId)
        : a.order - b.order,
  );
  return {
    citizens,
    steps: numberDecisions(
      mixes,
      steps.map(({ order: _order, ...step }) => step),
    ),
  };
}

function baseOf(t: EntitlementTimeline) {
  return { citizenRef: t.citizen.ref, entitlementId: t.entitlementId, schemeId: t.mix.schemeId };
}

// Decision references numbered per board and year in the order decided: `UN-2014-0042`.
function numberDecisions(mixes: readonly CitizenMixSeed[], steps: CitizenStep[]): CitizenStep[] {
  const prefixes = new Map(mixes.map((mix) => [mix.schemeId, mix.decisionPrefix]));
  const counters = new Map<string, number>();
  const next = (schemeId: string, on: CalendarDate) => {
    const series = `${prefixes.get(schemeId) ?? 'KS'}-${on.slice(0, 4)}`;
    const n = (counters.get(series) ?? 0) + 1;
    counters.set(series, n);
    return `${series}-${String(n).padStart(4, '0')}`;
  };
  return steps.map((step) =>
    step.kind === 'grant' || step.kind === 'level-change'
      ? { ...step, decisionRef: next(step.schemeId, step.on) }
      : step,
  );
}

/**
 * Each entitlement's side on the as-of day, for schemes with a market-share target: a running
 * quota over the entitlements still in force, so the shares come out as targeted. Citizens given
 * the (municipal) non-choice alternative who do not switch count as municipal.
 */
function finalSides(timelines: readonly EntitlementTimeline[]): Map<string, Side> {
  const sides = new Map<string, Side>();
  const tally = new Map<string, { n: number; independent: number }>();
  for (const t of timelines) {
    const target = t.mix.independentShare;
    if (target === null || t.end !== null) continue;
    const count = tally.get(t.mix.schemeId) ?? { n: 0, independent: 0 };
    const forced = t.placement.kind === 'non-choice' && t.switch === null;
    const side: Side =
      !forced && count.independent < Math.round(target * (count.n + 1))
        ? 'independent'
        : 'municipal';
    count.n++;
    if (side === 'independent') count.independent++;
    tally.set(t.mix.schemeId, count);
    sides.set(t.entitlementId, side);
  }
  return sides;
}

function other(side: Side): Side {
  return side === 'independent' ? 'municipal' : 'independent';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
