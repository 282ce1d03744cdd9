import { entitlementDecider, EntitlementState, GrantedEntitlement } from '@kundval/domain';
import { ENTITLEMENT_STREAM_PREFIX } from '../../records/stream-ids';
import { aggregateProjection } from '../aggregate-projection';
import { perContext } from '../statement-cache';

const statements = perContext(({ db, table }) => ({
  entitlement: db.prepare(
    `INSERT OR REPLACE INTO ${table('entitlements')} VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
  clearPlacements: db.prepare(`DELETE FROM ${table('placements')} WHERE entitlement_id = ?`),
  placement: db.prepare(`INSERT INTO ${table('placements')} VALUES (?, ?, ?, ?, ?, ?, ?)`),
}));

/**
 * Entitlements and their placements with dates: who is (or was, or will be) with which provider
 * in which scheme. Rosters, market shares and "awaiting choice" are queries over these rows.
 */
export const placementsProjection = aggregateProjection<EntitlementState>({
  name: 'placements',
  version: 1,
  streamPrefix: ENTITLEMENT_STREAM_PREFIX,
  initialState: entitlementDecider.initialState,
  evolve: entitlementDecider.evolve,
  tables: {
    entitlements: `entitlement_id TEXT PRIMARY KEY, citizen_id TEXT NOT NULL, scheme_id TEXT NOT NULL,
      valid_from TEXT NOT NULL, last_day TEXT, choice_deadline TEXT, placed INTEGER NOT NULL`,
    placements: `entitlement_id TEXT NOT NULL, citizen_id TEXT NOT NULL, scheme_id TEXT NOT NULL,
      provider_id TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT, kind TEXT NOT NULL,
      PRIMARY KEY (entitlement_id, from_date)`,
  },
  indexes: {
    placements: [
      'CREATE INDEX IF NOT EXISTS {table}_by_provider ON {table} (scheme_id, provider_id, from_date)',
    ],
    entitlements: ['CREATE INDEX IF NOT EXISTS {table}_by_scheme ON {table} (scheme_id, placed)'],
  },
  write(context, _streamId, entitlement, previous) {
    if (entitlement.status === 'not_granted') return;
    const { entitlementId, citizenId, schemeId } = entitlement;
    const lastDay = lastDayOf(entitlement);
    const before = previous?.status === 'not_granted' ? undefined : previous;
    const placed = entitlement.placements.length > 0 ? 1 : 0;
    if (
      before === undefined ||
      before.validFrom !== entitlement.validFrom ||
      before.choiceDeadline !== entitlement.choiceDeadline ||
      lastDayOf(before) !== lastDay ||
      before.placements.length > 0 !== (placed === 1)
    ) {
      statements(context).entitlement.run(
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
    if (before?.placements === entitlement.placements && lastDayOf(before) === lastDay) return;
    const { clearPlacements, placement: insert } = statements(context);
    if (before !== undefined) clearPlacements.run(entitlementId);
    for (const placement of entitlement.placements) {
      const to =
        lastDay !== null && (placement.to === null || placement.to > lastDay)
          ? lastDay
          : placement.to;
      insert.run(
        entitlementId,
        citizenId,
        schemeId,
        placement.providerId,
        placement.from,
        to,
        placement.kind,
      );
    }
  },
});

/** The last day entitled: the earlier of the granted end and an early end, if any. */
function lastDayOf(entitlement: GrantedEntitlement): string | null {
  const { validTo, endDate } = entitlement;
  if (validTo === null) return endDate;
  if (endDate === null) return validTo;
  return endDate < validTo ? endDate : validTo;
}
