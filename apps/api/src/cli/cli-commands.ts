import { CliCommand } from './cli-command';
import { historyCommand } from './history.command';
import { rebuildCommand } from './rebuild.command';

export const CLI_COMMANDS: readonly CliCommand[] = [historyCommand, rebuildCommand];
