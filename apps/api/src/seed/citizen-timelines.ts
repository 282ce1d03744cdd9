import {
  addDays,
  addMonths,
  CalendarDate,
  Chooser,
  ChooserChannel,
  daysBetween,
  laterDate,
  SwitchReason,
} from '@kundval/domain';
import {
  ageOn,
  CITIZEN_HISTORY_FROM,
  CITIZEN_HISTORY_TO,
  firstOfNextMonth,
  workdayOnOrAfter,
} from './citizen-calendar';
import { CitizenMixSeed } from './citizen-mix.seed';
import { seedCitizenName, Sex } from './citizen-names';
import { CitizenSeed } from './citizen-plan.types';
import { SEED_NUMBERS_PER_BIRTH_DATE, seedPersonalNumber } from './personal-number-generator';
import { SeededRandom } from './seeded-random';

/** Notice before a switch in an hourly scheme takes effect (as the API asks of citizens). */
export const HOURLY_SWITCH_NOTICE_DAYS = 14;

type Dated = { on: CalendarDate; effectiveDate: CalendarDate };
type Choosing = { madeBy: Chooser; channel: ChooserChannel };

/**
 * One seeded entitlement's year, with dates but not yet providers: the planner picks those in
 * date order, against capacity and the market-share targets.
 */
export type EntitlementTimeline = {
  mix: CitizenMixSeed;
  citizen: CitizenSeed;
  entitlementId: string;
  grant: {
    on: CalendarDate;
    level: string;
    hours: number | null;
    validFrom: CalendarDate;
    validTo: CalendarDate | null;
    choiceDeadline: CalendarDate;
  };
  placement: (Dated & Choosing & { kind: 'choice' }) | (Dated & { kind: 'non-choice' });
  switch: (Dated & Choosing & { reason: SwitchReason; toOtherOwnership: boolean }) | null;
  levelChange: (Dated & { level: string; hours: number | null }) | null;
  end: { on: CalendarDate; endDate: CalendarDate; reason: string } | null;
};

/** Citizens and their entitlements' dated histories, for every scheme of the mix. */
export function citizenTimelines(mixes: readonly CitizenMixSeed[]): {
  citizens: CitizenSeed[];
  timelines: EntitlementTimeline[];
} {
  const people = new PersonalNumbers();
  const citizens: CitizenSeed[] = [];
  const timelines: EntitlementTimeline[] = [];
  for (const mix of mixes) {
    const holders = mix.heldByPupilsOf ? pupilsOf(timelines, mix) : null;
    for (let i = 0; i < mix.entitlements; i++) {
      const entitlementId = `${mix.schemeId}-e${String(i + 1).padStart(4, '0')}`;
      const random = SeededRandom.for(`citizens:${entitlementId}`);
      const dates = holders ? holderDates(mix, random, holders) : newcomerDates(mix, random);
      let citizen = dates.holder;
      if (!citizen) {
        citizen = people.citizen(random, dates.birthDate, citizens.length + 1);
        citizens.push(citizen);
      }
      timelines.push(timeline(mix, random, citizen, entitlementId, dates));
    }
  }
  return { citizens, timelines };
}

type Dates = {
  holder?: CitizenSeed;
  birthDate: CalendarDate;
  grantOn: CalendarDate;
  validFrom: CalendarDate;
  choiceDeadline: CalendarDate;
};

function newcomerDates(mix: CitizenMixSeed, random: SeededRandom): Dates {
  const birthYear = random.int(mix.born[0], mix.born[1]);
  const { intake } = mix;
  if (intake && birthYear === intake.birthYear) {
    return {
      birthDate: dayIn(random, `${birthYear}-01-01`, `${birthYear}-12-31`),
      grantOn: workdayOnOrAfter(dayIn(random, intake.decidedFrom, intake.decidedTo)),
      validFrom: intake.validFrom,
      choiceDeadline: intake.choiceDeadline,
    };
  }
  // Late enough in the year that the first day entitled and the deadline are still within it.
  const lastGrant = addDays(CITIZEN_HISTORY_TO, -(mix.leadDays[1] + mix.choiceDays[1] + 7));
  const grantOn = workdayOnOrAfter(dayIn(random, CITIZEN_HISTORY_FROM, lastGrant));
  const validFrom = addDays(grantOn, random.int(mix.leadDays[0], mix.leadDays[1]));
  const youngest = addMonths(validFrom, -12 * mix.minAgeAtStart);
  const from = `${mix.born[0]}-01-01`;
  const to = [`${mix.born[1]}-12-31`, youngest].sort()[0];
  return {
    birthDate: dayIn(random, from, to < from ? from : to),
    grantOn,
    validFrom,
    choiceDeadline: deadline(mix, random, grantOn, validFrom),
  };
}

