import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 5 layout) derived from an idempotency key, the stream and the event's
 * index: a retried command produces the same ids, so the store treats the retry as a no-op even
 * when two retries race.
 */
export function deterministicEventId(
  idempotencyKey: string,
  streamId: string,
  index: number,
): string {
  const hash = createHash('sha1').update(`kundval:${idempotencyKey}:${streamId}:${index}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  return uuidText(hash.subarray(0, 16).toString('hex'));
}

/** 32 hex digits in a UUID's groups (8-4-4-4-12). */
export function uuidText(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
