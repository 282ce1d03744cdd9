import type { DecisionContext } from '@kundval/domain';

/** An aggregate as pure functions (Emmett's Decider): the executor needs nothing else. */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: () => State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State, context: DecisionContext): Event[];
}

export interface DomainEvent {
  type: string;
  data: unknown;
}