// A second entitlement for a pupil already seeded (music school): the pupil's birth date decides.
function holderDates(mix: CitizenMixSeed, random: SeededRandom, holders: CitizenSeed[]): Dates {
  const lastGrant = addDays(CITIZEN_HISTORY_TO, -(mix.leadDays[1] + mix.choiceDays[1] + 7));
  for (;;) {
    if (holders.length === 0) throw new Error(`No pupils left to hold a ${mix.schemeId} place`);
    const holder = holders.splice(random.int(0, holders.length - 1), 1)[0];
    const grantOn = workdayOnOrAfter(dayIn(random, CITIZEN_HISTORY_FROM, lastGrant));
    const validFrom = addDays(grantOn, random.int(mix.leadDays[0], mix.leadDays[1]));
    if (ageOn(holder.birthDate, validFrom) < mix.minAgeAtStart) continue;
    const choiceDeadline = deadline(mix, random, grantOn, validFrom);
    return { holder, birthDate: holder.birthDate, grantOn, validFrom, choiceDeadline };
  }
}

function deadline(
  mix: CitizenMixSeed,
  random: SeededRandom,
  grantOn: CalendarDate,
  validFrom: CalendarDate,
): CalendarDate {
  const deadline = addDays(grantOn, random.int(mix.choiceDays[0], mix.choiceDays[1]));
  // Choose before the first day, where there is time to; from the decision day otherwise.
  return validFrom > grantOn && deadline >= validFrom
    ? laterDate(grantOn, addDays(validFrom, -1))
    : deadline;
}

function pupilsOf(timelines: EntitlementTimeline[], mix: CitizenMixSeed): CitizenSeed[] {
  const seen = new Set<string>();
  return timelines
    .filter(({ mix: m, citizen }) => {
      const year = Number(citizen.birthDate.slice(0, 4));
      const fits = mix.heldByPupilsOf!.includes(m.schemeId) && !seen.has(citizen.ref);
      seen.add(citizen.ref);
      return fits && year >= mix.born[0] && year <= mix.born[1];
    })
    .map(({ citizen }) => citizen);
}

function timeline(
  mix: CitizenMixSeed,
  random: SeededRandom,
  citizen: CitizenSeed,
  entitlementId: string,
  { grantOn, validFrom, choiceDeadline }: Dates,
): EntitlementTimeline {
  const hourly = mix.hours !== undefined;
  const level = mix.levelOn
    ? mix.levelOn(citizen.birthDate, validFrom)
    : random.weighted(mix.levels, ([, weight]) => weight)![0];
  const hours = mix.hours ? grantedHours(random, mix.hours) : null;
  const validTo = mix.validTo ? mix.validTo(citizen.birthDate) : null;

  let placement: EntitlementTimeline['placement'];
  if (random.chance(mix.noChoiceShare)) {
    const on = addDays(choiceDeadline, 1);
    placement = { kind: 'non-choice', on, effectiveDate: laterDate(on, validFrom) };
  } else {
    const on = dayIn(random, grantOn, choiceDeadline);
    const startsAfter = mix.leadDays[1] === 0 ? random.int(0, 3) : 0;
    const effectiveDate = laterDate(validFrom, addDays(on, startsAfter));
    placement = { kind: 'choice', on, effectiveDate, ...choosing(mix, random) };
  }
  const placedFrom = laterDate(placement.on, placement.effectiveDate);

  const end = random.chance(mix.endShare) ? ending(mix, random, placedFrom) : null;
  const switched =
    end === null && random.chance(mix.switchShare)
      ? switching(mix, random, placedFrom, hourly)
      : null;
  let levelChange: EntitlementTimeline['levelChange'] = null;
  if (end === null && mix.levelChangeAfter) {
    const effectiveDate = mix.levelChangeAfter(citizen.birthDate, validFrom);
    if (effectiveDate !== null && effectiveDate <= CITIZEN_HISTORY_TO) {
      // Decided two weeks ahead, or at the grant if that is later.
      const on = laterDate(grantOn, workdayOnOrAfter(addDays(effectiveDate, -14)));
      levelChange = {
        on,
        effectiveDate: laterDate(effectiveDate, validFrom),
        level: mix.levelOn!(citizen.birthDate, effectiveDate),
        hours: null,
      };
    }
  } else if (end === null && hours !== null && random.chance(mix.hoursRevisedShare ?? 0)) {
    const first = addDays(placedFrom, 30);
    const last = addDays(CITIZEN_HISTORY_TO, -5);
    if (first <= last) {
      const on = workdayOnOrAfter(dayIn(random, first, addDays(last, -2)));
      const more = Math.min(744, Math.round(hours * (1.2 + 0.6 * random.next())));
      levelChange = { on, effectiveDate: on, level, hours: Math.max(more, hours + 2) };
    }
  }
  return {
    mix,
    citizen,
    entitlementId,
    grant: { on: grantOn, level, hours, validFrom, validTo, choiceDeadline },
    placement,
    switch: switched,
    levelChange,
    end,
  };
}

