import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rosterDecider, RosterCommand } from '@kundval/domain';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { CommandExecutor } from './command-executor';

// Decides one event of each type asked for; folds to the number of events seen.
const decider = {
  initialState: () => 0,
  evolve: (count: number) => count + 1,
  decide: (types: string[]) => types.map((type, i) => ({ type, data: { i } })),
};

const meta = { correlationId: 'c-1', actor: 'handläggare-1', role: 'caseworker', channel: 'api' };

describe('CommandExecutor on the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kundval-executor-'));
    store = SqliteEventStore.open({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every event with the command metadata and the schema version of its own type', async () => {
    const executor = new CommandExecutor(store);
    // CapacityDeclared has an upcaster from version 1, so it is written as version 2.
    const types = ['CapacityDeclared', 'ProviderRegistered', 'CapacityDeclared'];
    const result = await executor.execute(decider, 'provider-p1', types, meta, {
      reason: 'new term',
    });

    const stored = await store.readStream('provider-p1');
    expect(result.revision).toBe(2);
    expect(stored.map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
      ['CapacityDeclared', 2],
      ['ProviderRegistered', 1],
      ['CapacityDeclared', 2],
    ]);
    for (const event of stored) {
      expect(event.metadata).toMatchObject({
        correlationId: 'c-1',
        causationId: 'c-1',
        actor: 'handläggare-1',
        role: 'caseworker',
        channel: 'api',
        reason: 'new term',
      });
    }
  });

  describe('on a roster, which answers a retry by what it asks, not by its Idempotency-Key', () => {
    const roster = 'roster-grundskola/skola-1';
    const place = { providerId: 'skola-1', schemeId: 'grundskola', entitlementId: 'e-1' };
    const reserve: RosterCommand = {
      type: 'ReservePlace',
      data: { ...place, citizenId: 'c-1', from: '2026-08-17', lastDay: null, ceiling: 30 },
    };
    const release: RosterCommand = { type: 'ReleasePlace', data: { ...place, from: '2026-08-17' } };
    const keyed = { ...meta, idempotencyKey: 'choice-1' };

    it('appends nothing for a retried reservation that still holds its place', async () => {
      const executor = new CommandExecutor(store);
      await executor.execute(rosterDecider, roster, reserve, keyed);
      const retry = await executor.execute(rosterDecider, roster, reserve, keyed);

      expect(retry.revision).toBe(0);
      expect((await store.readStream(roster)).map((e) => e.type)).toEqual(['PlaceReserved']);
    });

    it('takes the place again for a retry whose place was given back after a failed placement', async () => {
      const executor = new CommandExecutor(store);
      await executor.execute(rosterDecider, roster, reserve, keyed);
      // The placement's entitlement append failed, so the workflow gave the place back.
      await executor.execute(rosterDecider, roster, release, { ...keyed, idempotencyKey: 'undo' });
      const retry = await executor.execute(rosterDecider, roster, reserve, keyed);

      expect(retry).toMatchObject({ revision: 2, replayed: false, events: ['PlaceReserved'] });
      const state = await executor.state(rosterDecider, roster);
      expect(state.reservations.at(-1)).toMatchObject({ entitlementId: 'e-1', to: null });
      // A process that starts afresh folds the same from the log.
      const restarted = new CommandExecutor(store);
      expect(await restarted.state(rosterDecider, roster)).toEqual(state);
    });
  });
});
