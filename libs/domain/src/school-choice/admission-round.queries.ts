import { assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { AdmissionRoundState } from './admission-round.state';
import { AdmissionPlacement, FirstChoiceShare, Submission } from './admission-round.types';

/** Where a round stands on a date. */
export type ChoiceWindowStatus = 'not_opened' | 'not_yet_open' | 'open' | 'closed' | 'completed';

/** Where the round stands on `date`: before, during or after its window, or completed. */
export function choiceWindowStatusOn(
  round: AdmissionRoundState,
  date: CalendarDate,
): ChoiceWindowStatus {
  assertCalendarDate(date, 'date');
  if (round.status === 'not_opened') return 'not_opened';
  if (round.status === 'completed') return 'completed';
  if (date < round.opensOn) return 'not_yet_open';
  return date <= round.closesOn ? 'open' : 'closed';
}

/** The pupil's latest submission in the round, if any. */
export function submissionOf(
  round: AdmissionRoundState,
  entitlementId: string,
): Submission | undefined {
  if (round.status === 'not_opened') return undefined;
  return round.submissions.find((submission) => submission.entitlementId === entitlementId);
}

/** The pupil's admission result, once the round has run. */
export function admissionOf(
  round: AdmissionRoundState,
  entitlementId: string,
): AdmissionPlacement | undefined {
  if (round.status !== 'completed' || round.result === null) return undefined;
  return round.result.placements.find((placement) => placement.entitlementId === entitlementId);
}

/** The published first-choice share, once the round has run. */
export function firstChoiceShare(round: AdmissionRoundState): FirstChoiceShare | null {
  return round.status === 'completed' && round.result !== null ? round.result.firstChoice : null;
}
