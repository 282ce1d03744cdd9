import { eventStoreConfigFromEnv } from '@kundval/event-store';
import { authConfigFromEnv } from './auth/auth.config';
import { NonChoiceScheduler } from './citizens/non-choice/non-choice.scheduler';
import { RosterPreloader } from './citizens/roster-preloader';
import { createApp } from './create-app';
import { seedIfEmpty } from './seed/seed-if-empty';
import { serverConfigFromEnv } from './server.config';

async function main(): Promise<void> {
  const server = serverConfigFromEnv();
  const storeConfig = eventStoreConfigFromEnv();
  const auth = authConfigFromEnv();
  const app = await createApp(storeConfig, { auth });
  if (server.seedIfEmpty) await seedIfEmpty(app);
  await app.listen(server.port, server.host);
  // After listening: its first round scans the entitlements, which must not delay start-up.
  app.get(NonChoiceScheduler).start(server.nonChoiceIntervalMs);
  // Also after: the first choices at each provider then find its roster in memory.
  app.get(RosterPreloader).start();
  console.log(
    `Kundval Ledger API on http://${server.host}:${server.port} (store: ${storeConfig.kind}${auth.mode === 'development' ? ', DEVELOPMENT sign-in' : ''})`,
  );
}

main().catch((error: Error) => {
  // Configuration and store errors carry a message written for the operator; no stack needed.
  console.error(`Kundval Ledger cannot start: ${error.message}`);
  process.exit(1);
});
