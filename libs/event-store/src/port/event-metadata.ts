/** Who did it, why, and through which channel: carried by every event. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  /** Pseudonymous id of the person or system that caused the event. */
  actor?: string;
  role?: string;
  /** e.g. web, paper, caseworker, system */
  channel?: string;
  reason?: string;
  /** Version of the event payload's schema, for upcasting (defaults to 1). */
  schemaVersion?: number;
  [key: string]: unknown;
}
