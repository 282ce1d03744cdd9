import { RecordedEvent } from '@kundval/event-store';
import { DomainEvent } from '../commands/decider';
import { Projection, ProjectionContext } from './projection';
import { perContext } from './statement-cache';

export interface AggregateProjectionOptions<S> {
  name: string;
  version: number;
  /** The aggregate's streams, e.g. `provider-`. */
  streamPrefix: string;
  initialState: () => S;
  evolve: (state: S, event: never) => S;
  /** Query tables derived from the state (besides the stored state itself). */
  tables: Record<string, string>;
  indexes?: Record<string, string[]>;
  /**
   * Replaces the derived rows of one aggregate from its new state. `previous` is the state the
   * current rows were derived from, or undefined when none was stored (so there are no rows).
   * `stateRowid` is the rowid of the state's row, which never changes once the row is made.
   */
  write(
    context: ProjectionContext,
    streamId: string,
    state: S,
    previous: S | undefined,
    stateRowid: number,
  ): void;
  /** Writes what `write` kept back in a deferred context, once the batch's streams are written. */
  flush?(context: ProjectionContext): void;
}

/** What a deferred context folded: per stream, the state now and the state stored before. */
interface Memory<S> {
  pending: Map<string, { state: S; stored: S | undefined }>;
  /** The states the last flush stored: streams often get their next event soon after. */
  recent: Map<string, S>;
}

/**
 * A projection that folds each aggregate with the domain's own `evolve`, keeps the state, and
 * derives query rows from it: the rules live once, in the domain, not again in SQL. In a deferred
 * context it folds a whole batch in memory and writes each touched stream once, in `flush`.
 */
export function aggregateProjection<S>(options: AggregateProjectionOptions<S>): Projection {
  const evolve = options.evolve as (state: S, event: DomainEvent) => S;
  const memories = new WeakMap<ProjectionContext, Memory<S>>();

  const statements = perContext(({ db, table }) => ({
    load: db.prepare(`SELECT state FROM ${table('state')} WHERE stream_id = ?`).pluck(),
    insert: db.prepare(`INSERT INTO ${table('state')} (stream_id, state) VALUES (?, ?)`),
    update: db
      .prepare(`UPDATE ${table('state')} SET state = ? WHERE stream_id = ? RETURNING rowid`)
      .pluck(),
  }));

  const load = (context: ProjectionContext, streamId: string): S | undefined => {
    const state = statements(context).load.get(streamId) as string | undefined;
    return state === undefined ? undefined : (JSON.parse(state) as S);
  };

  /**
   * The state stored before `event`. Nothing is before a stream's first event (revision 0), so
   * that needs no lookup: in a rebuild that is nearly every stream, each looked up in vain.
   */
  const storedBefore = (context: ProjectionContext, event: RecordedEvent): S | undefined =>
    event.revision === 0 ? undefined : load(context, event.streamId);

  const store = (context: ProjectionContext, streamId: string, state: S, stored?: S): void => {
    // `evolve` returns the same object when an event changes nothing: the rows are still right.
    if (state === stored) return;
    // No stored state means no row: an insert, without the conflict check of an upsert.
    const stateRowid =
      stored === undefined
        ? statements(context).insert.run(streamId, JSON.stringify(state)).lastInsertRowid
        : (statements(context).update.get(JSON.stringify(state), streamId) as number | undefined);
    if (stateRowid === undefined) throw new Error(`No stored state of ${streamId} to update`);
    options.write(context, streamId, state, stored, Number(stateRowid));
  };

  return {
    name: options.name,
    version: options.version,
    tables: { state: 'stream_id TEXT PRIMARY KEY, state TEXT NOT NULL', ...options.tables },
    indexes: options.indexes,
    streamPrefixes: [options.streamPrefix],
    handles: (event) => event.streamId.startsWith(options.streamPrefix),
    apply(context, event: RecordedEvent) {
      const domainEvent = { type: event.type, data: event.data };
      const { streamId } = event;
      if (!context.deferred) {
        const stored = storedBefore(context, event);
        store(context, streamId, evolve(stored ?? options.initialState(), domainEvent), stored);
        return;
      }
      let memory = memories.get(context);
      if (!memory) memories.set(context, (memory = { pending: new Map(), recent: new Map() }));
      let folded = memory.pending.get(streamId);
      if (!folded) {
        const stored = memory.recent.get(streamId) ?? storedBefore(context, event);
        folded = { state: stored ?? options.initialState(), stored };
        memory.pending.set(streamId, folded);
      }
      folded.state = evolve(folded.state, domainEvent);
    },
    flush(context) {
      const memory = memories.get(context);
      if (!memory || memory.pending.size === 0) return;
      const recent = new Map<string, S>();
      for (const [streamId, { state, stored }] of memory.pending) {
        store(context, streamId, state, stored);
        recent.set(streamId, state);
      }
      memory.pending = new Map();
      memory.recent = recent;
      options.flush?.(context);
    },
  };
}
