import type { SchemeState } from '../scheme/scheme.state';
import { AuthorisationCondition } from './authorisation-condition';
import { ConditionCatalogueState } from './condition-catalogue.state';

/**
 * The conditions a provider in the scheme must meet: the general ones from the catalogue, then the
 * scheme's specific ones. This is what provider commands carry as `conditions`.
 */
export function applicableConditions(
  catalogue: ConditionCatalogueState,
  scheme: SchemeState,
): AuthorisationCondition[] {
  const specific = scheme.status === 'not_established' ? [] : scheme.conditions;
  return [...catalogue.conditions, ...specific];
}
