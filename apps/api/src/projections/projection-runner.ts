import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, EventStore, RecordedEvent, Subscription } from '@kundval/event-store';
import { upcast } from '../records/upcasters/upcast';
import { Projection, ProjectionContext, PROJECTIONS } from './projection';
import { READ_MODEL_DB } from './read-model.tokens';

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

const PAGE = 2000;

/**
 * Keeps every projection up to date from the global log, in order: each batch of events and the
 * new checkpoint commit in one SQLite transaction, so a crash neither applies an event twice nor
 * skips one. Every event advances the checkpoint (events a projection ignores too), so "has the
 * read model reached position P" is one comparison. A rebuild writes a new generation of tables
 * while queries keep reading the old one, then swaps them in one transaction.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly live = new Map<string, Subscription>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly rebuilding = new Set<string>();
  private readonly waiters: { position: number; resolve: () => void }[] = [];
  private stopped = false;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  /** Brings every projection up (rebuilding those whose version changed) and goes live. */
  async start(): Promise<void> {
    for (const projection of this.projections) {
      const state = this.state(projection.name);
      if (!state || state.version !== projection.version) {
        if (state)
          this.logger.log(
            `${projection.name}: version ${state.version} → ${projection.version}, rebuilding`,
          );
        this.save(projection.name, {
          version: projection.version,
          generation: (state?.generation ?? 0) + 1,
          position: 0,
        });
        this.createTables(projection, this.state(projection.name)!.generation);
        if (state) this.dropTables(projection, state.generation);
      }
      this.goLive(projection);
    }
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
    if (this.rebuilding.has(name)) throw new Error(`${name} is already being rebuilt`);
    this.rebuilding.add(name);
    try {
      const old = this.state(name)!;
      const generation = old.generation + 1;
      this.dropTables(projection, generation);
      this.createTables(projection, generation);
      let position = await this.catchUp(projection, generation, 0);
      // Stop the live loop only for the last stretch, then swap in one transaction.
      await this.stopLive(name);
      try {
        position = await this.catchUp(projection, generation, position);
        this.db.transaction(() => {
          this.save(name, { version: projection.version, generation, position });
          this.dropTables(projection, old.generation);
        })();
      } finally {
        // Live again on the new generation, or on the old one if the rebuild failed.
        this.goLive(projection);
      }
      // The last stretch may have passed positions that requests are waiting for.
      this.notifyWaiters();
      return (await this.status()).find((s) => s.name === name)!;
    } finally {
      this.rebuilding.delete(name);
    }
  }

  async rebuildAll(): Promise<ProjectionStatus[]> {
    for (const projection of this.projections) await this.rebuild(projection.name);
    return this.status();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.live.keys()].map((name) => this.stopLive(name)));
  }

  private goLive(projection: Projection): void {
    if (this.stopped) return;
    const subscription = this.store.subscribe({ after: this.state(projection.name)!.position });
    this.live.set(projection.name, subscription);
    this.running.set(projection.name, this.consume(projection, subscription));
  }

  private async consume(projection: Projection, subscription: Subscription): Promise<void> {
    let batch: RecordedEvent[] = [];
    let scheduled = false;
    // Events of one page arrive within one turn of the event loop: commit them together.
    const flush = () => {
      scheduled = false;
      if (batch.length === 0) return;
      const events = batch;
      batch = [];
      this.apply(projection, this.state(projection.name)!.generation, events);
    };
    try {
      for await (const event of subscription) {
        batch.push(event);
        if (batch.length >= PAGE) {
          flush();
          await nextTurn();
        } else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }
      flush();
    } catch (error) {
      this.logger.error(`${projection.name} stopped: ${(error as Error).message}`);
    }
  }

  private async stopLive(name: string): Promise<void> {
    await this.live.get(name)?.stop();
    await this.running.get(name);
    this.live.delete(name);
    this.running.delete(name);
  }

  private async catchUp(
    projection: Projection,
    generation: number,
    after: number,
  ): Promise<number> {
    let position = after;
    for (;;) {
      const page = await this.store.readAll({ after: position, limit: PAGE });
      if (page.length === 0) return position;
      this.apply(projection, generation, page, false);
      position = page[page.length - 1].position;
      await nextTurn();
    }
  }

  private apply(
    projection: Projection,
    generation: number,
    events: RecordedEvent[],
    checkpoint = true,
  ): void {
    const context: ProjectionContext = {
      db: this.db,
      table: (t) => physical(projection.name, t, generation),
    };
    this.db.transaction(() => {
      for (const event of events) {
        if (projection.handles(event)) projection.apply(context, upcast(event));
      }
      const last = events[events.length - 1].position;
      if (checkpoint)
        this.save(projection.name, { ...this.state(projection.name)!, position: last });
    })();
    if (checkpoint) this.notifyWaiters();
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
    return this.db
      .prepare('SELECT version, generation, position FROM projection_state WHERE name = ?')
      .get(name) as State | undefined;
  }

  private save(name: string, state: State): void {
    this.db
      .prepare(
        `INSERT INTO projection_state (name, version, generation, position) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET version = excluded.version, generation = excluded.generation, position = excluded.position`,
      )
      .run(name, state.version, state.generation, state.position);
  }

  private createTables(projection: Projection, generation: number): void {
    for (const [table, columns] of Object.entries(projection.tables)) {
      const name = physical(projection.name, table, generation);
      this.db.exec(`CREATE TABLE IF NOT EXISTS ${name} (${columns})`);
      for (const index of projection.indexes?.[table] ?? [])
        this.db.exec(index.replaceAll('{table}', name));
    }
  }

  private dropTables(projection: Projection, generation: number): void {
    for (const table of Object.keys(projection.tables)) {
      this.db.exec(`DROP TABLE IF EXISTS ${physical(projection.name, table, generation)}`);
    }
  }
}

/**
 * Waits for the next turn of the event loop. The embedded store reads synchronously, so without
 * this a catch-up or rebuild would run to its end in one go and no request would be served.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function physical(projection: string, table: string, generation: number): string {
  return `${projection.replace(/[^a-z0-9_]/gi, '_')}__${table}__g${generation}`;
}
