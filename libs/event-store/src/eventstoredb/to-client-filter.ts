import { LogFilter } from '../port/read';
import { Filter, eventTypeFilter, excludeSystemEvents, streamNameFilter } from './client';

/** How a port filter is applied: part on the server (to a subscription), all of it here. */
export interface LogFilterPlan {
  /** What the server filters on: one criterion, since one server filter cannot express both. */
  server: Filter;
  /** The whole filter, system events excluded; the server's part is only a pre-selection. */
  accepts(event: { type: string; streamId: string }): boolean;
  /** A criterion given as an empty list: no event can pass. */
  matchesNothing: boolean;
}

/** Server-internal events: `$`-types (`$metadata`, `$>` links, ...) and `$`-streams (`$ce-...`). */
export function isSystemEvent(event: { type: string; streamId: string }): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * Event types go to the server when given (usually the more selective criterion for a projection),
 * otherwise stream prefixes, otherwise the server just leaves out system events. Types are matched
 * by an anchored regex, since the server's type "prefixes" would also pass `OrderPlacedV2` for
 * `OrderPlaced`.
 */
export function planLogFilter(filter: LogFilter | undefined): LogFilterPlan {
  const types = filter?.eventTypes ? new Set(filter.eventTypes) : undefined;
  const prefixes = filter?.streamPrefixes ? [...filter.streamPrefixes] : undefined;
  const server =
    types && types.size > 0
      ? eventTypeFilter({ regex: `^(?:${[...types].map(escapeRegex).join('|')})$` })
      : prefixes && prefixes.length > 0
        ? streamNameFilter({ prefixes })
        : excludeSystemEvents();
  return {
    server,
    accepts: (event) =>
      !isSystemEvent(event) &&
      (!types || types.has(event.type)) &&
      (!prefixes || prefixes.some((prefix) => event.streamId.startsWith(prefix))),
    matchesNothing: types?.size === 0 || prefixes?.length === 0,
  };
}

/** Escapes the characters special in both JavaScript and .NET (the server's) regexes. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}
