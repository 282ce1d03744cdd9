import { CalendarDate, Instant, isCalendarDate, isInstant, stockholmDateOf } from './calendar-date';
import { DomainError } from './domain.error';

/**
 * What a `decide` function may know about "now". Passing it in (instead of reading the clock)
 * keeps every decision deterministic and replayable.
 */
export interface DecisionContext {
  /** The instant the command is handled, ISO 8601 UTC (`...Z`). */
  readonly now: Instant;
  /** The business date of that instant in Europe/Stockholm, `YYYY-MM-DD`. */
  readonly today: CalendarDate;
}

/** Builds a context whose `today` is the Stockholm date of `now`. */
export function createDecisionContext(now: Date | Instant): DecisionContext {
  const moment = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(moment.getTime())) {
    throw new DomainError('INVALID_CONTEXT', 'The decision instant is not a valid time.');
  }
  return { now: moment.toISOString(), today: stockholmDateOf(moment) };
}

/**
 * Throws `INVALID_CONTEXT` unless `now` is an ISO UTC instant and `today` a real date. `today` is
 * deliberately not re-derived from `now`: an importer replaying history may pass the business
 * date of the original decision.
 */
export function assertDecisionContext(context: DecisionContext): void {
  if (!context || !isInstant(context.now) || !isCalendarDate(context.today)) {
    throw new DomainError(
      'INVALID_CONTEXT',
      'The decision context needs now (ISO UTC instant) and today (YYYY-MM-DD).',
    );
  }
}
