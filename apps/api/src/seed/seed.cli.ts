import 'reflect-metadata';
import { eventStoreConfigFromEnv } from '@kundval/event-store';
import { createApp } from '../create-app';
import { NackaSeeder } from './nacka-seeder';
import { formatSeedReport } from './seed-report';

// `node dist/apps/api/src/seed/seed.cli.js`: seeds the configured store (EVENT_STORE, DATA_DIR,
// EVENTSTORE_CONNECTION_STRING, IDENTITY_LOOKUP_KEY, as the API reads them) without starting the
// HTTP server. The application is built as the API builds it, so the seeded citizens land in the
// identity registry the API reads. Safe to rerun: steps already in the store are skipped.

async function main(): Promise<void> {
  const config = eventStoreConfigFromEnv();
  const app = await createApp(config, { logger: false });
  try {
    // Not initialised: the seed needs no HTTP server nor projections (the API catches up on start).
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
