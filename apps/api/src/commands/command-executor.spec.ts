import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
