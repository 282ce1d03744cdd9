import { randomUUID } from 'node:crypto';
import { CommandMetadata } from './command-metadata';
import { deterministicEventId } from './deterministic-id';

/**
 * An id for a record the command creates (scheme, provider, application, warning, …). With an
 * Idempotency-Key the id derives from it, so a retry addresses the same record.
 */
export function newRecordId(meta: CommandMetadata, kind: string): string {
  return meta.idempotencyKey ? deterministicEventId(meta.idempotencyKey, kind, 0) : randomUUID();
}
