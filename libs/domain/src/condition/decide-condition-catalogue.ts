import { assertDecisionContext, DecisionContext } from '../shared/decision-context';
import { DomainError } from '../shared/domain.error';
import { unknownCommand } from '../shared/unknown-command';
import { toAuthorisationCondition } from './authorisation-condition';
import { ConditionCatalogueCommand } from './condition-catalogue.commands';
import { ConditionCatalogueEvent } from './condition-catalogue.events';
import { ConditionCatalogueState } from './condition-catalogue.state';

/** Decides a catalogue command. Throws `DomainError` when a rule is violated. */
export function decideConditionCatalogue(
  command: ConditionCatalogueCommand,
  state: ConditionCatalogueState,
  context: DecisionContext,
): ConditionCatalogueEvent[] {
  assertDecisionContext(context);
  switch (command.type) {
    case 'DefineGeneralCondition': {
      const condition = toAuthorisationCondition(command.data, null);
      if (state.conditions.some((existing) => existing.conditionId === condition.conditionId)) {
        throw new DomainError(
          'CONDITION_ALREADY_DEFINED',
          `General condition "${condition.conditionId}" is already defined.`,
          { conditionId: condition.conditionId },
        );
      }
      return [{ type: 'GeneralConditionDefined', data: { condition } }];
    }
    default:
      return unknownCommand(command.type);
  }
}
