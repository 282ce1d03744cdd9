import { evolveProvider, initialProviderState, ProviderState } from '@kundval/domain';
import { PROVIDER_STREAM_PREFIX } from '../../records/stream-ids';
import { aggregateProjection } from '../aggregate-projection';

/** Providers and their standing per scheme: the directory behind rosters and dashboards. */
export const providersProjection = aggregateProjection<ProviderState>({
  name: 'providers',
  version: 1,
  streamPrefix: PROVIDER_STREAM_PREFIX,
  initialState: initialProviderState,
  evolve: evolveProvider,
  tables: {
    providers: 'provider_id TEXT PRIMARY KEY, name TEXT NOT NULL, ownership TEXT NOT NULL',
    authorisations: `provider_id TEXT NOT NULL, scheme_id TEXT NOT NULL, status TEXT NOT NULL,
      capacity INTEGER, leaves_on TEXT, warnings INTEGER NOT NULL, PRIMARY KEY (scheme_id, provider_id)`,
  },
  write({ db, table }, _streamId, provider) {
    if (provider.status !== 'registered') return;
    db.prepare(`INSERT OR REPLACE INTO ${table('providers')} VALUES (?, ?, ?)`).run(
      provider.providerId,
      provider.name,
      provider.ownership,
    );
    db.prepare(`DELETE FROM ${table('authorisations')} WHERE provider_id = ?`).run(
      provider.providerId,
    );
    const insert = db.prepare(`INSERT INTO ${table('authorisations')} VALUES (?, ?, ?, ?, ?, ?)`);
    for (const authorisation of Object.values(provider.schemes)) {
      const warnings = provider.warnings.filter(
        (w) => w.schemeId === authorisation.schemeId,
      ).length;
      insert.run(
        provider.providerId,
        authorisation.schemeId,
        authorisation.status,
        authorisation.capacity ?? null,
        authorisation.deauthorisation?.effectiveDate ??
          authorisation.withdrawal?.effectiveDate ??
          null,
        warnings,
      );
    }
  },
});
