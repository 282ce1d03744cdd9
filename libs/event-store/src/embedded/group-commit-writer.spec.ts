import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidEventError } from '../errors/invalid-event.error';
import { SqliteEventStore } from './sqlite-event-store';

// The store recognises a retry by the events where the retry expects them; one that resends only
// some of the first attempt's events is refused rather than half written.
describe('SqliteEventStore retried appends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kundval-retry-'));
  const store = SqliteEventStore.open({ dataDir: dir });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  const event = (type: string) => ({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    type,
    data: {},
  });
  const types = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);

  it('refuses a retry that resends only some of the events of the first attempt', async () => {
    const [a, b] = [event('A'), event('B')];
    await store.append('partial', [a, b], { expectedRevision: 'no_stream' });
    await expect(
      store.append('partial', [a, event('C')], { expectedRevision: 'no_stream' }),
    ).rejects.toBeInstanceOf(InvalidEventError);
    expect(await types('partial')).toEqual(['A', 'B']);
  });

  it('takes events seen earlier in the stream, but not right after the expected revision, as new', async () => {
    const a = event('A');
    await store.append('earlier', [a], { expectedRevision: 'no_stream' });
    await store.append('earlier', [event('B')], { expectedRevision: 0 });
    await store.append('earlier', [a], { expectedRevision: 1 });
    expect(await types('earlier')).toEqual(['A', 'B', 'A']);
  });
});
