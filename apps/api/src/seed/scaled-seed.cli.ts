import 'reflect-metadata';
import { eventStoreConfigFromEnv } from '@kundval/event-store';
import { createApp } from '../create-app';
import { seedScaled } from './scaled-citizen-seed';

// `SEED_CITIZENS=10000 node dist/apps/api/src/seed/scaled-seed.cli.js`: the Nacka seed plus
// scaled batches of its citizens up to SEED_CITIZENS (default 10,000), for benchmarks and fault
// tests. Deterministic and safe to rerun, like the seed.

async function main(): Promise<void> {
  const citizens = Number(process.env.SEED_CITIZENS ?? 10_000);
  const app = await createApp(eventStoreConfigFromEnv(), { logger: false });
  try {
    const report = await seedScaled(app, citizens, (line) => console.log(line));
    console.log(JSON.stringify(report));
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  console.error(`Scaled seed failed: ${error.message}`);
  process.exit(1);
});
