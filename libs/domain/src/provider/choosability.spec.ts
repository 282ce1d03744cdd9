import { SchemeEvent } from '../scheme/scheme.events';
import {
  applied,
  authorisedProviderEvents,
  providerFrom,
  providerRegistered,
  schemeEstablished,
  schemeFrom,
} from '../testing/domain-test-kit';
import {
  authorisationStatusOn,
  choosableProviders,
  isAuthorisedOn,
  isChoosable,
} from './choosability';
import { ProviderEvent } from './provider.events';

const SCHEME_ID = 'hemtjanst';
const lovScheme = schemeFrom([schemeEstablished(SCHEME_ID, 'lov', '2010-01-01')]);
const schoolScheme = schemeFrom([schemeEstablished('grundskola', 'school_act', '1992-01-01')]);

const deauthorised = (decidedOn: string, effectiveDate: string): ProviderEvent => ({
  type: 'DeauthorisationDecided',
  data: {
    providerId: 'p-1',
    schemeId: SCHEME_ID,
    decisionId: 'd-1',
    conditionIds: ['general-goals'],
    reasons: ['Brister.'],
    decidedOn,
    effectiveDate,
    statusBefore: 'authorised',
  },
});
const withdrawn = (effectiveDate: string): ProviderEvent => ({
  type: 'WithdrawalNotified',
  data: { providerId: 'p-1', schemeId: SCHEME_ID, noticeGivenOn: '2025-01-10', effectiveDate },
});

describe('isChoosable', () => {
  const authorised = providerFrom(authorisedProviderEvents());

  it('is true for an authorised provider under contract in an open scheme', () => {
    expect(isChoosable(authorised, lovScheme, '2025-03-10')).toEqual({ choosable: true });
  });

  it('is false before the authorisation and before the contract (LOV)', () => {
    expect(isChoosable(authorised, lovScheme, '2011-02-28')).toEqual({
      choosable: false,
      reason: 'NOT_AUTHORISED',
    });
    expect(isChoosable(authorised, lovScheme, '2011-03-04')).toEqual({
      choosable: false,
      reason: 'CONTRACT_NOT_SIGNED',
    });
    const noContract = providerFrom(authorisedProviderEvents('p-1', 'A', SCHEME_ID, false));
    expect(isChoosable(noContract, lovScheme, '2025-03-10')).toMatchObject({
      reason: 'CONTRACT_NOT_SIGNED',
    });
  });

  it('needs no contract outside LOV', () => {
    const school = providerFrom(authorisedProviderEvents('p-1', 'Skola AB', 'grundskola', false));
    expect(isChoosable(school, schoolScheme, '2025-03-10')).toEqual({ choosable: true });
  });

  it('is false for applicants and unregistered providers', () => {
    expect(
      isChoosable(providerFrom([providerRegistered(), applied()]), lovScheme, '2025-03-10'),
    ).toMatchObject({ reason: 'NOT_AUTHORISED' });
    expect(isChoosable(providerFrom([]), lovScheme, '2025-03-10')).toMatchObject({
      reason: 'PROVIDER_NOT_REGISTERED',
    });
  });

  it('is false outside the scheme period', () => {
    const closing: SchemeEvent = {
      type: 'SchemeClosed',
      data: { schemeId: SCHEME_ID, closingDate: '2026-01-01', reason: 'x', closedOn: '2025-03-10' },
    };
    const closed = schemeFrom([schemeEstablished(SCHEME_ID), closing]);
    expect(isChoosable(authorised, closed, '2025-12-31')).toEqual({ choosable: true });
    expect(isChoosable(authorised, closed, '2026-01-01')).toMatchObject({
      reason: 'SCHEME_CLOSED',
    });
    const later = schemeFrom([schemeEstablished(SCHEME_ID, 'lov', '2030-01-01')]);
    expect(isChoosable(authorised, later, '2025-03-10')).toMatchObject({
      reason: 'SCHEME_NOT_STARTED',
    });
    expect(isChoosable(authorised, schemeFrom([]), '2025-03-10')).toMatchObject({
      reason: 'SCHEME_NOT_ESTABLISHED',
    });
  });

  it('stops new choices from the de-authorisation decision, before it takes effect', () => {
    const provider = providerFrom([
      ...authorisedProviderEvents(),
      deauthorised('2025-03-10', '2025-05-01'),
    ]);
    expect(isChoosable(provider, lovScheme, '2025-03-09')).toEqual({ choosable: true });
    expect(isChoosable(provider, lovScheme, '2025-03-10')).toMatchObject({
      reason: 'DEAUTHORISED',
    });
    expect(isChoosable(provider, lovScheme, '2025-05-01')).toMatchObject({
      reason: 'DEAUTHORISED',
    });
  });

  it('keeps a withdrawing provider choosable until the withdrawal takes effect', () => {
    const provider = providerFrom([...authorisedProviderEvents(), withdrawn('2025-06-01')]);
    expect(isChoosable(provider, lovScheme, '2025-05-31')).toEqual({ choosable: true });
    expect(isChoosable(provider, lovScheme, '2025-06-01')).toMatchObject({ reason: 'WITHDRAWN' });
  });

  it('makes a provider choosable again after an overturned appeal', () => {
    const provider = providerFrom([
      ...authorisedProviderEvents(),
      deauthorised('2025-03-10', '2025-05-01'),
      {
        type: 'DeauthorisationAppealed',
        data: {
          providerId: 'p-1',
          schemeId: SCHEME_ID,
          decisionId: 'd-1',
          appealId: 'a-1',
          court: 'FR',
          filedOn: '2025-03-12',
        },
      },
      {
        type: 'AppealOutcomeRecorded',
        data: {
          providerId: 'p-1',
          schemeId: SCHEME_ID,
          decisionId: 'd-1',
          appealId: 'a-1',
          outcome: 'overturned',
          ruledOn: '2025-06-15',
          restoredStatus: 'authorised',
        },
      },
    ]);
    expect(isChoosable(provider, lovScheme, '2025-06-16')).toEqual({ choosable: true });
  });
});

