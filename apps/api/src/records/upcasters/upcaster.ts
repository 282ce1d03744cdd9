import { RecordedEvent } from '@kundval/event-store';

/** Turns the payload of one schema version of an event type into the next version's. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  up(data: unknown, event: RecordedEvent): unknown;
}
