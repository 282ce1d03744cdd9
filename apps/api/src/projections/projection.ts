import type Database from 'better-sqlite3';
import { RecordedEvent } from '@kundval/event-store';

/** Where a projection writes: its tables under their current physical names. */
export interface ProjectionContext {
  db: Database.Database;
  /** The physical name of one of the projection's tables in the generation being written. */
  table(name: string): string;
  /**
   * Set by the runner, which then calls `flush` before every commit that moves the checkpoint and
   * passes this same object for as long as it alone writes these tables: `apply` may keep what it
   * folded in memory (keyed by this object) and write it out in `flush`. Unset, `apply` writes
   * through.
   */
  readonly deferred?: boolean;
}

/**
 * A read model built from the log. `apply` runs inside the runner's transaction together with
 * the checkpoint, so it must only write through `context` (no I/O of its own) and be
 * deterministic: a rebuild from position zero must produce the same tables.
 */
export interface Projection {
  readonly name: string;
  /** Bump when `apply` or the tables change: the runner rebuilds from zero at start. */
  readonly version: number;
  /** Whether it reads this event; the others only move its checkpoint. */
  handles(event: RecordedEvent): boolean;
  /**
   * Stream prefixes that cover every event `handles` accepts, if there are such: readers of the
   * log may then skip the other streams (the checkpoint still moves past them).
   */
  readonly streamPrefixes?: readonly string[];
  /** Logical table names with their column definitions. */
  readonly tables: Readonly<Record<string, string>>;
  /** Extra DDL (indexes) per table, with `{table}` standing for its physical name. */
  readonly indexes?: Readonly<Record<string, readonly string[]>>;
  apply(context: ProjectionContext, event: RecordedEvent): void;
  /** Writes what `apply` deferred in a `deferred` context; runs in a transaction of the runner. */
  flush?(context: ProjectionContext): void;
}

/** Injection token for the list of projections the runner keeps up to date. */
export const PROJECTIONS = Symbol('PROJECTIONS');
