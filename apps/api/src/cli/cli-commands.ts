import { CliCommand } from './cli-command';
import { historyCommand } from './history.command';
import { rebuildCommand } from './rebuild.command';
import { reconcileCommand } from './reconcile.command';
import { snapshotCommand } from './snapshot.command';
import { statementCommand } from './statement.command';

export const CLI_COMMANDS: readonly CliCommand[] = [
  historyCommand,
  statementCommand,
  reconcileCommand,
  rebuildCommand,
  snapshotCommand,
];
