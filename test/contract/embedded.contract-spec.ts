import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { describeEventStoreContract } from './event-store.contract';

// A data dir per store the contract opens, removed once every test has closed its store.
const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeEventStoreContract(
  'embedded SQLite',
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kundval-contract-'));
    dirs.push(dataDir);
    return SqliteEventStore.open({ dataDir });
  },
  { gapFreePositions: true },
);
