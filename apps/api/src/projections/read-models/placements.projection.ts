import {
  entitlementDecider,
  EntitlementState,
  GrantedEntitlement,
  lastEntitledDay,
} from '@kundval/domain';
import { ENTITLEMENT_STREAM_PREFIX } from '../../records/stream-ids';
import { aggregateProjection } from '../aggregate-projection';
import { ProjectionContext } from '../projection';
import { perContext } from '../statement-cache';
import { PlacementRow, RosterCounts, rosterCountStatements } from './roster-counts';

const statements = perContext(({ db, table }) => ({
  // The row takes the rowid of the entitlement's state row, which never changes: a scheme's
  // states are then read in the order of its rows, not looked up by name.
  entitlement: db.prepare(
    `INSERT OR REPLACE INTO ${table('entitlements')}
       (rowid, entitlement_id, citizen_id, scheme_id, valid_from, last_day, choice_deadline, placed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  clearPlacements: db.prepare(`DELETE FROM ${table('placements')} WHERE entitlement_id = ?`),
  placement: db.prepare(`INSERT INTO ${table('placements')} VALUES (?, ?, ?, ?, ?, ?, ?)`),
  ...rosterCountStatements(db, table),
}));

/**
 * Entitlements and their placements with dates: who is (or was, or will be) with which provider
 * in which scheme. Rosters, market shares and "awaiting choice" are queries over these rows.
 *
 * Per roster (scheme and provider) it also keeps the days on which placements start and end
 * (`roster_days`: how many start that day, how many of those are open-ended, how many have it as
 * their last day) and how many placements are open-ended (`roster_open`). From these a roster's
 * counts on any date (placed, arriving, leaving) and its busiest day from that date on come from
 * the days after the date alone, not from every placement it ever had: see `RosterQuery`.
 */
export const placementsProjection = aggregateProjection<EntitlementState>({
  name: 'placements',
  // 3: an entitlement's row has the rowid of its state's row.
  version: 3,
  streamPrefix: ENTITLEMENT_STREAM_PREFIX,
  initialState: entitlementDecider.initialState,
  evolve: entitlementDecider.evolve,
  tables: {
    entitlements: `entitlement_id TEXT PRIMARY KEY, citizen_id TEXT NOT NULL, scheme_id TEXT NOT NULL,
      valid_from TEXT NOT NULL, last_day TEXT, choice_deadline TEXT, placed INTEGER NOT NULL`,
    placements: `entitlement_id TEXT NOT NULL, citizen_id TEXT NOT NULL, scheme_id TEXT NOT NULL,
      provider_id TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT, kind TEXT NOT NULL,
      PRIMARY KEY (entitlement_id, from_date)`,
    roster_days: `scheme_id TEXT NOT NULL, provider_id TEXT NOT NULL, day TEXT NOT NULL,
      starts INTEGER NOT NULL, open_starts INTEGER NOT NULL, ends INTEGER NOT NULL,
      PRIMARY KEY (scheme_id, provider_id, day)`,
    roster_open: `scheme_id TEXT NOT NULL, provider_id TEXT NOT NULL, open INTEGER NOT NULL,
      PRIMARY KEY (scheme_id, provider_id)`,
  },
  indexes: {
    // A roster's pages are read from these alone, in order, without a lookup in the table per
    // row: by first day (the customers, the arrivals) and by last day (the departures).
    placements: [
      `CREATE INDEX IF NOT EXISTS {table}_by_provider
         ON {table} (scheme_id, provider_id, from_date, entitlement_id, to_date, citizen_id, kind)`,
      `CREATE INDEX IF NOT EXISTS {table}_by_provider_end
         ON {table} (scheme_id, provider_id, to_date, entitlement_id, from_date, citizen_id)`,
    ],
    entitlements: [
      'CREATE INDEX IF NOT EXISTS {table}_by_scheme ON {table} (scheme_id, placed)',
      // Non-choice rounds look for those whose deadline to choose has passed.
      `CREATE INDEX IF NOT EXISTS {table}_awaiting_choice ON {table} (choice_deadline)
         WHERE placed = 0 AND choice_deadline IS NOT NULL`,
    ],
  },
  write(context, _streamId, entitlement, previous, stateRowid) {
    writeRows(context, stateRowid, entitlement, previous);
    // Written through, or summed over the batch until `flush`.
    if (!context.deferred) rosterCounts(context).write(statements(context));
  },
  flush(context) {
    rosterCounts(context).write(statements(context));
  },
});

const rosterCountsByContext = new WeakMap<ProjectionContext, RosterCounts>();

function rosterCounts(context: ProjectionContext): RosterCounts {
  let counts = rosterCountsByContext.get(context);
  if (!counts) rosterCountsByContext.set(context, (counts = new RosterCounts()));
  return counts;
}

/** Derives an entitlement's rows from its new state, as far as they differ from `previous`. */
function writeRows(
  context: ProjectionContext,
  stateRowid: number,
  entitlement: EntitlementState,
  previous: EntitlementState | undefined,
): void {
  if (entitlement.status === 'not_granted') return;
  const { entitlementId, citizenId, schemeId } = entitlement;
  const lastDay = lastEntitledDay(entitlement);
  const before = previous?.status === 'not_granted' ? undefined : previous;
  const placed = entitlement.placements.length > 0 ? 1 : 0;
  if (
    before === undefined ||
    before.validFrom !== entitlement.validFrom ||
    before.choiceDeadline !== entitlement.choiceDeadline ||
    lastEntitledDay(before) !== lastDay ||
    before.placements.length > 0 !== (placed === 1)
  ) {
    statements(context).entitlement.run(
      stateRowid,
      entitlementId,
      citizenId,
      schemeId,
      entitlement.validFrom,
      lastDay,
      entitlement.choiceDeadline,
      placed,
    );
  }
  // Most events (level changes, hours, supplements) leave the placements as they were.
  if (before?.placements === entitlement.placements && lastEntitledDay(before) === lastDay) return;
  const written = statements(context);
  const counts = rosterCounts(context);
  if (before !== undefined) {
    written.clearPlacements.run(entitlementId);
    // The rows just cleared were derived from `before`: their days no longer count.
    for (const row of rowsOf(before)) counts.count(schemeId, row, -1);
  }
  for (const row of rowsOf(entitlement)) {
    written.placement.run(
      entitlementId,
      citizenId,
      schemeId,
      row.providerId,
      row.from,
      row.to,
      row.kind,
    );
    counts.count(schemeId, row, 1);
  }
}

/** The placements table's rows for an entitlement: each placement ends by its last day. */
function rowsOf(entitlement: GrantedEntitlement): PlacementRow[] {
  const lastDay = lastEntitledDay(entitlement);
  return entitlement.placements.map(({ providerId, from, to, kind }) => ({
    providerId,
    from,
    to: lastDay !== null && (to === null || to > lastDay) ? lastDay : to,
    kind,
  }));
}
