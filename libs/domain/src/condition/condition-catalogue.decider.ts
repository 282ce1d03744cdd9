import { decideConditionCatalogue } from './decide-condition-catalogue';
import {
  evolveConditionCatalogue,
  initialConditionCatalogueState,
} from './condition-catalogue.state';

/** The condition catalogue as one decider object (Emmett's `decide`/`evolve`/`initialState`). */
export const conditionCatalogueDecider = {
  decide: decideConditionCatalogue,
  evolve: evolveConditionCatalogue,
  initialState: initialConditionCatalogueState,
} as const;
