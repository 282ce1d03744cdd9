import { Message } from '../shared/messages';
import { ConditionDefinition } from './authorisation-condition';

/** Adds a general condition, shared by all schemes. */
export type DefineGeneralCondition = Message<'DefineGeneralCondition', ConditionDefinition>;

/** Every command of the `condition-catalogue` aggregate. */
export type ConditionCatalogueCommand = DefineGeneralCondition;
