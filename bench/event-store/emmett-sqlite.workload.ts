import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  appendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  readMessagesBatch,
  readStream,
  sqliteConnection,
  type SQLiteConnection,
  type SQLiteEventStore,
} from '@event-driven-io/emmett-sqlite';
import { withTempDir } from '../harness/temp-dir';
import { BenchEvent, FillStream, StoreFactory, StoreUnderTest } from './workload';

/**
 * How the peer is driven:
 * - `connection`: its exported functions (`appendToStream`, `readStream`, `readMessagesBatch`) on
 *   one long-lived `sqliteConnection`, the fastest correct way we found;
 * - `store`: its high-level `getSQLiteEventStore({ fileName })`, which opens and closes a SQLite
 *   connection around every operation.
 */
export type PeerApi = 'connection' | 'store';

const FILE_NAME = 'emmett.sqlite';

/**
 * Runs operations one at a time. The peer cannot take concurrent appends in one process:
 * `getSQLiteEventStore` closes its shared connection when the first operation ends (SQLITE_MISUSE
 * for the others); one connection shared by overlapping `appendToStream` calls nests them into one
 * transaction, so appends resolve before anything is committed; and one connection per writer
 * fails with SQLITE_BUSY (its busy timeout is 1 s) from 16 writers on.
 */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The stream type the peer's own event store derives from a stream name (`account-1` → `account`). */
function streamType(streamName: string): string {
  const [first, ...rest] = streamName.split('-');
  return first && rest.length > 0 ? first : 'emt:unknown';
}

function toPeerEvents(events: readonly BenchEvent[]): BenchEvent[] {
  return events.map((event) => ({ type: event.type, data: event.data }));
}

class EmmettSqlite implements StoreUnderTest {
  private readonly writes = new SerialQueue();

  constructor(
    private readonly api: PeerApi,
    private readonly connection: SQLiteConnection,
    private readonly store: SQLiteEventStore,
  ) {}

  append(streamId: string, events: readonly BenchEvent[], eventsInStream: number): Promise<void> {
    // The peer's stream version is the number of events in the stream (0n: no stream).
    const expectedStreamVersion = BigInt(eventsInStream);
    return this.writes.run(async () => {
      if (this.api === 'store') {
        await this.store.appendToStream(streamId, toPeerEvents(events), { expectedStreamVersion });
        return;
      }
      const result = await appendToStream(
        this.connection,
        streamId,
        streamType(streamId),
        toPeerEvents(events),
        { expectedStreamVersion },
      );
      if (!result.success) throw new Error(`emmett-sqlite rejected an append to ${streamId}`);
    });
  }

  fill(streams: readonly FillStream[]): Promise<void> {
    // The peer's connection nests transactions: all appends of the chunk share one commit.
    return this.writes.run(() =>
      this.connection.withTransaction(async () => {
        for (const s of streams) {
          const result = await appendToStream(
            this.connection,
            s.streamId,
            streamType(s.streamId),
            toPeerEvents(s.events),
            { expectedStreamVersion: 0n },
          );
          if (!result.success) throw new Error(`emmett-sqlite rejected an append to ${s.streamId}`);
        }
      }),
    );
  }

  async readStream(streamId: string): Promise<number> {
    const result =
      this.api === 'store'
        ? await this.store.readStream(streamId)
        : await readStream(this.connection, streamId);
    return result.events.length;
  }

  async readAll(pageSize: number): Promise<number> {
    // The peer's event store has no public read-all; readMessagesBatch is its exported global read.
    let read = 0;
    let after = 0n;
    for (;;) {
      const page = await readMessagesBatch(this.connection, { after, batchSize: pageSize });
      read += page.messages.length;
      if (page.messages.length < pageSize) return read;
      after = page.currentGlobalPosition;
    }
  }

  async close(): Promise<void> {
    await this.writes.run(async () => undefined);
    this.connection.close();
  }
}

/** The installed version (package.json is not in the package's exports map, so read the file). */
function peerVersion(): string {
  const entry = require.resolve('@event-driven-io/emmett-sqlite');
  const manifest = join(dirname(entry), '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function pragma(
  connection: SQLiteConnection,
  name: string,
  verb = 'PRAGMA',
): Promise<string> {
  const row = await connection.querySingle<Record<string, unknown>>(`${verb} ${name}`);
  return String(row === null ? 'unknown' : Object.values(row)[0]);
}

/** `@event-driven-io/emmett-sqlite` (node-sqlite3) with its default settings. */
export function emmettSqliteFactory(api: PeerApi): StoreFactory {
  return {
    name: 'emmett-sqlite',
    async describe() {
      const version = peerVersion();
      // Ask a connection opened exactly as the peer opens its own (a file, its defaults).
      const probed = await withTempDir('emmett-probe', async (dir) => {
        const probe = sqliteConnection({ fileName: join(dir, FILE_NAME) });
        try {
          await createEventStoreSchema(probe);
          const options = await probe.query<{ compile_options: string }>('PRAGMA compile_options');
          return {
            sqlite: await pragma(probe, 'sqlite_version()', 'SELECT'),
            journal: await pragma(probe, 'journal_mode'),
            synchronous: await pragma(probe, 'synchronous'),
            walDefault:
              options
                .map((o) => o.compile_options)
                .find((o) => o.startsWith('DEFAULT_WAL_SYNCHRONOUS')) ?? 'no WAL default set',
          };
        } finally {
          probe.close();
        }
      });
      const driven =
        api === 'connection'
          ? 'its exported appendToStream/readStream/readMessagesBatch on one long-lived sqliteConnection ' +
            '(BENCH_PEER_API=connection)'
          : 'getSQLiteEventStore({ fileName }), which opens and closes a connection per operation, with ' +
            'a second long-lived connection for set-up and the global read (readMessagesBatch), so those ' +
            'closes never checkpoint the WAL (BENCH_PEER_API=store)';
      return [
        `peer: @event-driven-io/emmett-sqlite ${version} via node-sqlite3 (SQLite ${probed.sqlite}), ` +
          `driven through ${driven}.`,
        `peer durability, its defaults, unchanged (read from a connection it opened): ` +
          `journal_mode=${probed.journal} (emmett sets WAL), synchronous=${probed.synchronous} ` +
          `(2 = FULL; emmett does not set it, node-sqlite3's SQLite is built with ` +
          `${probed.walDefault}); one BEGIN IMMEDIATE transaction per append, acknowledged only ` +
          'after its COMMIT, as ours.',
        'peer concurrency: appends are serialised by the benchmark (one at a time). The peer cannot ' +
          'take overlapping appends in one process: getSQLiteEventStore closes its shared connection ' +
          'under the other calls (SQLITE_MISUSE), one shared connection nests overlapping appends into ' +
          'one transaction (appends resolve before anything is committed), and one connection per writer ' +
          'fails with SQLITE_BUSY (busy_timeout 1000 ms) from 16 writers on.',
        'peer global read: the peer event store has no read-all method; the benchmark uses its exported ' +
          'readMessagesBatch({ after, batchSize }) on a long-lived connection.',
      ];
    },
    async open(dataDir: string) {
      const fileName = join(dataDir, FILE_NAME);
      const connection = sqliteConnection({ fileName });
      await createEventStoreSchema(connection);
      const store = getSQLiteEventStore({ fileName });
      return new EmmettSqlite(api, connection, store);
    },
  };
}
