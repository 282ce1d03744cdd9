import { EventStoreConfigurationError } from '../errors/event-store-configuration.error';
import { EventStoreKind } from '../port/event-store.port';

export type EventStoreConfig =
  { kind: 'embedded'; dataDir: string } | { kind: 'eventstoredb'; connectionString: string };

const KINDS: readonly EventStoreKind[] = ['embedded', 'eventstoredb'];

/**
 * Reads the store configuration from environment variables:
 * `EVENT_STORE` (embedded | eventstoredb, default embedded), `DATA_DIR` (default ./data) and
 * `EVENTSTORE_CONNECTION_STRING` (required for eventstoredb).
 * @throws EventStoreConfigurationError naming the variable and the accepted values.
 */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  const kind = (env.EVENT_STORE ?? 'embedded').trim();
  if (!KINDS.includes(kind as EventStoreKind)) {
    throw new EventStoreConfigurationError(
      `EVENT_STORE must be one of ${KINDS.join(', ')}; got "${kind}"`,
    );
  }
  if (kind === 'embedded') {
    const dataDir = (env.DATA_DIR ?? './data').trim();
    if (dataDir === '') throw new EventStoreConfigurationError('DATA_DIR must not be empty');
    return { kind, dataDir };
  }
  const connectionString = env.EVENTSTORE_CONNECTION_STRING?.trim() ?? '';
  if (
    !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(
      connectionString,
    )
  ) {
    throw new EventStoreConfigurationError(
      'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, e.g. esdb://localhost:2113?tls=false; ' +
        `got "${connectionString}"`,
    );
  }
  return { kind: 'eventstoredb', connectionString };
}
