import { decideAdmissionRound } from './decide-admission-round';
import { evolveAdmissionRound, initialAdmissionRoundState } from './admission-round.state';

/** The admission-round aggregate as one decider object (Emmett's `decide`/`evolve`/`initialState`). */
export const admissionRoundDecider = {
  decide: decideAdmissionRound,
  evolve: evolveAdmissionRound,
  initialState: initialAdmissionRoundState,
} as const;
