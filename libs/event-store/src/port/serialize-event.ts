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
 * An append whose stream id, event ids and types are checked (no id twice). Payloads are checked
 * and serialised by `serialize`, one event at a time, so that a store can write a large append
 * without holding all of its JSON at once. Rejects what JSON would silently change (functions,
 * NaN, BigInt, class instances such as Date, cycles) so that what is read back equals what was
 * written. The events must not change until the append has settled.
 */
export interface CheckedAppend {
  streamId: string;
  /** The events' ids as stored (lower case). */
  ids: readonly string[];
  /** The `index`-th event as JSON text; throws `InvalidEventError` if it is not plain JSON. */
  serialize(index: number): SerializedEvent;
}

/** Checks what an append can be checked for without serialising it; see {@link CheckedAppend}. */
export function checkAppend(streamId: string, events: readonly EventData[]): CheckedAppend {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidEventError('Stream id must be a non-empty string');
  }
  const ids = events.map(checkedId);
  if (new Set(ids).size !== ids.length) {
    throw new InvalidEventError(`Two events of one append to "${streamId}" share an id`);
  }
  // Commands give every event of an append the same metadata object: serialise it once.
  let lastMetadata: EventData['metadata'] | null = null;
  let lastJson = '';
  return {
    streamId,
    ids,
    serialize(index) {
      const event = events[index];
      assertJson(event.data, `event ${event.id} (${event.type}) data`);
      if (event.metadata === undefined || event.metadata !== lastMetadata) {
        lastJson = metadataOf(event);
        lastMetadata = event.metadata ?? null;
      }
      return {
        id: ids[index],
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: lastJson,
      };
    },
  };
}

/**
 * Checks a whole append and serialises it before anything is written: a non-empty stream id,
 * every event valid, no id twice, so an invalid event leaves the stream untouched.
 */
export function serializeAppend(streamId: string, events: readonly EventData[]): SerializedEvent[] {
  const append = checkAppend(streamId, events);
  return events.map((_, index) => append.serialize(index));
}

function checkedId(event: EventData): string {
  if (typeof event.id !== 'string' || !UUID.test(event.id)) {
    throw new InvalidEventError(`Event id must be a UUID, got ${JSON.stringify(event.id)}`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
    throw new InvalidEventError(
      `Event ${event.id}: type must be a non-empty string of at most 200 characters`,
    );
  }
  return event.id.toLowerCase();
}

function metadataOf(event: EventData): string {
  const metadata = { schemaVersion: 1, ...(event.metadata ?? {}) };
  assertJson(metadata, `event ${event.id} (${event.type}) metadata`);
  return JSON.stringify(metadata);
}

/**
 * Beyond this depth a value is checked the thorough way, which also finds cycles; no event of
 * ours nests anywhere near as deep.
 */
const FAST_CHECK_DEPTH = 64;

function assertJson(value: unknown, where: string): void {
  if (!isPlainJson(value, 0)) explainNotJson(value, where, [], new Set());
}

// Most payloads are fine: check them without tracking a path or the objects on it, and spell out
// the path (walking again) only when something is wrong. Tracking both cost more than the rest of
// an append of payment events.
function isPlainJson(value: unknown, depth: number): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (depth >= FAST_CHECK_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (i in value && !isPlainJson(value[i], depth + 1)) return false;
    }
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    // An undefined property is simply absent once stored, which reads back the same.
    if (item !== undefined && !isPlainJson(item, depth + 1)) return false;
  }
  return true;
}

/** Throws naming the first value JSON would change, with its path; returns if there is none. */
function explainNotJson(
  value: unknown,
  where: string,
  keys: (string | number)[],
  seen: Set<object>,
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
      explainNotJson(value[i], where, keys, seen);
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
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      keys.push(key);
      explainNotJson(item, where, keys, seen);
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
