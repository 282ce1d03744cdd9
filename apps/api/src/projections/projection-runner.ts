import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@kundval/event-store';
import { upcast } from '../records/upcasters/upcast';
import { LogReader, readPrefixes } from './log-reader';
import { Projection, ProjectionContext, PROJECTIONS } from './projection';
import { READ_MODEL_CACHE_KIB } from './read-model-database';
import { READ_MODEL_DB } from './read-model.tokens';
import { statement } from './statement-cache';
import { nextTurn } from '../shared/next-turn';

interface State {
  version: number;
  generation: number;
  position: number;
}

export interface ProjectionStatus {
  name: string;
  version: number;
  position: number;
  lag: number;
  rebuilding: boolean;
}

/** Events per transaction when following the log or catching up after a stop. */
const LIVE_BATCH = 2000;
/**
 * Events per transaction in a rebuild: nobody reads those tables yet, so larger is cheaper. Each
 * commit writes every page its inserts touched, and inserts by random keys (stream and
 * entitlement ids) touch most pages of those primary keys: fewer commits, fewer writes of them
 * (at 1M citizens, 25,000: 57,000 events/s with a fifth of the time in commits; 250,000: 66,600).
 */
const REBUILD_BATCH = 250_000;
/**
 * The same while this process also serves queries: a batch's rows are written in one go on the
 * event loop (250,000 events' worth: seconds), so requests would wait that long.
 */
const SERVING_REBUILD_BATCH = 25_000;
/**
 * The page cache while rebuilding, in KiB: those primary keys' pages stay in memory between
 * inserts instead of being read back (at 1M citizens, 64 MB: 55,000–57,000 events/s alone,
 * 512 MB: 62,000–74,000).
 */
const REBUILD_CACHE_KIB = 524_288;
/**
 * Behind the head by more than this at start (new or rebuilt read models, a long stop), the
 * reader catches up as a rebuild does, in large batches with the large cache: in batches of
 * {@link LIVE_BATCH} with the usual cache it applied a national log at 6,000 events/s.
 */
const FAR_BEHIND = 100_000;
/** Events per read of the log in a rebuild: small, so queries wait at most a few ms between. */
const REBUILD_PAGE = 1000;

/** One projection written at one generation, skipping what it applied up to `after`. */
interface Target {
  projection: Projection;
  generation: number;
  after: number;
}

