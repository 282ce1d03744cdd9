import { EventMetadata } from './event-metadata';

/** A JSON value: what an event payload may contain. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An event to append. */
export interface EventData<Type extends string = string, Data = unknown> {
  /**
   * A UUID. An append whose events are already in the stream is a no-op success when they are
   * where a retry finds them: right after the revision it expected, or, expecting none, the
   * stream's last events.
   */
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}
