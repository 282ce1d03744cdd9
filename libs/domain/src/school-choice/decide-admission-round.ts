import { assertCitizenId } from '../citizen/citizen-id';
import { CHOOSER_CHANNELS, CHOOSERS, MAX_PREFERENCES } from '../citizen/entitlement.types';
import { assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { assertDecisionContext, DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { unknownCommand } from '../shared/unknown-command';
import {
  assertIdentifier,
  assertIntegerInRange,
  assertOneOf,
  assertText,
  assertUnique,
} from '../shared/validation';
import { runAdmission } from './admission';
import {
  AdmissionRoundCommand,
  OpenChoiceWindow,
  RunAdmission,
  SubmitPreferences,
} from './admission-round.commands';
import { AdmissionRoundEvent } from './admission-round.events';
import { AdmissionRoundState, OpenedAdmissionRound } from './admission-round.state';
import { Pupil, TIE_BREAKERS } from './admission-round.types';

/** Longest distance accepted, in metres (10 000 km: a data-entry guard only). */
export const MAX_DISTANCE_METRES = 10_000_000;

/** Largest number of places a school may offer in a round. */
export const MAX_ROUND_CAPACITY = 1_000_000;

const SCHOOL_YEAR = /^(\d{4})\/(\d{2})$/;

/**
 * Decides an admission-round command. Returns the events to append, or throws a `DomainError`.
 * Pure: the same input always gives the same output (the lottery is seeded).
 */
export function decideAdmissionRound(
  command: AdmissionRoundCommand,
  state: AdmissionRoundState,
  context: DecisionContext,
): AdmissionRoundEvent[] {
  assertDecisionContext(context);
  switch (command.type) {
    case 'OpenChoiceWindow':
      return open(command, state, context);
    case 'SubmitPreferences':
      return submit(command, state, context);
    case 'RunAdmission':
      return run(command, state, context);
    default:
      return unknownCommand(command);
  }
}

function openedRound(state: AdmissionRoundState, roundId: unknown): OpenedAdmissionRound {
  const id = assertIdentifier(roundId, 'roundId');
  if (state.status === 'not_opened') {
    throw new DomainError(
      'ADMISSION_ROUND_NOT_FOUND',
      `Admission round "${id}" has not been opened.`,
      {
        roundId: id,
      },
    );
  }
  if (state.roundId !== id) {
    throw new DomainError(
      'ADMISSION_ROUND_MISMATCH',
      'The command addresses another admission round.',
      {
        roundId: id,
        stateRoundId: state.roundId,
      },
    );
  }
  if (state.status === 'completed') {
    throw new DomainError(
      'ADMISSION_ALREADY_RUN',
      `The admission of round "${id}" has already run; its result is final.`,
      { roundId: id, completedOn: state.result?.completedOn ?? null },
    );
  }
  return state;
}

function optionalSeed(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : assertText(value, field, 200);
}

function assertSchoolYear(value: unknown): string {
  const match = typeof value === 'string' ? SCHOOL_YEAR.exec(value) : null;
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) {
    throw new DomainError(
      'INVALID_INPUT',
      'schoolYear must be YYYY/YY of consecutive years, e.g. 2026/27.',
      {
        field: 'schoolYear',
      },
    );
  }
  return value as string;
}

function assertOrder(
  earlier: CalendarDate,
  earlierField: string,
  later: CalendarDate,
  laterField: string,
  strict: boolean,
) {
  if (strict ? earlier >= later : earlier > later) {
    throw new DomainError(
      'INVALID_DATE',
      `${laterField} must be ${strict ? 'after' : 'on or after'} ${earlierField}.`,
      {
        field: laterField,
        date: later,
        earliest: earlier,
      },
    );
  }
}

function open(
  { data }: OpenChoiceWindow,
  state: AdmissionRoundState,
  { today }: DecisionContext,
): AdmissionRoundEvent[] {
  const roundId = assertIdentifier(data.roundId, 'roundId');
  if (state.status !== 'not_opened') {
    throw new DomainError(
      'ADMISSION_ROUND_ALREADY_OPENED',
      `Admission round "${roundId}" is already open.`,
      {
        roundId,
      },
    );
  }
  const opensOn = assertCalendarDate(data.opensOn, 'opensOn');
  const closesOn = assertCalendarDate(data.closesOn, 'closesOn');
  const placementsFrom = assertCalendarDate(data.placementsFrom, 'placementsFrom');
  assertOrder(opensOn, 'opensOn', closesOn, 'closesOn', false);
  assertOrder(closesOn, 'closesOn', placementsFrom, 'placementsFrom', true);
  if (closesOn < today) {
    throw new DomainError('CHOICE_WINDOW_CLOSED', 'The choice window would already be closed.', {
      closesOn,
      today,
    });
  }
  return [
    {
      type: 'ChoiceWindowOpened',
      data: {
        roundId,
        schemeId: assertIdentifier(data.schemeId, 'schemeId'),
        schoolYear: assertSchoolYear(data.schoolYear),
        opensOn,
        closesOn,
        placementsFrom,
        tieBreaker: assertOneOf(data.tieBreaker, TIE_BREAKERS, 'tieBreaker'),
        lotterySeed: optionalSeed(data.lotterySeed, 'lotterySeed'),
        openedOn: today,
      },
    },
  ];
}

function identifierList(value: unknown, field: string): string[] {
  if (!Array.isArray(value)) {
    throw new DomainError('INVALID_INPUT', `${field} must be a list of provider ids.`, { field });
  }
  const ids = value.map((id, index) => assertIdentifier(id, `${field}[${index}]`));
  assertUnique(ids, field);
  return ids;
}

function submit(
  { data }: SubmitPreferences,
  state: AdmissionRoundState,
  { today }: DecisionContext,
): AdmissionRoundEvent[] {
  const round = openedRound(state, data.roundId);
  if (today < round.opensOn || today > round.closesOn) {
    throw new DomainError(
      'CHOICE_WINDOW_CLOSED',
      today < round.opensOn
        ? `The choice window opens on ${round.opensOn}.`
        : `The choice window closed on ${round.closesOn}.`,
      { opensOn: round.opensOn, closesOn: round.closesOn, today },
    );
  }
  const preferences = identifierList(data.preferences, 'preferences');
  if (preferences.length === 0) {
    throw new DomainError('INVALID_INPUT', 'Rank at least one school.', { field: 'preferences' });
  }
  if (preferences.length > MAX_PREFERENCES) {
    throw new DomainError('TOO_MANY_PREFERENCES', `Rank at most ${MAX_PREFERENCES} schools.`, {
      field: 'preferences',
      max: MAX_PREFERENCES,
      given: preferences.length,
    });
  }
  const siblingAt = identifierList(data.siblingAt ?? [], 'siblingAt').filter((id) =>
    preferences.includes(id),
  );
  const given = data.distanceMetres ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new DomainError('INVALID_INPUT', 'distanceMetres must map provider ids to metres.', {
      field: 'distanceMetres',
    });
  }
  // Kept in preference order, so equal submissions give equal events.
  const distanceMetres: Record<string, number> = {};
  for (const providerId of preferences) {
    if (Object.hasOwn(given, providerId)) {
      distanceMetres[providerId] = assertIntegerInRange(
        given[providerId],
        `distanceMetres.${providerId}`,
        0,
        MAX_DISTANCE_METRES,
      );
    }
  }
  return [
    {
      type: 'PreferencesSubmitted',
      data: {
        roundId: round.roundId,
        citizenId: assertCitizenId(data.citizenId),
        entitlementId: assertIdentifier(data.entitlementId, 'entitlementId'),
        preferences,
        siblingAt,
        distanceMetres,
        madeBy: assertOneOf(data.madeBy, CHOOSERS, 'madeBy'),
        channel: assertOneOf(data.channel, CHOOSER_CHANNELS, 'channel'),
        submittedOn: today,
      },
    },
  ];
}

