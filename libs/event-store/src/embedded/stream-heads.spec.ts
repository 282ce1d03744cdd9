import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

// A store answers "what came after revision n" from the stream ends it knows, without a query,
// while no other connection has written. Two stores on one file stand for two processes: what one
// appends, the other must see, however the stream was read or written before.
describe('SqliteEventStore stream ends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kundval-heads-'));
  const here = SqliteEventStore.open({ dataDir: dir, pollIntervalMs: 50 });
  const other = SqliteEventStore.open({ dataDir: dir, pollIntervalMs: 50 });
  afterAll(async () => {
    await here.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  const event = () => ({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    type: 'T',
    data: { n },
  });
  const revisions = async (store: SqliteEventStore, stream: string, fromRevision?: number) =>
    (await store.readStream(stream, { fromRevision })).map((e) => e.revision);

  it('sees what another process appended after a read to the end', async () => {
    await here.append('read', [event(), event()]);
    expect(await revisions(here, 'read')).toEqual([0, 1]);
    expect(await revisions(here, 'read', 2)).toEqual([]);
    await other.append('read', [event()]);
    expect(await revisions(here, 'read', 2)).toEqual([2]);
  });

  it('sees what another process appended after its own append', async () => {
    await here.append('written', [event()]);
    expect(await revisions(here, 'written', 1)).toEqual([]);
    await other.append('written', [event()], { expectedRevision: 0 });
    expect(await revisions(here, 'written', 1)).toEqual([1]);
  });

  it('sees a stream another process began after it was read empty', async () => {
    expect(await revisions(here, 'empty')).toEqual([]);
    await other.append('empty', [event()]);
    expect(await revisions(here, 'empty')).toEqual([0]);
  });

  it('still reads earlier events of a stream whose end it knows', async () => {
    await here.append('known', [event(), event(), event()]);
    expect(await revisions(here, 'known', 1)).toEqual([1, 2]);
    expect(await revisions(here, 'known', 3)).toEqual([]);
    await here.append('known', [event()], { expectedRevision: 2 });
    expect(await revisions(here, 'known', 3)).toEqual([3]);
  });
});
