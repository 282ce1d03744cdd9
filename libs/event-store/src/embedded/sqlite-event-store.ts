import type Database from 'better-sqlite3';
import { AppendOptions, AppendResult } from '../port/append';
import { EventData } from '../port/event-data';
import { EventStore } from '../port/event-store.port';
import { ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../port/read';
import { RecordedEvent } from '../port/recorded-event';
import { checkAppend } from '../port/serialize-event';
import { Subscription } from '../port/subscription';
import { CatchUpSubscription } from './catch-up-subscription';
import { EventRow, toRecordedEvent } from './event-row';
import { GroupCommitWriter } from './group-commit-writer';
import { logQuery, PREFIX_SIZE_SQL, successor } from './log-query';
import { openDatabase } from './open-database';
import { StreamHeads } from './stream-heads';
import { WalCheckpointer } from './wal-checkpointer';

export interface SqliteEventStoreOptions {
  /** Directory holding the database file; created if missing. */
  dataDir: string;
  /** Defaults to `events.sqlite`. */
  fileName?: string;
  /** How often a live subscription looks for appends made by other processes. Default 200 ms. */
  pollIntervalMs?: number;
}

const SUBSCRIPTION_PAGE = 512;

/** A stream prefix with at least this many events is read in log order, not through the index. */
const WIDE_PREFIX_EVENTS = 20_000;

/** The embedded event store: one SQLite file, WAL, durable group commits. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'embedded' as const;
  private readonly writer: GroupCommitWriter;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly statements: ReturnType<typeof prepare>;
  private readonly logStatements = new Map<string, Database.Statement>();
  /** Prefixes found wide; a prefix only grows, so once wide it stays wide. */
  private readonly widePrefixes = new Set<string>();
  private readonly checkpointer: WalCheckpointer;
  private readonly heads: StreamHeads;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
  ) {
    this.statements = prepare(db);
    this.checkpointer = new WalCheckpointer(db);
    this.heads = new StreamHeads(db);
    this.writer = new GroupCommitWriter(db, (written) => {
      written.forEach((revision, streamId) => this.heads.written(streamId, revision));
      this.subscriptions.forEach((s) => s.notify());
      this.checkpointer.committed(this.writer.writtenBytes);
    });
  }

  /** Opens or creates the store; throws EventStoreUnavailableError naming the problem. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = openDatabase(options.dataDir, options.fileName ?? 'events.sqlite');
    return new SqliteEventStore(db, options.pollIntervalMs ?? 200);
  }

  async append(
    streamId: string,
    events: readonly EventData[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    return this.writer.append(checkAppend(streamId, events), options.expectedRevision ?? 'any');
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.limit ?? -1;
    if (options.direction === 'backwards') {
      const from = options.fromRevision ?? Number.MAX_SAFE_INTEGER;
      return this.statements.streamBackwards.all(streamId, from, limit).map(toRecordedEvent);
    }
    const from = options.fromRevision ?? 0;
    if (this.heads.nothingFrom(streamId, from)) return [];
    const rows = this.statements.streamForwards.all(streamId, from, limit);
    if (limit < 0) this.heads.read(streamId, from, rows.at(-1)?.revision);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.readLog(options).map(toRecordedEvent);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(
      (after) => {
        // The head is read first: every event up to it is visible to the page read that follows.
        const head = this.statements.head.get()?.head ?? 0;
        // In log order: following the log reads the few events after `after`, not a range of
        // the stream index that every page would sort again.
        const query = { after, limit: SUBSCRIPTION_PAGE, filter: options.filter };
        const rows = this.readLog(query, true);
        const scannedTo = rows.length < SUBSCRIPTION_PAGE ? head : after;
        return { events: rows.map(toRecordedEvent), scannedTo };
      },
      options.after ?? 0,
      this.pollIntervalMs,
      () => this.subscriptions.delete(subscription),
      options.onCheckpoint,
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.statements.head.get()?.head ?? 0;
  }

  /** How many durable transactions carried how many appends (group commit at work). */
  stats(): { commits: number; appends: number } {
    return { ...this.writer.stats };
  }

  /** Waits for pending appends, stops subscriptions and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.drained();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.checkpointer.close();
    this.db.close();
  }

  private readLog(options: ReadAllOptions, inLogOrder = false): EventRow[] {
    const prefixes = options.filter?.streamPrefixes ?? [];
    const { sql, params } = logQuery(
      options.filter,
      inLogOrder || prefixes.some((p) => this.isWide(p)),
    );
    let statement = this.logStatements.get(sql);
    if (!statement) this.logStatements.set(sql, (statement = this.db.prepare(sql)));
    return statement.all(options.after ?? 0, ...params, options.limit ?? -1) as EventRow[];
  }

  private isWide(prefix: string): boolean {
    if (this.widePrefixes.has(prefix)) return true;
    const upper = successor(prefix);
    if (upper === undefined) return false;
    const { n } = this.statements.prefixSize.get(prefix, upper, WIDE_PREFIX_EVENTS)!;
    if (n < WIDE_PREFIX_EVENTS) return false;
    this.widePrefixes.add(prefix);
    return true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

function prepare(db: Database.Database) {
  return {
    head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
    prefixSize: db.prepare<[string, string, number], { n: number }>(PREFIX_SIZE_SQL),
    streamForwards: db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    streamBackwards: db.prepare<[string, number, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
    ),
  };
}
