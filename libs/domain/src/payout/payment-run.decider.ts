import { decidePaymentRun } from './decide-payment-run';
import { evolvePaymentRun, evolvePaymentRunAll, initialPaymentRunState } from './payment-run.state';

/** The payment-run aggregate as one decider object (Emmett's `decide`/`evolve`/`initialState`). */
export const paymentRunDecider = {
  decide: decidePaymentRun,
  evolve: evolvePaymentRun,
  evolveAll: evolvePaymentRunAll,
  initialState: initialPaymentRunState,
} as const;