function capacitiesOf(value: unknown): Record<string, number | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomainError('INVALID_INPUT', 'capacities must map provider ids to places.', {
      field: 'capacities',
    });
  }
  const capacities: Record<string, number | null> = {};
  for (const providerId of Object.keys(value).sort()) {
    const places = (value as Record<string, unknown>)[providerId];
    capacities[assertIdentifier(providerId, 'capacities')] =
      places === null
        ? null
        : assertIntegerInRange(
            places,
            `capacities.${providerId}`,
            0,
            MAX_ROUND_CAPACITY,
            'INVALID_CAPACITY',
          );
  }
  return capacities;
}

function pupilsOf(value: unknown): Pupil[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new DomainError('INVALID_INPUT', 'pupils must be a list.', { field: 'pupils' });
  }
  const pupils = value.map((pupil, index) => ({
    citizenId: assertCitizenId(pupil?.citizenId, `pupils[${index}].citizenId`),
    entitlementId: assertIdentifier(pupil?.entitlementId, `pupils[${index}].entitlementId`),
  }));
  assertUnique(
    pupils.map((pupil) => pupil.entitlementId),
    'pupils',
  );
  return pupils;
}

function run(
  { data }: RunAdmission,
  state: AdmissionRoundState,
  { today }: DecisionContext,
): AdmissionRoundEvent[] {
  const round = openedRound(state, data.roundId);
  if (today <= round.closesOn) {
    throw new DomainError(
      'CHOICE_WINDOW_STILL_OPEN',
      `Families may choose until ${round.closesOn}; run the admission after that.`,
      { closesOn: round.closesOn, today },
    );
  }
  const capacities = capacitiesOf(data.capacities);
  const nonChoiceProviderId = assertIdentifier(data.nonChoiceProviderId, 'nonChoiceProviderId');
  if (!Object.hasOwn(capacities, nonChoiceProviderId)) {
    throw new DomainError('INVALID_INPUT', 'capacities must list the non-choice school.', {
      field: 'capacities',
      nonChoiceProviderId,
    });
  }
  const given = optionalSeed(data.seed, 'seed');
  if (given !== null && round.lotterySeed !== null && given !== round.lotterySeed) {
    throw new DomainError(
      'INVALID_INPUT',
      'The seed differs from the one committed when the window opened.',
      {
        field: 'seed',
      },
    );
  }
  const seed = given ?? round.lotterySeed;
  if (seed === null) {
    throw new DomainError('INVALID_INPUT', 'A lottery seed is needed to run the admission.', {
      field: 'seed',
    });
  }
  const result = runAdmission({
    submissions: round.submissions,
    pupils: pupilsOf(data.pupils),
    capacities,
    nonChoiceProviderId,
    tieBreaker: round.tieBreaker,
    seed,
  });
  return [
    {
      type: 'AdmissionCompleted',
      data: {
        roundId: round.roundId,
        schemeId: round.schemeId,
        schoolYear: round.schoolYear,
        placementsFrom: round.placementsFrom,
        seed,
        tieBreaker: round.tieBreaker,
        capacities,
        nonChoiceProviderId,
        ...result,
        completedOn: today,
      },
    },
  ];
}
