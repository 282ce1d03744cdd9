// Child process for the close test: appends past a checkpoint's pacing, closes the store, and
// says so; a process must not end before its store has closed.
import { SqliteEventStore } from '@kundval/event-store/embedded';

async function main(): Promise<void> {
  const store = SqliteEventStore.open({ dataDir: process.argv[2] });
  const text = 'x'.repeat(1_000);
  for (let part = 0; part < 12; part++) {
    const events = Array.from({ length: 1_000 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(part * 1_000 + i).padStart(12, '0')}`,
      type: 'Written',
      data: { text },
    }));
    await store.append('big', events);
  }
  await store.close();
  process.stdout.write('closed\n');
}

void main();
