import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  EventStore,
  EventStoreConfig,
  eventStoreConfigFromEnv,
  openEventStore,
} from '@kundval/event-store';
import { EventStoreModule } from '../event-store/event-store.module';
import { NackaSeeder } from './nacka-seeder';
import { SeedModule } from './seed.module';
import { formatSeedReport } from './seed-report';

// `node dist/apps/api/src/seed/seed.cli.js`: seeds the configured store (EVENT_STORE, DATA_DIR,
// EVENTSTORE_CONNECTION_STRING, as the API reads them) without starting the HTTP server. Safe to
// rerun: steps already in the store are skipped.

@Module({})
class SeedCliModule {
  static withStore(store: EventStore, config: EventStoreConfig): DynamicModule {
    return {
      module: SeedCliModule,
      imports: [EventStoreModule.forStore(store, config), SeedModule],
    };
  }
}

async function main(): Promise<void> {
  const config = eventStoreConfigFromEnv();
  const store = await openEventStore(config);
  const app = await NestFactory.createApplicationContext(SeedCliModule.withStore(store, config), {
    logger: ['warn', 'error'],
  });
  try {
    const where = config.kind === 'embedded' ? config.dataDir : 'EventStoreDB';
    console.log(`Seeding Nacka kundval into the ${config.kind} store (${where})…`);
    console.log(formatSeedReport(await app.get(NackaSeeder).seed()));
  } finally {
    // Closes the store too (EventStoreModule), after pending appends are written.
    await app.close();
  }
}

main().catch((error: Error) => {
  console.error(`Seed failed: ${error.message}`);
  process.exit(1);
});