/**
 * Keeps every projection up to date from the global log, in order: each batch of events and the
 * new checkpoints commit in one SQLite transaction, so a crash neither applies an event twice nor
 * skips one. Every event advances the checkpoint (events a projection ignores too), so "has the
 * read model reached position P" is one comparison. One reader follows the log for all
 * projections, and a rebuild reads the log once for all the projections it rebuilds, into a new
 * generation of tables while queries keep reading the old one, then swaps them in one transaction.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private live?: { stop(): Promise<void> };
  private readonly rebuilding = new Set<string>();
  private readonly contexts = new Map<string, ProjectionContext>();
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private stopped = false;
  private startedFollowing = false;
  private largeCacheUsers = 0;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  /** Brings every projection up (rebuilding those whose version changed) and goes live. */
  async start(): Promise<void> {
    this.startedFollowing = true;
    for (const projection of this.projections) {
      const state = this.state(projection.name);
      if (state && state.version === projection.version) {
        // An index added since the tables were made changes no row: made now, with no rebuild.
        this.createIndexes(projection, state.generation);
        continue;
      }
      if (state)
        this.logger.log(
          `${projection.name}: version ${state.version} → ${projection.version}, rebuilding`,
        );
      const generation = (state?.generation ?? 0) + 1;
      this.save(projection.name, { version: projection.version, generation, position: 0 });
      this.createTables(projection, generation);
      this.createIndexes(projection, generation);
      if (state) this.dropTables(projection, state.generation);
    }
    this.goLive();
  }

  /** The physical name of a projection's table, for queries. */
  table(projectionName: string, table: string): string {
    const state = this.state(projectionName);
    if (!state) throw new Error(`Unknown projection ${projectionName}`);
    return physical(projectionName, table, state.generation);
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return this.projections.map((p) => {
      const position = this.state(p.name)?.position ?? 0;
      return {
        name: p.name,
        version: p.version,
        position,
        lag: head - position,
        rebuilding: this.rebuilding.has(p.name),
      };
    });
  }

  /**
   * Whether the projections follow the log in this process: not in an application context that
   * was never initialised, as a seed script uses, where a reader must fold the log itself.
   */
  get following(): boolean {
    return this.startedFollowing;
  }

  /**
   * Resolves once every projection has applied the log up to its head as it is now (so a read of
   * the read models sees everything appended before it asked), or false on timeout.
   */
  async reachHead(timeoutMs: number): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  /**
   * Whether a reader can take the read models for the log: they follow it in this process and
   * reach its head as it is now within `timeoutMs`. False means: fold the log instead.
   */
  async caughtUp(timeoutMs: number): Promise<boolean> {
    return this.following && this.reachHead(timeoutMs);
  }

  /** Resolves once every projection has applied the log up to `position`, or false on timeout. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.lowestPosition() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve(true)) };
      const timer = setTimeout(() => {
        // Forget it, or every request for a position never reached would stay here for good.
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Rebuilds one projection from position zero into new tables, without stopping queries. */
  async rebuild(name: string): Promise<ProjectionStatus> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`Unknown projection ${name}`);
    await this.rebuildTogether([projection]);
    return (await this.status()).find((s) => s.name === name)!;
  }

  /** Rebuilds every projection from one read of the log, without stopping queries. */
  async rebuildAll(): Promise<ProjectionStatus[]> {
    await this.rebuildTogether(this.projections);
    return this.status();
  }

  /**
   * Stops following the log for good (a rebuild after this does not go live): for shutdown, and
   * for a rebuild in a process that serves no queries, where following would only compete with it.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopLive();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async rebuildTogether(projections: Projection[]): Promise<void> {
    const busy = projections.find((p) => this.rebuilding.has(p.name));
    if (busy) throw new Error(`${busy.name} is already being rebuilt`);
    for (const p of projections) this.rebuilding.add(p.name);
    const targets: Target[] = [];
    const releaseCache = this.largeCache();
    try {
      for (const projection of projections) {
        const generation = (this.state(projection.name)?.generation ?? 0) + 1;
        this.dropTables(projection, generation);
        // Secondary indexes come once the bulk is in: building one is cheaper than keeping it.
        this.createTables(projection, generation);
        targets.push({ projection, generation, after: 0 });
      }
      const batch = this.live ? SERVING_REBUILD_BATCH : REBUILD_BATCH;
      let position = await this.pump(targets, 0, batch, false);
      for (const { projection, generation } of targets) this.createIndexes(projection, generation);
      // Stop the live reader only for the last stretch, then swap in one transaction.
      const following = this.live !== undefined;
      await this.stopLive();
      try {
        position = await this.pump(targets, position, batch, false);
        const old = targets.map((t) => this.state(t.projection.name)?.generation);
        this.db.transaction(() => {
          targets.forEach(({ projection, generation }, i) => {
            this.save(projection.name, { version: projection.version, generation, position });
            if (old[i] !== undefined) this.dropTables(projection, old[i]);
          });
        })();
      } finally {
        // Live again on the new generations, or on the old ones if the rebuild failed.
        if (following) this.goLive();
      }
      // The last stretch may have passed positions that requests are waiting for.
      this.notifyWaiters();
    } finally {
      for (const { projection, generation } of targets)
        this.contexts.delete(contextKey(projection, generation));
      for (const p of projections) this.rebuilding.delete(p.name);
      releaseCache();
    }
  }

  /** The page cache of a rebuild, until every user has released it. */
  private largeCache(): () => void {
    if (this.largeCacheUsers++ === 0) this.db.pragma(`cache_size = -${REBUILD_CACHE_KIB}`);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.largeCacheUsers === 0) this.db.pragma(`cache_size = -${READ_MODEL_CACHE_KIB}`);
    };
  }

  /** One reader for every projection: catches up in pages, then follows the live log. */
  private goLive(): void {
    if (this.stopped || this.live) return;
    let subscription: Subscription | undefined;
    let halted = false;
    const running = (async () => {
      const targets = this.liveTargets();
      const behind = (await this.store.headPosition()) - Math.min(...targets.map((t) => t.after));
      const far = behind > FAR_BEHIND;
      const releaseCache = far ? this.largeCache() : () => undefined;
      let position: number;
      try {
        const batch = far ? SERVING_REBUILD_BATCH : LIVE_BATCH;
        position = await this.pump(targets, undefined, batch, true, () => halted);
      } finally {
        releaseCache();
      }
      if (halted) return;
      await this.consume((onCheckpoint) => {
        const prefixes = readPrefixes(this.projections);
        const filter = prefixes && { streamPrefixes: prefixes };
        return (subscription = this.store.subscribe({ after: position, filter, onCheckpoint }));
      });
    })().catch((error: Error) => this.logger.error(`Projections stopped: ${error.message}`));
    this.live = {
      stop: async () => {
        halted = true;
        await subscription?.stop();
        await running;
      },
    };
  }

  private async stopLive(): Promise<void> {
    const live = this.live;
    this.live = undefined;
    await live?.stop();
  }

  /**
   * Follows the log from a subscription to the streams the projections read. Events no projection
   * reads (a payment run's hundreds of thousands) are left out by the store; its checkpoints move
   * ours past them, so a wait for a position among them still ends.
   */
  private async consume(
    subscribe: (onCheckpoint: (position: number) => void) => Subscription,
  ): Promise<void> {
    let batch: RecordedEvent[] = [];
    let checkpoint = 0;
    let flushedTo = 0;
    let scheduled = false;
    // Events of one page arrive within one turn of the event loop: commit them together.
    const flush = () => {
      scheduled = false;
      const events = batch;
      const to = Math.max(events.at(-1)?.position ?? 0, checkpoint);
      if (events.length === 0 && to <= flushedTo) return;
      batch = [];
      flushedTo = to;
      this.applyPage(this.liveTargets(), events, to, { checkpoint: true, flush: true });
    };
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(flush);
    };
    const subscription = subscribe((position) => {
      checkpoint = position;
      schedule();
    });
    for await (const event of subscription) {
      batch.push(event);
      if (batch.length >= LIVE_BATCH) {
        flush();
        await nextTurn();
      } else schedule();
    }
    flush();
  }

  /**
   * Reads the log from the lowest target's position to the head and applies it in batches of
   * about `batchSize` events; returns the position reached. With `checkpoint`, every batch also
   * saves the targets' checkpoints; otherwise the caller keeps the position.
   */
  private async pump(
    targets: Target[],
    from: number | undefined,
    batchSize: number,
    checkpoint: boolean,
    halted: () => boolean = () => false,
  ): Promise<number> {
    const reader = new LogReader(
      this.store,
      from ?? Math.min(...targets.map((t) => t.after)),
      readPrefixes(targets.map((t) => t.projection)),
    );
    let unflushed = 0;
    for (;;) {
      const page = await reader.next(checkpoint ? batchSize : REBUILD_PAGE);
      if (halted()) return reader.position;
      // Each page is folded as it comes (its events are garbage soon after); the folded states
      // are written once per batch.
      unflushed += page.events.length;
      const flush = unflushed >= batchSize || page.end;
      if (flush) unflushed = 0;
      this.applyPage(targets, page.events, reader.position, { checkpoint, flush });
      if (page.end) return reader.position;
      await nextTurn();
    }
  }

  /**
   * Applies events to each target in one transaction; `to` is how far the log was read. Only
   * with `flush` do the projections write what they deferred, and only then may the checkpoints
   * move (with `checkpoint`).
   */
  private applyPage(
    targets: Target[],
    events: RecordedEvent[],
    to: number,
    { checkpoint, flush }: { checkpoint: boolean; flush: boolean },
  ): void {
    const current = events.map(upcast);
    try {
      this.db.transaction(() => {
        for (const target of targets) {
          const { projection } = target;
          const context = this.context(projection, target.generation);
          for (const event of current) {
            if (event.position > target.after && projection.handles(event))
              projection.apply(context, event);
          }
          if (!flush) continue;
          projection.flush?.(context);
          if (checkpoint && to > target.after) {
            this.save(projection.name, { ...this.state(projection.name)!, position: to });
            target.after = to;
          }
        }
      })();
    } catch (error) {
      // What the projections folded in memory is now ahead of the rolled-back tables.
      for (const t of targets) this.contexts.delete(contextKey(t.projection, t.generation));
      throw error;
    }
    if (checkpoint && flush) this.notifyWaiters();
  }

  /** The projections the live reader writes: all, on their current generation. */
  private liveTargets(): Target[] {
    return this.projections.map((projection) => {
      const { generation, position } = this.state(projection.name)!;
      return { projection, generation, after: position };
    });
  }

  /** One context per generation, kept across batches so projections may remember what they read. */
  private context(projection: Projection, generation: number): ProjectionContext {
    const key = contextKey(projection, generation);
    let context = this.contexts.get(key);
    if (!context) {
      const table = (t: string) => physical(projection.name, t, generation);
      this.contexts.set(key, (context = { db: this.db, table, deferred: true }));
    }
    return context;
  }

  private notifyWaiters(): void {
    const reached = this.lowestPosition();
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].position <= reached) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  private lowestPosition(): number {
    return Math.min(...this.projections.map((p) => this.state(p.name)?.position ?? 0));
  }

  private state(name: string): State | undefined {
    const sql = 'SELECT version, generation, position FROM projection_state WHERE name = ?';
    return statement(this.db, sql).get(name) as State | undefined;
  }

  private save(name: string, state: State): void {
    const sql = `INSERT INTO projection_state (name, version, generation, position) VALUES (?, ?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET version = excluded.version, generation = excluded.generation,
      position = excluded.position`;
    statement(this.db, sql).run(name, state.version, state.generation, state.position);
  }

  private createTables(projection: Projection, generation: number): void {
    for (const [table, columns] of Object.entries(projection.tables)) {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${physical(projection.name, table, generation)} (${columns})`,
      );
    }
  }

  private createIndexes(projection: Projection, generation: number): void {
    for (const [table, indexes] of Object.entries(projection.indexes ?? {})) {
      const name = physical(projection.name, table, generation);
      for (const index of indexes) this.db.exec(index.replaceAll('{table}', name));
    }
  }

  private dropTables(projection: Projection, generation: number): void {
    this.contexts.delete(contextKey(projection, generation));
    for (const table of Object.keys(projection.tables))
      this.db.exec(`DROP TABLE IF EXISTS ${physical(projection.name, table, generation)}`);
  }
}

function physical(projection: string, table: string, generation: number): string {
  return `${projection.replace(/[^a-z0-9_]/gi, '_')}__${table}__g${generation}`;
}

function contextKey(projection: Projection, generation: number): string {
  return `${projection.name}#${generation}`;
}
