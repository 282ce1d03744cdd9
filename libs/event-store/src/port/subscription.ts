import { RecordedEvent } from './recorded-event';

/**
 * A catch-up subscription to the global log: yields stored events in order from the checkpoint,
 * then live events as they are appended, until `stop()` is called.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}
