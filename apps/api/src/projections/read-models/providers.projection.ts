import { evolveProvider, initialProviderState, ProviderState } from '@kundval/domain';
import { PROVIDER_STREAM_PREFIX } from '../../records/stream-ids';
import { aggregateProjection } from '../aggregate-projection';
import { perContext } from '../statement-cache';

const statements = perContext(({ db, table }) => ({
  provider: db.prepare(`INSERT OR REPLACE INTO ${table('providers')} VALUES (?, ?, ?)`),
  clearAuthorisations: db.prepare(`DELETE FROM ${table('authorisations')} WHERE provider_id = ?`),
  authorisation: db.prepare(`INSERT INTO ${table('authorisations')} VALUES (?, ?, ?, ?, ?, ?)`),
}));

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
  write(context, _streamId, provider, previous) {
    if (provider.status !== 'registered') return;
    const { provider: upsert, clearAuthorisations, authorisation: insert } = statements(context);
    upsert.run(provider.providerId, provider.name, provider.ownership);
    if (previous !== undefined) clearAuthorisations.run(provider.providerId);
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