describe('isAuthorisedOn and authorisationStatusOn', () => {
  it('lets existing placements run until a de-authorisation takes effect', () => {
    const provider = providerFrom([
      ...authorisedProviderEvents(),
      deauthorised('2025-03-10', '2025-05-01'),
    ]);
    expect(authorisationStatusOn(provider, SCHEME_ID, '2025-03-09')).toBe('authorised');
    expect(authorisationStatusOn(provider, SCHEME_ID, '2025-04-30')).toBe(
      'deauthorisation_pending',
    );
    expect(authorisationStatusOn(provider, SCHEME_ID, '2025-05-01')).toBe('deauthorised');
    expect(isAuthorisedOn(provider, lovScheme, '2025-04-30')).toBe(true);
    expect(isAuthorisedOn(provider, lovScheme, '2025-05-01')).toBe(false);
  });

  it('reports withdrawals and applications by date', () => {
    const provider = providerFrom([...authorisedProviderEvents(), withdrawn('2025-06-01')]);
    expect(authorisationStatusOn(provider, SCHEME_ID, '2011-01-15')).toBe('none');
    expect(authorisationStatusOn(provider, SCHEME_ID, '2011-02-15')).toBe('applied');
    expect(authorisationStatusOn(provider, SCHEME_ID, '2025-05-31')).toBe('withdrawal_pending');
    expect(authorisationStatusOn(provider, SCHEME_ID, '2025-06-01')).toBe('withdrawn');
    expect(authorisationStatusOn(provider, 'other-scheme', '2025-06-01')).toBe('none');
    expect(authorisationStatusOn(provider, 'constructor', '2025-06-01')).toBe('none');
    expect(isAuthorisedOn(provider, lovScheme, '2025-05-31')).toBe(true);
    expect(isAuthorisedOn(provider, lovScheme, '2025-06-01')).toBe(false);
  });
});

describe('choosableProviders', () => {
  const providers = [
    providerFrom(authorisedProviderEvents('p-4', 'Östermalms Omsorg')),
    providerFrom(authorisedProviderEvents('p-3', 'Attendo')),
    providerFrom(authorisedProviderEvents('p-2', 'Ängens Hemtjänst')),
    providerFrom(authorisedProviderEvents('p-9', 'Bra Omsorg')),
    providerFrom(authorisedProviderEvents('p-1', 'Bra Omsorg')),
    providerFrom(authorisedProviderEvents('p-5', 'Zeta Vård')),
    providerFrom(authorisedProviderEvents('p-6', 'Ännu Ej', SCHEME_ID, false)),
    providerFrom([providerRegistered('p-7', 'Sökande AB'), applied('p-7')]),
    providerFrom([]),
  ];

  it('lists only choosable providers, by name in Swedish order with the id as tie-break', () => {
    expect(choosableProviders(providers, lovScheme, '2025-03-10').map((p) => p.providerId)).toEqual(
      ['p-3', 'p-1', 'p-9', 'p-5', 'p-2', 'p-4'],
    );
  });

  it('gives the same order whatever order the providers come in', () => {
    const reversed = [...providers].reverse();
    expect(choosableProviders(reversed, lovScheme, '2025-03-10')).toEqual(
      choosableProviders(providers, lovScheme, '2025-03-10'),
    );
  });
});
