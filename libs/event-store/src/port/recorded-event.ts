import { EventMetadata } from './event-metadata';

/** An event as stored in the log. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  streamId: string;
  /** 0-based position of the event within its stream. */
  revision: number;
  /** Position in the global log: strictly increasing in log order. */
  position: number;
  data: Data;
  metadata: EventMetadata;
  /** When the store recorded it: an ISO-8601 UTC instant. */
  recordedAt: string;
}
