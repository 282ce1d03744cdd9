import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';
import { EventMetadata } from '../port/event-metadata';
import { RecordedEvent } from '../port/recorded-event';
import { ClientRecordedEvent } from './client';
import { toPortPosition } from './to-client-position';

/** A client event as the port's RecordedEvent; `commitPosition` is the fallback position. */
export function toRecordedEvent(
  event: ClientRecordedEvent,
  commitPosition?: bigint,
): RecordedEvent {
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: positionOf(event, commitPosition),
    data: event.isJson ? event.data : decodeBinary(event.data),
    metadata: toMetadata(event.metadata),
    recordedAt: event.created.toISOString(),
  };
}

/** A client event's position in the log; `commitPosition` is the fallback. */
export function positionOf(
  event: Pick<ClientRecordedEvent, 'id' | 'position'>,
  commitPosition?: bigint,
): number {
  // Servers before 22.6 leave the position of stream reads out (the client then reports 0).
  if (event.position && event.position.commit > 0n) return toPortPosition(event.position);
  if (commitPosition !== undefined && commitPosition > 0n) return Number(commitPosition);
  throw new EventStoreUnavailableError(
    `EventStoreDB did not report the log position of event ${event.id}: version 22.6 or later is required`,
  );
}

// This adapter writes JSON only; events written as bytes by other tools are decoded when they can be.
function decodeBinary(data: Uint8Array): unknown {
  if (data.length === 0) return null;
  const text = Buffer.from(data).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toMetadata(metadata: unknown): EventMetadata {
  if (metadata instanceof Uint8Array) metadata = decodeBinary(metadata);
  return typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
    ? (metadata as EventMetadata)
    : {};
}
