export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: ReadDirection;
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  /** Defaults to all events. */
  limit?: number;
}

/** Narrows a read of the global log. An event passes if it matches every given criterion. */
export interface LogFilter {
  eventTypes?: readonly string[];
  streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Defaults to 0, before the first event. */
  after?: number;
  limit?: number;
  filter?: LogFilter;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the position of the last event already processed, or 0. */
  after?: number;
  filter?: LogFilter;
  /**
   * Called, in order with the events delivered, when the subscription has looked past events its
   * filter left out, up to `position`: a reader may move its checkpoint there though no event came
   * (as EventStoreDB's filtered subscriptions report checkpoints).
   */
  onCheckpoint?: (position: number) => void;
}
