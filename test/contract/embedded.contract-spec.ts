import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@kundval/event-store/embedded';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract(
  'embedded SQLite',
  async () => SqliteEventStore.open({ dataDir: mkdtempSync(join(tmpdir(), 'kundval-contract-')) }),
  { gapFreePositions: true },
);
