import { DynamicModule, Module } from '@nestjs/common';
import { EventStore, EventStoreConfig } from '@kundval/event-store';
import { AccessLogModule } from './access-log/access-log.module';
import { AuthConfig } from './auth/auth.config';
import { AuthModule } from './auth/auth.module';
import { CitizensModule } from './citizens/citizens.module';
import { StreamSnapshotsModule } from './commands/stream-snapshots.module';
import { IdentitySecrets } from './citizens/identity/identity-registry';
import { IdentityModule } from './citizens/identity/identity.module';
import { ConditionsModule } from './conditions/conditions.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { PayoutsModule } from './payouts/payouts.module';
import { ProjectionsModule } from './projections/projections.module';
import { ProvidersModule } from './providers/providers.module';
import { QueriesModule } from './queries/queries.module';
import { SchemesModule } from './schemes/schemes.module';
import { SchoolChoiceModule } from './school-choice/school-choice.module';
import { SeedModule } from './seed/seed.module';
import { Clock } from './shared/clock';
import { ClockModule } from './shared/clock.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  /** The store is opened before Nest starts so that a bad configuration fails fast and clearly. */
  static withStore(
    store: EventStore,
    config: EventStoreConfig,
    identity: { dataDir: string; secrets: IdentitySecrets },
    clock: Clock,
    auth: AuthConfig,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EventStoreModule.forStore(store, config),
        AuthModule.with(auth),
        IdentityModule.open(identity.dataDir, identity.secrets),
        ClockModule.with(clock),
        ProjectionsModule.open(identity.dataDir),
        AccessLogModule.open(identity.dataDir),
        StreamSnapshotsModule.open(identity.dataDir),
        ConditionsModule,
        SchemesModule,
        ProvidersModule,
        CitizensModule,
        SchoolChoiceModule,
        QueriesModule,
        PayoutsModule,
        SeedModule,
        WebModule,
      ],
      controllers: [HealthController],
    };
  }
}
