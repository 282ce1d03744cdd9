import { CalendarDate } from '../shared/calendar-date';
import { AdmissionCompleted, AdmissionRoundEvent } from './admission-round.events';
import { Submission, TieBreaker } from './admission-round.types';

/** An admission-round stream with no events yet. */
export type UnopenedAdmissionRound = Readonly<{ status: 'not_opened' }>;

/** A round whose window has been opened; `completed` once the admission has run. */
export type OpenedAdmissionRound = Readonly<{
  status: 'opened' | 'completed';
  roundId: string;
  schemeId: string;
  schoolYear: string;
  opensOn: CalendarDate;
  closesOn: CalendarDate;
  placementsFrom: CalendarDate;
  tieBreaker: TieBreaker;
  lotterySeed: string | null;
  /** The latest submission per pupil, in first-submission order. */
  submissions: readonly Submission[];
  result: AdmissionCompleted['data'] | null;
}>;

/** The state of the `admission-round` aggregate. */
export type AdmissionRoundState = UnopenedAdmissionRound | OpenedAdmissionRound;

/** The round before any event. */
export function initialAdmissionRoundState(): AdmissionRoundState {
  return { status: 'not_opened' };
}

/** Applies one admission-round event. Events that do not fit the state leave it unchanged. */
export function evolveAdmissionRound(
  state: AdmissionRoundState,
  event: AdmissionRoundEvent,
): AdmissionRoundState {
  if (event.type === 'ChoiceWindowOpened') {
    const { data } = event;
    return {
      status: 'opened',
      roundId: data.roundId,
      schemeId: data.schemeId,
      schoolYear: data.schoolYear,
      opensOn: data.opensOn,
      closesOn: data.closesOn,
      placementsFrom: data.placementsFrom,
      tieBreaker: data.tieBreaker,
      lotterySeed: data.lotterySeed,
      submissions: [],
      result: null,
    };
  }
  if (state.status === 'not_opened') return state;
  switch (event.type) {
    case 'PreferencesSubmitted': {
      const { roundId: _roundId, ...submission } = event.data;
      const replaced = state.submissions.some((s) => s.entitlementId === submission.entitlementId);
      return {
        ...state,
        submissions: replaced
          ? state.submissions.map((s) =>
              s.entitlementId === submission.entitlementId ? submission : s,
            )
          : [...state.submissions, submission],
      };
    }
    case 'AdmissionCompleted':
      return { ...state, status: 'completed', result: event.data };
    default:
      return state;
  }
}
