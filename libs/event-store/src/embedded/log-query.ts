import { LogFilter } from '../port/read';

/**
 * SQL for a forward read of the global log after a position, narrowed by a filter. A prefix is
 * read as a range of the stream index, which suits a narrow prefix (one citizen's streams); with
 * `inLogOrder` it is tested row by row while the log is read in position order, which suits a
 * prefix that covers much of the log (`entitlement-`): read through the index, every page of it
 * would visit and sort the whole range again.
 */
export function logQuery(
  filter: LogFilter | undefined,
  inLogOrder = false,
): { sql: string; params: unknown[] } {
  const where = ['position > ?'];
  const params: unknown[] = [];
  if (filter?.eventTypes) {
    where.push(`type IN (${filter.eventTypes.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...filter.eventTypes);
  }
  if (filter?.streamPrefixes) {
    // A prefix is a range of the stream index ([prefix, successor)), so SQLite can seek instead of
    // scanning the log; text compares as UTF-8 bytes, which orders like code points.
    const clauses = filter.streamPrefixes.map((prefix) => {
      const upper = inLogOrder ? undefined : successor(prefix);
      if (upper === undefined) {
        params.push(prefix.length, prefix);
        return 'substr(stream_id, 1, ?) = ?';
      }
      params.push(prefix, upper);
      return '(stream_id >= ? AND stream_id < ?)';
    });
    where.push(`(${clauses.join(' OR ') || 'FALSE'})`);
  }
  return {
    sql: `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
    params,
  };
}

/** SQL counting the events in a prefix's range of the stream index, up to a limit. */
export const PREFIX_SIZE_SQL =
  'SELECT count(*) AS n FROM (SELECT 1 FROM events WHERE stream_id >= ? AND stream_id < ? LIMIT ?)';

/** The smallest string above every string that starts with `prefix`, if simply computed. */
export function successor(prefix: string): string | undefined {
  if (prefix.length === 0) return undefined;
  const last = prefix.charCodeAt(prefix.length - 1);
  // Surrogates and the top of the BMP would need code-point arithmetic; they fall back to substr.
  if (last >= 0xd800) return undefined;
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
