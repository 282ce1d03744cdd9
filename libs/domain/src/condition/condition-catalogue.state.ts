import { AuthorisationCondition } from './authorisation-condition';
import { ConditionCatalogueEvent } from './condition-catalogue.events';

/**
 * Stream id of the one catalogue of general conditions (the municipality's reglemente). General
 * conditions live in their own aggregate, not in each scheme, so a change is one auditable fact.
 */
export const GENERAL_CONDITION_CATALOGUE_ID = 'general';

/** The general conditions defined so far, in definition order. */
export type ConditionCatalogueState = Readonly<{
  conditions: readonly AuthorisationCondition[];
}>;

/** The catalogue before any event. */
export function initialConditionCatalogueState(): ConditionCatalogueState {
  return { conditions: [] };
}

/** Applies one catalogue event. */
export function evolveConditionCatalogue(
  state: ConditionCatalogueState,
  event: ConditionCatalogueEvent,
): ConditionCatalogueState {
  switch (event.type) {
    case 'GeneralConditionDefined':
      return { conditions: [...state.conditions, event.data.condition] };
    default:
      return state;
  }
}
