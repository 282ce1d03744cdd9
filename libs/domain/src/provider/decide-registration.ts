import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { parseOrganisationNumber } from '../shared/organisation-number';
import { assertIdentifier, assertOneOf, assertText } from '../shared/validation';
import { RegisterProvider } from './provider.commands';
import { ProviderEvent } from './provider.events';
import { ProviderState } from './provider.state';
import { OWNERSHIPS } from './provider.types';

export function register(
  { data }: RegisterProvider,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const providerId = assertIdentifier(data.providerId, 'providerId');
  if (state.status !== 'unregistered') {
    throw new DomainError(
      'PROVIDER_ALREADY_REGISTERED',
      `Provider "${providerId}" is already registered.`,
      { providerId },
    );
  }
  return [
    {
      type: 'ProviderRegistered',
      data: {
        providerId,
        organisationNumber: parseOrganisationNumber(data.organisationNumber),
        name: assertText(data.name, 'name', 200),
        ownership: assertOneOf(data.ownership, OWNERSHIPS, 'ownership'),
        registeredOn: today,
      },
    },
  ];
}
