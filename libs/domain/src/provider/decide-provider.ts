import { assertDecisionContext, DecisionContext } from '../shared/decision-context';
import { unknownCommand } from '../shared/unknown-command';
import {
  apply,
  declareCapacity,
  grant,
  notifyWithdrawal,
  reject,
  signContract,
} from './decide-authorisation';
import {
  recordComplaint,
  recordComplaintHandling,
  recordFollowUpVisit,
  recordSurveyResult,
  reportSeriousDeviation,
  submitQualityReport,
} from './decide-follow-up';
import {
  approveManagerChange,
  rejectManagerChange,
  reportManagerChange,
} from './decide-manager-change';
import { register } from './decide-registration';
import {
  appealDeauthorisation,
  decideDeauthorisation,
  issueWarning,
  recordAppealOutcome,
} from './decide-sanctions';
import { ProviderCommand } from './provider.commands';
import { ProviderEvent } from './provider.events';
import { ProviderState } from './provider.state';

/**
 * Decides a provider command against the current state. Returns the events to append, or throws a
 * `DomainError` when a rule is violated. Pure: the same input always gives the same output.
 */
export function decideProvider(
  command: ProviderCommand,
  state: ProviderState,
  context: DecisionContext,
): ProviderEvent[] {
  assertDecisionContext(context);
  switch (command.type) {
    case 'RegisterProvider':
      return register(command, state, context);
    case 'ApplyForAuthorisation':
      return apply(command, state, context);
    case 'GrantAuthorisation':
      return grant(command, state, context);
    case 'RejectAuthorisation':
      return reject(command, state, context);
    case 'SignContract':
      return signContract(command, state, context);
    case 'DeclareCapacity':
      return declareCapacity(command, state, context);
    case 'NotifyWithdrawal':
      return notifyWithdrawal(command, state, context);
    case 'ReportManagerChange':
      return reportManagerChange(command, state, context);
    case 'ApproveManagerChange':
      return approveManagerChange(command, state, context);
    case 'RejectManagerChange':
      return rejectManagerChange(command, state, context);
    case 'RecordComplaint':
      return recordComplaint(command, state, context);
    case 'RecordComplaintHandling':
      return recordComplaintHandling(command, state, context);
    case 'ReportSeriousDeviation':
      return reportSeriousDeviation(command, state, context);
    case 'RecordFollowUpVisit':
      return recordFollowUpVisit(command, state, context);
    case 'SubmitQualityReport':
      return submitQualityReport(command, state, context);
    case 'RecordSurveyResult':
      return recordSurveyResult(command, state, context);
    case 'IssueWarning':
      return issueWarning(command, state, context);
    case 'DecideDeauthorisation':
      return decideDeauthorisation(command, state, context);
    case 'AppealDeauthorisation':
      return appealDeauthorisation(command, state, context);
    case 'RecordAppealOutcome':
      return recordAppealOutcome(command, state, context);
    default:
      return unknownCommand(command);
  }
}
