import 'reflect-metadata';
import { eventStoreConfigFromEnv } from '@kundval/event-store';
import { createApp } from '../../create-app';
import { nationalSeedClock, seedNational } from './national-seeder';

// `SEED_CITIZENS=10000 node dist/apps/api/src/seed/national/national-seed.cli.js`: the Nacka seed
// plus batches of its citizens up to SEED_CITIZENS (default 10,000), every ten sets of citizens
// (about 30,000) a municipality with its own copies of the seed's providers, and
// SEED_PAYMENT_MONTHS (default 12) monthly payment runs (the last months of the seeded year), for
// benchmarks and smoke tests. Deterministic; a rerun appends only what is missing.

async function main(): Promise<void> {
  const citizens = Number(process.env.SEED_CITIZENS ?? 10_000);
  const paymentMonths = Number(process.env.SEED_PAYMENT_MONTHS ?? 12);
  if (!Number.isInteger(citizens) || citizens < 1)
    throw new Error('SEED_CITIZENS: a whole number ≥ 1');
  if (!Number.isInteger(paymentMonths) || paymentMonths < 0 || paymentMonths > 12)
    throw new Error('SEED_PAYMENT_MONTHS: a whole number 0–12');
  const app = await createApp(eventStoreConfigFromEnv(), {
    logger: false,
    clock: nationalSeedClock(),
  });
  try {
    const report = await seedNational(app, {
      citizens,
      paymentMonths,
      progress: (line) => console.log(line),
    });
    console.log(JSON.stringify(report));
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  console.error(`National seed failed: ${error.message}`);
  process.exit(1);
});
