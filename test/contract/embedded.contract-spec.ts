import { SqliteEventStore } from '@kundval/event-store/embedded';
import { tempDirs } from '../support/temp-dirs';
import { describeEventStoreContract } from './event-store.contract';

// A data dir per store the contract opens.
const tempDir = tempDirs('contract');

describeEventStoreContract(
  'embedded SQLite',
  async () => SqliteEventStore.open({ dataDir: tempDir() }),
  { gapFreePositions: true },
);