function choosing(mix: CitizenMixSeed, random: SeededRandom): Choosing {
  const channel = random.weighted<ChooserChannel>(['web', 'paper', 'caseworker'], (c) =>
    c === 'web' ? 80 : c === 'paper' ? 15 : 5,
  )!;
  if (channel === 'caseworker') return { madeBy: 'caseworker', channel };
  return { madeBy: mix.chooser, channel };
}

function switching(
  mix: CitizenMixSeed,
  random: SeededRandom,
  placedFrom: CalendarDate,
  hourly: boolean,
): EntitlementTimeline['switch'] {
  const first = addDays(placedFrom, 21);
  const last = addDays(CITIZEN_HISTORY_TO, -40);
  if (first > last) return null;
  const on = dayIn(random, first, last);
  let effectiveDate: CalendarDate;
  if (hourly) {
    effectiveDate = addDays(
      on,
      random.int(HOURLY_SWITCH_NOTICE_DAYS, HOURLY_SWITCH_NOTICE_DAYS + 7),
    );
  } else if (random.chance(0.65)) {
    effectiveDate = firstOfNextMonth(addDays(on, 7));
  } else {
    // Mid-month: the voucher is split between the two providers for that month.
    effectiveDate = addDays(on, random.int(10, 25));
    if (effectiveDate.endsWith('-01')) effectiveDate = addDays(effectiveDate, 1);
  }
  const reason = random.weighted<SwitchReason>(['unhappy', 'moved', 'other'], (r) =>
    r === 'unhappy' ? 40 : r === 'moved' ? 35 : 25,
  )!;
  return {
    on,
    effectiveDate,
    reason,
    toOtherOwnership: random.chance(0.5),
    ...choosing(mix, random),
  };
}

function ending(
  mix: CitizenMixSeed,
  random: SeededRandom,
  placedFrom: CalendarDate,
): EntitlementTimeline['end'] {
  const first = addDays(placedFrom, 30);
  const last = addDays(CITIZEN_HISTORY_TO, -12);
  if (first > last) return null;
  const on = workdayOnOrAfter(dayIn(random, first, last));
  const endDate = addDays(on, random.int(0, 10));
  return { on, endDate, reason: random.pick(mix.endReasons) };
}

// Most granted hours are few; some citizens need many.
function grantedHours(random: SeededRandom, [min, max]: readonly [number, number]): number {
  const r = random.next();
  return Math.round(min + (max - min) * r * r);
}

/** A day from `from` to `to`, both included. */
function dayIn(random: SeededRandom, from: CalendarDate, to: CalendarDate): CalendarDate {
  return addDays(from, random.int(0, Math.max(0, daysBetween(from, to))));
}

/** Hands out seed personnummer, each once, moving a birth date on when its series is used up. */
class PersonalNumbers {
  private readonly used = new Map<string, number>();

  citizen(random: SeededRandom, birthDate: CalendarDate, serial: number): CitizenSeed {
    const sex: Sex = random.chance(0.5) ? 'female' : 'male';
    let date = birthDate;
    while ((this.used.get(`${date}:${sex}`) ?? 0) >= SEED_NUMBERS_PER_BIRTH_DATE) {
      date = addDays(date, 1);
    }
    const ordinal = this.used.get(`${date}:${sex}`) ?? 0;
    this.used.set(`${date}:${sex}`, ordinal + 1);
    return {
      ref: `c${String(serial).padStart(5, '0')}`,
      personalNumber: seedPersonalNumber(date, sex, ordinal),
      name: seedCitizenName(random, sex, Number(date.slice(0, 4))),
      sex,
      birthDate: date,
    };
  }
}
