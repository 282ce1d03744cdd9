import { INestApplication } from '@nestjs/common';
import { eventStoreConfigFromEnv } from '@kundval/event-store';
import { createApp } from '../create-app';
import { CLI_COMMANDS } from './cli-commands';

// `npm run kundval -- <command> [arguments]`: the finance and audit tasks from a terminal, on the
// store and data directory the API uses (EVENT_STORE, DATA_DIR, EVENTSTORE_CONNECTION_STRING).

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = CLI_COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(usage(name));
    return 2;
  }
  const app: INestApplication = await createApp(eventStoreConfigFromEnv(), { logger: false });
  try {
    await app.init();
    return await command.run(app, args);
  } finally {
    await app.close();
  }
}

function usage(name: string | undefined): string {
  const lines = CLI_COMMANDS.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`);
  const problem = name ? `Unknown command "${name}".\n\n` : '';
  return `${problem}Usage: npm run kundval -- <command>\n\n${lines.join('\n')}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error & { problem?: { detail?: string; code?: string } }) => {
    // Domain and problem errors carry a message meant for people; no stack.
    const message = error.problem
      ? `${error.problem.code}: ${error.problem.detail}`
      : error.message;
    console.error(`kundval: ${message}`);
    process.exit(1);
  },
);
