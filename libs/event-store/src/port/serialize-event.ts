import { InvalidEventError } from '../errors/invalid-event.error';
import { EventData } from './event-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event checked and turned into JSON text, as every adapter stores it. */
export interface SerializedEvent {
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/**
 * Validates an event and serialises its payload and metadata. Rejects what JSON would silently
 * change (functions, NaN, BigInt, class instances such as Date, cycles) so that what is read back equals what was
 * written. Adapters call this for every event before writing anything.
 */
export function serializeEvent(event: EventData): SerializedEvent {
  if (typeof event.id !== 'string' || !UUID.test(event.id)) {
    throw new InvalidEventError(`Event id must be a UUID, got ${JSON.stringify(event.id)}`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
    throw new InvalidEventError(
      `Event ${event.id}: type must be a non-empty string of at most 200 characters`,
    );
  }
  assertJson(event.data, `event ${event.id} (${event.type}) data`);
  const metadata = { schemaVersion: 1, ...(event.metadata ?? {}) };
  assertJson(metadata, `event ${event.id} (${event.type}) metadata`);
  return {
    id: event.id.toLowerCase(),
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(metadata),
  };
}

// The path to the value checked is kept as keys and spelt out only for an error: building it for
// every value of every event cost more than the check itself on large appends.
function assertJson(
  value: unknown,
  where: string,
  keys: (string | number)[] = [],
  seen = new Set<object>(),
): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw notJson(where, keys, `${value} is not a finite number`);
    return;
  }
  if (typeof value !== 'object') throw notJson(where, keys, `a ${typeof value} is not JSON`);
  if (seen.has(value)) throw notJson(where, keys, 'it contains a cycle');
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // a hole, skipped as forEach skips it
      keys.push(i);
      assertJson(value[i], where, keys, seen);
      keys.pop();
    }
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw notJson(
        where,
        keys,
        `a ${proto?.constructor?.name ?? 'class'} instance is not plain JSON`,
      );
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = (value as Record<string, unknown>)[key];
      // An undefined property is simply absent once stored, which reads back the same.
      if (item === undefined) continue;
      keys.push(key);
      assertJson(item, where, keys, seen);
      keys.pop();
    }
  }
  seen.delete(value);
}

function pathOf(keys: readonly (string | number)[]): string {
  return keys.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

function notJson(
  where: string,
  keys: readonly (string | number)[],
  why: string,
): InvalidEventError {
  return new InvalidEventError(`The ${where} is not JSON-serialisable at $${pathOf(keys)}: ${why}`);
}

/**
 * Checks a whole append before anything is written: a non-empty stream id, every event valid, no
 * id twice. Adapters call this first, so an invalid event leaves the stream untouched.
 */
export function serializeAppend(streamId: string, events: readonly EventData[]): SerializedEvent[] {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidEventError('Stream id must be a non-empty string');
  }
  const serialized = events.map(serializeEvent);
  if (new Set(serialized.map((e) => e.id)).size !== serialized.length) {
    throw new InvalidEventError(`Two events of one append to "${streamId}" share an id`);
  }
  return serialized;
}
