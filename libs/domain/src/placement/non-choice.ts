import { choosableProviders, isChoosable } from '../provider/choosability';
import { ProviderState } from '../provider/provider.state';
import { SchemeState } from '../scheme/scheme.state';
import { assertCalendarDate, CalendarDate } from '../shared/calendar-date';
import { DomainError } from '../shared/domain.error';

/**
 * How a scheme picks the non-choice alternative (ickevalsalternativ): the provider the scheme
 * designated, or rotation (turordning) among the providers choosable then, in the neutral order.
 * `counter` is how many rotation assignments the scheme has made so far; the caller keeps it and
 * advances it by one for each assignment.
 */
export type NonChoiceRule =
  Readonly<{ kind: 'designated' }> | Readonly<{ kind: 'rotation'; counter: number }>;

function noProvider(message: string, details: Record<string, unknown>): never {
  throw new DomainError('NO_NON_CHOICE_PROVIDER', message, details);
}

/**
 * The provider to assign as the non-choice alternative in the scheme on `date`. `providers` are
 * the providers' states (the designated one must be among them); `exclude` lists providers that
 * must not be picked (the one leaving, those whose roster is full). Throws
 * `NO_NON_CHOICE_PROVIDER` with `details.reason` when there is none: `none_designated`,
 * `designated_excluded`, `designated_not_choosable` (with `notChoosableReason`) or
 * `no_choosable_provider`.
 */
export function nonChoiceProviderFor(
  scheme: SchemeState,
  providers: readonly ProviderState[],
  rule: NonChoiceRule,
  date: CalendarDate,
  exclude: readonly string[] = [],
): string {
  assertCalendarDate(date, 'date');
  if (!scheme || scheme.status === 'not_established') {
    throw new DomainError('SCHEME_NOT_ESTABLISHED', 'The scheme is not established.');
  }
  const schemeId = scheme.schemeId;
  if (rule?.kind === 'designated') {
    const providerId = scheme.nonChoiceProviderId;
    if (providerId === null) {
      return noProvider(`Scheme "${schemeId}" has no designated non-choice provider.`, {
        schemeId,
        reason: 'none_designated',
      });
    }
    if (exclude.includes(providerId)) {
      return noProvider(`The designated non-choice provider "${providerId}" cannot be used here.`, {
        schemeId,
        providerId,
        reason: 'designated_excluded',
      });
    }
    const provider = providers.find(
      (candidate) => candidate.status === 'registered' && candidate.providerId === providerId,
    ) ?? { status: 'unregistered' as const };
    const choosability = isChoosable(provider, scheme, date);
    if (!choosability.choosable) {
      return noProvider(
        `The designated non-choice provider "${providerId}" is not choosable on ${date}.`,
        {
          schemeId,
          providerId,
          date,
          reason: 'designated_not_choosable',
          notChoosableReason: choosability.reason,
        },
      );
    }
    return providerId;
  }
  if (rule?.kind === 'rotation') {
    const counter = rule.counter;
    if (typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 0) {
      throw new DomainError('INVALID_INPUT', 'The rotation counter must be a whole number ≥ 0.', {
        field: 'rule.counter',
      });
    }
    const candidates = choosableProviders(providers, scheme, date).filter(
      (provider) => !exclude.includes(provider.providerId),
    );
    if (candidates.length === 0) {
      return noProvider(
        `No provider in scheme "${schemeId}" can take a non-choice placement on ${date}.`,
        {
          schemeId,
          date,
          reason: 'no_choosable_provider',
        },
      );
    }
    return candidates[counter % candidates.length].providerId;
  }
  throw new DomainError('INVALID_INPUT', 'The non-choice rule must be designated or rotation.', {
    field: 'rule',
  });
}
