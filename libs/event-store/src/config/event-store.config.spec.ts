import { EventStoreConfigurationError } from '../errors/event-store-configuration.error';
import { eventStoreConfigFromEnv } from './event-store.config';

describe('event store configuration', () => {
  it('defaults to the embedded store under ./data', () => {
    expect(eventStoreConfigFromEnv({})).toEqual({ kind: 'embedded', dataDir: './data' });
  });

  it('takes the data directory from DATA_DIR', () => {
    expect(eventStoreConfigFromEnv({ DATA_DIR: '/var/lib/kundval' })).toEqual({
      kind: 'embedded',
      dataDir: '/var/lib/kundval',
    });
  });

  it('refuses an unknown store kind, naming the accepted ones', () => {
    expect(() => eventStoreConfigFromEnv({ EVENT_STORE: 'postgres' })).toThrow(
      new EventStoreConfigurationError(
        'EVENT_STORE must be one of embedded, eventstoredb; got "postgres"',
      ),
    );
  });

  it('needs a connection string for EventStoreDB', () => {
    expect(() => eventStoreConfigFromEnv({ EVENT_STORE: 'eventstoredb' })).toThrow(
      /needs EVENTSTORE_CONNECTION_STRING/,
    );
    expect(() =>
      eventStoreConfigFromEnv({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'http://x',
      }),
    ).toThrow(/got "http:\/\/x"/);
    expect(
      eventStoreConfigFromEnv({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      }),
    ).toEqual({ kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' });
  });
});
