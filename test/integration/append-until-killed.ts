// Child process for the crash test: appends with 16 concurrent writers and prints every
// acknowledged append, until it is killed.
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@kundval/event-store/embedded';

const store = SqliteEventStore.open({ dataDir: process.argv[2] });
let n = 0;

async function writer(w: number): Promise<void> {
  for (;;) {
    const id = randomUUID();
    const i = n++;
    await store.append(`citizen-${w}`, [{ id, type: 'Acked', data: { i } }]);
    process.stdout.write(`${id}\n`);
  }
}

for (let w = 0; w < 16; w++) void writer(w);
