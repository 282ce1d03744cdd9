import { entitlementDecider, EntitlementState } from '@kundval/domain';
import { ENTITLEMENT_STREAM_PREFIX } from '../../records/stream-ids';
import { aggregateProjection } from '../aggregate-projection';

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
  write({ db, table }, _streamId, entitlement) {
    if (entitlement.status === 'not_granted') return;
    const { entitlementId, citizenId, schemeId } = entitlement;
    const lastDay =
      [entitlement.validTo, entitlement.endDate].filter((d): d is string => d !== null).sort()[0] ??
      null;
    db.prepare(`INSERT OR REPLACE INTO ${table('entitlements')} VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      entitlementId,
      citizenId,
      schemeId,
      entitlement.validFrom,
      lastDay,
      entitlement.choiceDeadline,
      entitlement.placements.length > 0 ? 1 : 0,
    );
    db.prepare(`DELETE FROM ${table('placements')} WHERE entitlement_id = ?`).run(entitlementId);
    const insert = db.prepare(`INSERT INTO ${table('placements')} VALUES (?, ?, ?, ?, ?, ?, ?)`);
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
