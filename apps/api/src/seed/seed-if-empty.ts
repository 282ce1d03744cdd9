import { INestApplicationContext, Logger } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { NackaSeeder } from './nacka-seeder';
import { SeedReport } from './seed-report';

/**
 * Seeds the Nacka municipality when the store is empty (head position 0), so a fresh start has
 * data to show; returns null and touches nothing when the store already has events.
 */
export async function seedIfEmpty(app: INestApplicationContext): Promise<SeedReport | null> {
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  if ((await store.headPosition()) > 0) return null;
  const report = await app.get(NackaSeeder).seed();
  new Logger('Seed').log(
    `The store was empty: seeded Nacka with ${report.schemes.length} schemes, ` +
      `${report.providers} providers and ${report.citizens.citizens} citizens with ` +
      `${report.citizens.entitlements} entitlements (${report.eventsAppended} events in ` +
      `${report.durationMs} ms)`,
  );
  return report;
}
