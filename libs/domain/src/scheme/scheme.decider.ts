import { decideScheme } from './decide-scheme';
import { evolveScheme, initialSchemeState } from './scheme.state';

/** The scheme aggregate as one decider object (Emmett's `decide`/`evolve`/`initialState`). */
export const schemeDecider = {
  decide: decideScheme,
  evolve: evolveScheme,
  initialState: initialSchemeState,
} as const;
