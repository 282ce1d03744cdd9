import type Database from 'better-sqlite3';

/** A customer on the roster on the date asked. */
export interface RosterCustomer {
  citizenId: string;
  entitlementId: string;
  from: string;
  to: string | null;
  kind: string;
}

/** A placement starting after the date asked. */
export interface RosterArrival {
  citizenId: string;
  entitlementId: string;
  from: string;
  kind: string;
}

/** A placement held on the date asked that ends on a known last day. */
export interface RosterDeparture {
  citizenId: string;
  entitlementId: string;
  lastDay: string;
}

/** The roster's figures on a date. */
export interface RosterCounts {
  /** Placements held on the date. */
  placed: number;
  /** Placements starting after the date. */
  arrivals: number;
  /** Placements held on the date that end on a known last day (the date itself included). */
  departures: number;
  /**
   * The most placements held on any one day from the date on: what the roster's capacity check
   * (`peakOccupancyFrom`) counts before it reserves an open-ended place from the date.
   */
  peak: number;
}

export interface RosterRequest {
  schemeId: string;
  providerId: string;
  date: string;
  limit: number;
  offset: number;
  arrivalsOffset: number;
  departuresOffset: number;
}

export interface RosterAnswer extends RosterCounts {
  authorisation: { status: string; capacity: number | null; leavesOn: string | null };
  customers: RosterCustomer[];
  arrivalList: RosterArrival[];
  departureList: RosterDeparture[];
}

/** The physical tables a roster is read from (one generation of each projection). */
export interface RosterTables {
  authorisations: string;
  placements: string;
  days: string;
  open: string;
}

type Row = (string | number | null)[];
type DayRow = [day: string, starts: number, openStarts: number, ends: number];

/**
 * A roster answer from the read models, for one generation of their tables. What it costs is
 * what a roster at national scale (a thousand current placements, thousands more in its history)
 * must not: it reads no placement to count.
 *
 * - The figures come from the roster's days from the date asked on (`roster_days`: per day, the
 *   placements starting and ending then, kept by the placements projection) and its count of
 *   open-ended placements (`roster_open`): a few dozen rows, not a thousand placements.
 * - The three lists are pages read in index order (the indexes carry the dates they filter on),
 *   stopping at the page's end, as arrays turned into objects here: better-sqlite3 builds an
 *   object per row at several times the cost.
 * - Every statement is prepared once. The caller runs `read` in one read transaction: each
 *   statement on its own would take and release the database's locks again.
 */
export class RosterQuery {
  private readonly statements: {
    authorisation: Database.Statement;
    open: Database.Statement;
    days: Database.Statement;
    customers: Database.Statement;
    arrivals: Database.Statement;
    departures: Database.Statement;
  };

  constructor(db: Database.Database, tables: RosterTables) {
    const { authorisations, placements, days, open } = tables;
    this.statements = {
      authorisation: db
        .prepare(
          `SELECT status, capacity, leaves_on FROM ${authorisations} WHERE scheme_id = ? AND provider_id = ?`,
        )
        .raw(),
      open: db.prepare(`SELECT open FROM ${open} WHERE scheme_id = ? AND provider_id = ?`).pluck(),
      days: db
        .prepare(
          `SELECT day, starts, open_starts, ends FROM ${days}
            WHERE scheme_id = ? AND provider_id = ? AND day >= ? ORDER BY day`,
        )
        .raw(),
      customers: db
        .prepare(
          `SELECT citizen_id, entitlement_id, from_date, to_date, kind FROM ${placements}
            WHERE scheme_id = ? AND provider_id = ? AND from_date <= ?
              AND (to_date IS NULL OR to_date >= ?)
            ORDER BY from_date, entitlement_id LIMIT ? OFFSET ?`,
        )
        .raw(),
      arrivals: db
        .prepare(
          `SELECT citizen_id, entitlement_id, from_date, kind FROM ${placements}
            WHERE scheme_id = ? AND provider_id = ? AND from_date > ?
            ORDER BY from_date, entitlement_id LIMIT ? OFFSET ?`,
        )
        .raw(),
      departures: db
        .prepare(
          `SELECT citizen_id, entitlement_id, to_date FROM ${placements}
            WHERE scheme_id = ? AND provider_id = ? AND to_date >= ? AND from_date <= ?
            ORDER BY to_date, entitlement_id LIMIT ? OFFSET ?`,
        )
        .raw(),
    };
  }

  /** The roster's answer, or undefined if the provider has no authorisation in the scheme. */
  read(request: RosterRequest): RosterAnswer | undefined {
    const { schemeId, providerId, date, limit } = request;
    const s = this.statements;
    const authorisation = s.authorisation.get(schemeId, providerId) as Row | undefined;
    if (authorisation === undefined) return undefined;
    const open = (s.open.get(schemeId, providerId) as number | undefined) ?? 0;
    const days = s.days.all(schemeId, providerId, date) as DayRow[];
    const customers = (
      s.customers.all(schemeId, providerId, date, date, limit, request.offset) as Row[]
    ).map((r) => ({
      citizenId: r[0] as string,
      entitlementId: r[1] as string,
      from: r[2] as string,
      to: r[3] as string | null,
      kind: r[4] as string,
    }));
    const arrivalList = (
      s.arrivals.all(schemeId, providerId, date, limit, request.arrivalsOffset) as Row[]
    ).map((r) => ({
      citizenId: r[0] as string,
      entitlementId: r[1] as string,
      from: r[2] as string,
      kind: r[3] as string,
    }));
    const departureList = (
      s.departures.all(schemeId, providerId, date, date, limit, request.departuresOffset) as Row[]
    ).map((r) => ({
      citizenId: r[0] as string,
      entitlementId: r[1] as string,
      lastDay: r[2] as string,
    }));
    return {
      authorisation: {
        status: authorisation[0] as string,
        capacity: authorisation[1] as number | null,
        leavesOn: authorisation[2] as string | null,
      },
      ...countsFrom(open, days, date),
      customers,
      arrivalList,
      departureList,
    };
  }
}

/**
 * A roster's figures on `date` from its open-ended placements and its days from `date` on.
 * Placed = open-ended + ending on or after `date` − starting after it (each placement held on or
 * after `date` is open-ended or ends then). The busiest day walks the days after `date` in order:
 * a day's starts count on that day, its ends from the next, so a place given back and one taken
 * on the same day never both count, as in the roster's own `peakOccupancyFrom`.
 */
export function countsFrom(open: number, days: readonly DayRow[], date: string): RosterCounts {
  let ending = 0;
  let arrivals = 0;
  let arrivalsEnding = 0;
  for (const [day, starts, openStarts, ends] of days) {
    ending += ends;
    if (day > date) {
      arrivals += starts;
      arrivalsEnding += starts - openStarts;
    }
  }
  const placed = open + ending - arrivals;
  let held = placed;
  let peak = placed;
  for (const [day, starts, , ends] of days) {
    if (day > date) {
      held += starts;
      if (held > peak) peak = held;
    }
    held -= ends;
  }
  return { placed, arrivals, departures: ending - arrivalsEnding, peak };
}
