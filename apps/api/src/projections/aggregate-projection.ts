import { RecordedEvent } from '@kundval/event-store';
import { DomainEvent } from '../commands/decider';
import { Projection, ProjectionContext } from './projection';

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
  /** Replaces the derived rows of one aggregate from its new state. */
  write(context: ProjectionContext, streamId: string, state: S): void;
}

/**
 * A projection that folds each aggregate with the domain's own `evolve`, keeps the state, and
 * derives query rows from it: the rules live once, in the domain, not again in SQL.
 */
export function aggregateProjection<S>(options: AggregateProjectionOptions<S>): Projection {
  const evolve = options.evolve as (state: S, event: DomainEvent) => S;
  return {
    name: options.name,
    version: options.version,
    tables: { state: 'stream_id TEXT PRIMARY KEY, state TEXT NOT NULL', ...options.tables },
    indexes: options.indexes,
    handles: (event) => event.streamId.startsWith(options.streamPrefix),
    apply(context, event: RecordedEvent) {
      const table = context.table('state');
      const row = context.db
        .prepare(`SELECT state FROM ${table} WHERE stream_id = ?`)
        .get(event.streamId) as { state: string } | undefined;
      const before = row ? (JSON.parse(row.state) as S) : options.initialState();
      const after = evolve(before, { type: event.type, data: event.data });
      context.db
        .prepare(
          `INSERT INTO ${table} (stream_id, state) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET state = excluded.state`,
        )
        .run(event.streamId, JSON.stringify(after));
      options.write(context, event.streamId, after);
    },
  };
}
