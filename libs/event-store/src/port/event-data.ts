import { EventMetadata } from './event-metadata';

/** A JSON value: what an event payload may contain. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** An event to append. */
export interface EventData<Type extends string = string, Data = unknown> {
  /** A UUID. Appending an id already present in the stream is a no-op success. */
  id: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}
