import type Database from 'better-sqlite3';

/** A placement as the placements table holds it: ended by the entitlement's last day, if any. */
export interface PlacementRow {
  providerId: string;
  from: string;
  to: string | null;
  kind: string;
}

/** The statements that change a roster's counts (see the placements projection). */
export interface RosterCountStatements {
  rosterDay: Database.Statement;
  rosterOpen: Database.Statement;
  clearRosterDay: Database.Statement;
  clearRosterOpen: Database.Statement;
}

/** Those statements on the tables `table` names. */
export function rosterCountStatements(
  db: Database.Database,
  table: (name: string) => string,
): RosterCountStatements {
  return {
    rosterDay: db.prepare(`INSERT INTO ${table('roster_days')} VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (scheme_id, provider_id, day) DO UPDATE SET starts = starts + excluded.starts,
        open_starts = open_starts + excluded.open_starts, ends = ends + excluded.ends`),
    rosterOpen: db.prepare(`INSERT INTO ${table('roster_open')} VALUES (?, ?, ?)
      ON CONFLICT (scheme_id, provider_id) DO UPDATE SET open = open + excluded.open`),
    // A day (a roster) that no longer counts anything goes, so the tables are the same whether
    // built event by event or in a rebuild, which never writes what a later event undid.
    clearRosterDay: db.prepare(`DELETE FROM ${table('roster_days')}
      WHERE scheme_id = ? AND provider_id = ? AND day = ? AND starts = 0 AND ends = 0`),
    clearRosterOpen: db.prepare(`DELETE FROM ${table('roster_open')}
      WHERE scheme_id = ? AND provider_id = ? AND open = 0`),
  };
}

interface DayCounts {
  schemeId: string;
  providerId: string;
  day: string;
  starts: number;
  openStarts: number;
  ends: number;
}

interface OpenCount {
  schemeId: string;
  providerId: string;
  open: number;
}

/**
 * Changes to the rosters' day counts (`roster_days`) and open-ended counts (`roster_open`),
 * summed per row, so that a batch writes each row it changes once: a rebuild adds each of a
 * popular school's start days thousands of times. A row whose counts come to zero goes.
 */
export class RosterCounts {
  private days = new Map<string, DayCounts>();
  private open = new Map<string, OpenCount>();

  /** Adds (`sign` 1) or takes away (-1) one placement's first and last day on its roster. */
  count(schemeId: string, { providerId, from, to }: PlacementRow, sign: 1 | -1): void {
    this.day(schemeId, providerId, from).starts += sign;
    if (to === null) {
      this.day(schemeId, providerId, from).openStarts += sign;
      const key = `${schemeId}\0${providerId}`;
      let open = this.open.get(key);
      if (!open) this.open.set(key, (open = { schemeId, providerId, open: 0 }));
      open.open += sign;
    } else {
      this.day(schemeId, providerId, to).ends += sign;
    }
  }

  /** Writes the summed changes and forgets them. */
  write(statements: RosterCountStatements): void {
    for (const d of this.days.values()) {
      if (d.starts === 0 && d.openStarts === 0 && d.ends === 0) continue;
      statements.rosterDay.run(d.schemeId, d.providerId, d.day, d.starts, d.openStarts, d.ends);
      if (d.starts < 0 || d.ends < 0)
        statements.clearRosterDay.run(d.schemeId, d.providerId, d.day);
    }
    for (const o of this.open.values()) {
      if (o.open === 0) continue;
      statements.rosterOpen.run(o.schemeId, o.providerId, o.open);
      if (o.open < 0) statements.clearRosterOpen.run(o.schemeId, o.providerId);
    }
    this.days = new Map();
    this.open = new Map();
  }

  private day(schemeId: string, providerId: string, day: string): DayCounts {
    const key = `${schemeId}\0${providerId}\0${day}`;
    let counts = this.days.get(key);
    if (!counts) {
      counts = { schemeId, providerId, day, starts: 0, openStarts: 0, ends: 0 };
      this.days.set(key, counts);
    }
    return counts;
  }
}
