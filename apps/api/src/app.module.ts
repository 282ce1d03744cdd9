import { DynamicModule, Module } from '@nestjs/common';
import { EventStore, EventStoreConfig } from '@kundval/event-store';
import { ConditionsModule } from './conditions/conditions.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { ProvidersModule } from './providers/providers.module';
import { SchemesModule } from './schemes/schemes.module';
import { SeedModule } from './seed/seed.module';

@Module({})
export class AppModule {
  /** The store is opened before Nest starts so that a bad configuration fails fast and clearly. */
  static withStore(store: EventStore, config: EventStoreConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventStoreModule.forStore(store, config),
        ConditionsModule,
        SchemesModule,
        ProvidersModule,
        SeedModule,
      ],
      controllers: [HealthController],
    };
  }
}
