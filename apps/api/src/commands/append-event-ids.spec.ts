import { appendEventIds } from './append-event-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids of an append', () => {
  it('are UUIDs in ascending order, one per event', () => {
    const ids = appendEventIds('key-1', 'payment-run-grundskola/2025-03', 70_000);
    expect(ids.every((id) => UUID.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(70_000);
    expect([...ids].sort()).toEqual(ids);
  });

  it('are the same for a retry of the same command, and differ for another key or stream', () => {
    const ids = appendEventIds('key-1', 'stream-a', 3);
    expect(appendEventIds('key-1', 'stream-a', 3)).toEqual(ids);
    expect(appendEventIds('key-2', 'stream-a', 3)[0]).not.toBe(ids[0]);
    expect(appendEventIds('key-1', 'stream-b', 3)[0]).not.toBe(ids[0]);
  });

  it('are random without an idempotency key', () => {
    expect(appendEventIds(undefined, 'stream-a', 2)).not.toEqual(
      appendEventIds(undefined, 'stream-a', 2),
    );
    // Across several refills of the block the random halves are drawn from.
    const names = Array.from({ length: 2_000 }, () =>
      appendEventIds(undefined, 'stream-a', 1)[0]!.slice(0, 18),
    );
    expect(new Set(names).size).toBe(2_000);
  });
});
