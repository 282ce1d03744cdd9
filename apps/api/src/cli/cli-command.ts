import { INestApplication } from '@nestjs/common';

/** One `kundval` subcommand: returns the process exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(app: INestApplication, args: string[]): Promise<number>;
}
