/** The store's configuration (environment) is invalid; raised at start-up. */
export class EventStoreConfigurationError extends Error {
  readonly code = 'EVENT_STORE_CONFIGURATION';

  constructor(message: string) {
    super(message);
    this.name = 'EventStoreConfigurationError';
  }
}
