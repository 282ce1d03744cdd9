import { decideRoster } from './decide-roster';
import { evolveRoster, initialRosterState } from './roster.state';

/** The roster aggregate as one decider object (Emmett's `decide`/`evolve`/`initialState`). */
export const rosterDecider = {
  decide: decideRoster,
  evolve: evolveRoster,
  initialState: initialRosterState,
} as const;
