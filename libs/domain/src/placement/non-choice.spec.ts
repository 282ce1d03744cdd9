import { ProviderEvent } from '../provider/provider.events';
import { SchemeEvent } from '../scheme/scheme.events';
import {
  authorisedProviderEvents,
  providerFrom,
  schemeEstablished,
  schemeFrom,
  thrownBy,
} from '../testing/domain-test-kit';
import { nonChoiceProviderFor, NonChoiceRule } from './non-choice';

const designated = (providerId: string): SchemeEvent => ({
  type: 'NonChoiceProviderDesignated',
  data: { schemeId: 'hemtjanst', providerId, designatedOn: '2012-01-01' },
});
const deauthorised = (
  providerId: string,
  decidedOn: string,
  effectiveDate: string,
): ProviderEvent => ({
  type: 'DeauthorisationDecided',
  data: {
    providerId,
    schemeId: 'hemtjanst',
    decisionId: 'd-1',
    conditionIds: ['general-goals'],
    reasons: ['Brister.'],
    decidedOn,
    effectiveDate,
    statusBefore: 'authorised',
  },
});

const scheme = schemeFrom([schemeEstablished(), designated('kommunen')]);
const undesignated = schemeFrom([schemeEstablished()]);
const providers = [
  providerFrom(authorisedProviderEvents('kommunen', 'Nacka hemtjänst')),
  providerFrom(authorisedProviderEvents('p-a', 'Äldreomsorg AB')),
  providerFrom(authorisedProviderEvents('p-b', 'Bra Omsorg AB')),
  providerFrom(authorisedProviderEvents('p-c', 'Omsorg i Fisksätra')),
];
const DESIGNATED: NonChoiceRule = { kind: 'designated' };
const rotation = (counter: number): NonChoiceRule => ({ kind: 'rotation', counter });

describe('nonChoiceProviderFor', () => {
  it('gives the designated provider', () => {
    expect(nonChoiceProviderFor(scheme, providers, DESIGNATED, '2025-03-10')).toBe('kommunen');
  });

  it('refuses when none is designated, it is excluded, or it is not choosable', () => {
    const reason = (...args: Parameters<typeof nonChoiceProviderFor>) => {
      const error = thrownBy(() => nonChoiceProviderFor(...args));
      expect(error.code).toBe('NO_NON_CHOICE_PROVIDER');
      return error.details;
    };
    expect(reason(undesignated, providers, DESIGNATED, '2025-03-10')).toMatchObject({
      reason: 'none_designated',
    });
    expect(reason(scheme, providers, DESIGNATED, '2025-03-10', ['kommunen'])).toMatchObject({
      reason: 'designated_excluded',
    });
    const leaving = [
      providerFrom([
        ...authorisedProviderEvents('kommunen', 'Nacka hemtjänst'),
        deauthorised('kommunen', '2025-03-01', '2025-06-01'),
      ]),
    ];
    expect(reason(scheme, leaving, DESIGNATED, '2025-03-10')).toMatchObject({
      reason: 'designated_not_choosable',
      notChoosableReason: 'DEAUTHORISED',
    });
    expect(reason(scheme, [], DESIGNATED, '2025-03-10')).toMatchObject({
      notChoosableReason: 'PROVIDER_NOT_REGISTERED',
    });
  });

  it('rotates among choosable providers in the neutral order (by name, å ä ö last)', () => {
    const picks = [0, 1, 2, 3, 4, 5].map((counter) =>
      nonChoiceProviderFor(undesignated, providers, rotation(counter), '2025-03-10'),
    );
    expect(picks).toEqual(['p-b', 'kommunen', 'p-c', 'p-a', 'p-b', 'kommunen']);
  });

  it('skips excluded and unchoosable providers in the rotation', () => {
    const withLeaving = [
      ...providers.slice(0, 3),
      providerFrom([
        ...authorisedProviderEvents('p-c', 'Omsorg i Fisksätra'),
        deauthorised('p-c', '2025-03-01', '2025-06-01'),
      ]),
    ];
    const picks = [0, 1, 2].map((counter) =>
      nonChoiceProviderFor(undesignated, withLeaving, rotation(counter), '2025-03-10', ['p-b']),
    );
    expect(picks).toEqual(['kommunen', 'p-a', 'kommunen']);
  });

  it('refuses a rotation with nobody to pick, or a bad counter or rule', () => {
    expect(
      thrownBy(() => nonChoiceProviderFor(undesignated, [], rotation(0), '2025-03-10')).details,
    ).toMatchObject({
      reason: 'no_choosable_provider',
    });
    expect(
      thrownBy(() => nonChoiceProviderFor(scheme, providers, rotation(-1), '2025-03-10')).code,
    ).toBe('INVALID_INPUT');
    expect(
      thrownBy(() =>
        nonChoiceProviderFor(scheme, providers, { kind: 'lottery' } as never, '2025-03-10'),
      ).code,
    ).toBe('INVALID_INPUT');
    expect(
      thrownBy(() => nonChoiceProviderFor(schemeFrom([]), providers, DESIGNATED, '2025-03-10'))
        .code,
    ).toBe('SCHEME_NOT_ESTABLISHED');
  });
});
