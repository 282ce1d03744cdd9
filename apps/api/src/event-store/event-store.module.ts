import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, EventStoreConfig } from '@kundval/event-store';

export const EVENT_STORE_CONFIG = Symbol('EVENT_STORE_CONFIG');

/** Provides the opened event store to the whole app and closes it on shutdown. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forStore(store: EventStore, config: EventStoreConfig) {
    return {
      module: EventStoreModule,
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: EVENT_STORE_CONFIG, useValue: config },
      ],
      exports: [EVENT_STORE, EVENT_STORE_CONFIG],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
