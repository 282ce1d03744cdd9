import { LogFilter } from '../port/read';

/** SQL for a forward read of the global log after a position, narrowed by a filter. */
export function logQuery(filter: LogFilter | undefined): { sql: string; params: unknown[] } {
  const where = ['position > ?'];
  const params: unknown[] = [];
  if (filter?.eventTypes) {
    where.push(`type IN (${filter.eventTypes.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...filter.eventTypes);
  }
  if (filter?.streamPrefixes) {
    // substr compares exactly (LIKE would be case-insensitive and treat % and _ as wildcards).
    const prefixes = filter.streamPrefixes.map(() => 'substr(stream_id, 1, ?) = ?');
    where.push(`(${prefixes.join(' OR ') || 'FALSE'})`);
    for (const prefix of filter.streamPrefixes) params.push(prefix.length, prefix);
  }
  return {
    sql: `SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
    params,
  };
}
