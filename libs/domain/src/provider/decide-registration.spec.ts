import { decideProvider } from './decide-provider';
import { RegisterProvider } from './provider.commands';
import { evolveProvider, initialProviderState } from './provider.state';
import {
  contextOn,
  providerFrom,
  providerRegistered,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';

const register = (overrides: Partial<RegisterProvider['data']> = {}): RegisterProvider => ({
  type: 'RegisterProvider',
  data: {
    providerId: 'p-1',
    organisationNumber: '5560360793',
    name: 'Omsorg AB',
    ownership: 'private',
    ...overrides,
  },
});

describe('registering a provider', () => {
  it('registers with a normalised organisation number', () => {
    const events = decideProvider(register(), initialProviderState(), contextOn());
    expect(events).toEqual([
      {
        type: 'ProviderRegistered',
        data: {
          providerId: 'p-1',
          organisationNumber: '556036-0793',
          name: 'Omsorg AB',
          ownership: 'private',
          registeredOn: TODAY,
        },
      },
    ]);
    const state = events.reduce(evolveProvider, initialProviderState());
    expect(state).toMatchObject({ status: 'registered', providerId: 'p-1', schemes: {} });
  });

  it('refuses an organisation number with a wrong check digit', () => {
    expect(
      thrownBy(() =>
        decideProvider(
          register({ organisationNumber: '556036-0794' }),
          initialProviderState(),
          contextOn(),
        ),
      ).code,
    ).toBe('INVALID_ORGANISATION_NUMBER');
  });

  it('refuses an unknown ownership', () => {
    expect(
      thrownBy(() =>
        decideProvider(
          register({ ownership: 'cooperative' as never }),
          initialProviderState(),
          contextOn(),
        ),
      ).code,
    ).toBe('INVALID_INPUT');
  });

  it('refuses to register twice', () => {
    expect(
      thrownBy(() => decideProvider(register(), providerFrom([providerRegistered()]), contextOn()))
        .code,
    ).toBe('PROVIDER_ALREADY_REGISTERED');
  });

  it('refuses commands for a provider that is not registered, or another one', () => {
    const declare = {
      type: 'DeclareCapacity',
      data: { providerId: 'p-1', schemeId: 'hemtjanst', ceiling: 10 },
    } as const;
    expect(thrownBy(() => decideProvider(declare, initialProviderState(), contextOn())).code).toBe(
      'PROVIDER_NOT_REGISTERED',
    );
    expect(
      thrownBy(() =>
        decideProvider(declare, providerFrom([providerRegistered('p-2')]), contextOn()),
      ).code,
    ).toBe('PROVIDER_MISMATCH');
  });
});
