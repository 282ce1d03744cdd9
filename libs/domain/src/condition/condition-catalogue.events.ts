import { Message } from '../shared/messages';
import { AuthorisationCondition } from './authorisation-condition';

/** A general condition (generellt auktorisationsvillkor) was added to the catalogue. */
export type GeneralConditionDefined = Message<
  'GeneralConditionDefined',
  { condition: AuthorisationCondition }
>;

/** Every event of the `condition-catalogue` aggregate. */
export type ConditionCatalogueEvent = GeneralConditionDefined;
