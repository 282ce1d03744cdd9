import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

// A prefix covering much of the log is read in log order instead of through the stream index;
// either way a paged read returns exactly the events of the prefix, in order.
describe('SqliteEventStore prefix reads', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kundval-prefix-'));
    store = await SqliteEventStore.open({ dataDir: dir });
    const appends = [];
    for (let i = 0; i < 2_600; i++) {
      const events = Array.from({ length: 10 }, (_, n) => ({
        id: `00000000-0000-4000-8000-${String(i * 10 + n).padStart(12, '0')}`,
        type: 'Counted',
        data: { i, n },
      }));
      appends.push(store.append(`wide-${i}`, events, { expectedRevision: 'no_stream' }));
      if (i % 100 === 0)
        appends.push(
          store.append(
            `narrow-${i}`,
            [{ ...events[0], id: events[0].id.replace('8000', '9000') }],
            {
              expectedRevision: 'no_stream',
            },
          ),
        );
    }
    await Promise.all(appends);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function paged(prefix: string): Promise<string[]> {
    const seen: string[] = [];
    for (let after = 0; ;) {
      const page = await store.readAll({
        after,
        limit: 1000,
        filter: { streamPrefixes: [prefix] },
      });
      seen.push(...page.map((e) => `${e.position}:${e.streamId}`));
      if (page.length < 1000) return seen;
      after = page[page.length - 1].position;
    }
  }

  it.each(['wide-', 'narrow-', 'wide-25', 'none-'])('reads prefix %s page by page', async (p) => {
    const all = await store.readAll({});
    const expected = all
      .filter((e) => e.streamId.startsWith(p))
      .map((e) => `${e.position}:${e.streamId}`);
    expect(await paged(p)).toEqual(expected);
  });
});
