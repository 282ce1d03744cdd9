import { DefineGeneralCondition } from '../condition/condition-catalogue.commands';
import { CloseScheme, DefineSchemeCondition, EstablishScheme } from '../scheme/scheme.commands';
import { CalendarDate } from '../shared/calendar-date';
import {
  NACKA_GENERAL_CONDITIONS,
  NACKA_HOME_CARE_SPECIFIC_CONDITIONS,
  NACKA_SPECIFIC_CONDITIONS_SCHEME_ID,
} from './nacka-general-conditions.seed';
import { SchemeSeed } from './nacka-schemes.seed';

// The seeds give years only. A scheme is taken to start on 1 January of its start year and, if it
// ended, to be open through its final year (closed from 1 January of the year after).

/** The start date used for a seeded scheme: 1 January of its start year. */
export function seedStartDate(seed: SchemeSeed): CalendarDate {
  return `${seed.startYear}-01-01`;
}

/** The closing date used for a seeded closed scheme: 1 January after its final year. */
export function seedClosingDate(seed: SchemeSeed): CalendarDate | null {
  return seed.closedYear === null ? null : `${seed.closedYear + 1}-01-01`;
}

/** The command that establishes a seeded scheme (with the default VAT compensation and notice). */
export function establishSchemeCommandFromSeed(seed: SchemeSeed): EstablishScheme {
  return {
    type: 'EstablishScheme',
    data: {
      schemeId: seed.schemeId,
      name: seed.name,
      legalBasis: seed.legalBasis,
      paymentModel: seed.paymentModel,
      startDate: seedStartDate(seed),
    },
  };
}

/**
 * The command that closes a seeded scheme that has ended, or null. It must be decided with a
 * context whose `today` is no later than the closing date (a historical import).
 */
export function closeSchemeCommandFromSeed(seed: SchemeSeed): CloseScheme | null {
  const closingDate = seedClosingDate(seed);
  if (closingDate === null) return null;
  return {
    type: 'CloseScheme',
    data: {
      schemeId: seed.schemeId,
      closingDate,
      reason: `${seed.swedishName} ended in ${seed.closedYear}.`,
    },
  };
}

/** The commands that fill the general condition catalogue with Nacka's conditions. */
export function generalConditionCommandsFromSeed(): DefineGeneralCondition[] {
  return NACKA_GENERAL_CONDITIONS.map((definition) => ({
    type: 'DefineGeneralCondition',
    data: definition,
  }));
}

/** The commands that define the example specific conditions on the home-care scheme. */
export function homeCareConditionCommandsFromSeed(): DefineSchemeCondition[] {
  return NACKA_HOME_CARE_SPECIFIC_CONDITIONS.map((definition) => ({
    type: 'DefineSchemeCondition',
    data: { ...definition, schemeId: NACKA_SPECIFIC_CONDITIONS_SCHEME_ID },
  }));
}
