import { decideProvider } from './decide-provider';
import { evolveProvider, initialProviderState } from './provider.state';

/** The provider aggregate as one decider object (Emmett's `decide`/`evolve`/`initialState`). */
export const providerDecider = {
  decide: decideProvider,
  evolve: evolveProvider,
  initialState: initialProviderState,
} as const;
