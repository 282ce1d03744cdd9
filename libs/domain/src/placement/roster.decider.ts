import { decideRoster } from './decide-roster';
import { evolveRoster, evolveRosterAll, initialRosterState } from './roster.state';

/** The roster aggregate as one decider object (Emmett's `decide`/`evolve`/`initialState`). */
export const rosterDecider = {
  decide: decideRoster,
  evolve: evolveRoster,
  evolveAll: evolveRosterAll,
  initialState: initialRosterState,
} as const;
