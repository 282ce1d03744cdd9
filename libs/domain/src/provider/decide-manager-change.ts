import { assertCalendarDate } from '../shared/calendar-date';
import { DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { assertIdentifier, assertText, assertTextList } from '../shared/validation';
import {
  ApproveManagerChange,
  RejectManagerChange,
  ReportManagerChange,
} from './provider.commands';
import { ProviderEvent } from './provider.events';
import { newId, registeredProvider } from './provider.guards';
import { ProviderState, RegisteredProvider } from './provider.state';
import { ManagerChange } from './provider.types';

export function reportManagerChange(
  { data }: ReportManagerChange,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const changeId = newId(
    data.changeId,
    'changeId',
    provider.managerChanges.map((change) => change.changeId),
  );
  const pending = provider.managerChanges.find((change) => change.status === 'reported');
  if (pending) {
    throw new DomainError(
      'MANAGER_CHANGE_PENDING',
      'An earlier manager change still awaits approval.',
      { changeId: pending.changeId },
    );
  }
  const takesOverOn = assertCalendarDate(data.takesOverOn, 'takesOverOn');
  return [
    {
      type: 'ManagerChangeReported',
      data: {
        providerId: provider.providerId,
        changeId,
        newManagerName: assertText(data.newManagerName, 'newManagerName', 200),
        takesOverOn,
        reportedOn: today,
        // The condition asks for the change to be reported for approval beforehand.
        reportedLate: takesOverOn < today,
      },
    },
  ];
}

function reportedChange(provider: RegisteredProvider, changeId: string): ManagerChange {
  const change = provider.managerChanges.find((candidate) => candidate.changeId === changeId);
  if (!change) {
    throw new DomainError(
      'MANAGER_CHANGE_NOT_FOUND',
      `Manager change "${changeId}" was not reported.`,
      { changeId },
    );
  }
  if (change.status !== 'reported') {
    throw new DomainError(
      'MANAGER_CHANGE_ALREADY_DECIDED',
      `Manager change "${changeId}" has already been ${change.status}.`,
      { changeId, status: change.status },
    );
  }
  return change;
}

export function approveManagerChange(
  { data }: ApproveManagerChange,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const change = reportedChange(provider, assertIdentifier(data.changeId, 'changeId'));
  return [
    {
      type: 'ManagerChangeApproved',
      data: { providerId: provider.providerId, changeId: change.changeId, decidedOn: today },
    },
  ];
}

export function rejectManagerChange(
  { data }: RejectManagerChange,
  state: ProviderState,
  { today }: DecisionContext,
): ProviderEvent[] {
  const provider = registeredProvider(state, data.providerId);
  const change = reportedChange(provider, assertIdentifier(data.changeId, 'changeId'));
  return [
    {
      type: 'ManagerChangeRejected',
      data: {
        providerId: provider.providerId,
        changeId: change.changeId,
        reasons: assertTextList(data.reasons, 'reasons'),
        decidedOn: today,
      },
    },
  ];
}
