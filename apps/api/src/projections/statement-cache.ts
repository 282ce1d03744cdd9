import type Database from 'better-sqlite3';
import { ProjectionContext } from './projection';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The prepared statement for `sql` on `db`, prepared once: preparing costs more than running a
 * small statement.
 */
export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

/**
 * Statements prepared once per context, i.e. per generation of a projection's tables: a runner's
 * context lives as long as its tables, and per event, even building the SQL text to look a
 * statement up costs more than running it.
 */
export function perContext<T>(
  prepare: (context: ProjectionContext) => T,
): (context: ProjectionContext) => T {
  const prepared = new WeakMap<ProjectionContext, T>();
  return (context) => {
    let statements = prepared.get(context);
    if (!statements) prepared.set(context, (statements = prepare(context)));
    return statements;
  };
}
