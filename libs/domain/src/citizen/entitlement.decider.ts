import { decideEntitlement } from './decide-entitlement';
import { evolveEntitlement, initialEntitlementState } from './entitlement.state';

/** The entitlement aggregate as one decider object (Emmett's `decide`/`evolve`/`initialState`). */
export const entitlementDecider = {
  decide: decideEntitlement,
  evolve: evolveEntitlement,
  initialState: initialEntitlementState,
} as const;
