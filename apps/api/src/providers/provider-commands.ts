import { Injectable } from '@nestjs/common';
import {
  applicableConditions,
  AuthorisationCondition,
  providerDecider,
  ProviderCommand,
  SchemeState,
} from '@kundval/domain';
import { CommandExecutor, CommandResult } from '../commands/command-executor';
import { CommandMetadata } from '../commands/command-metadata';
import { RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';

/** Runs provider commands, loading what decide needs to know about the scheme. */
@Injectable()
export class ProviderCommands {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
  ) {}

  /** `created` names the ids of records the command creates, so the caller can address them. */
  async run(
    providerId: string,
    command: ProviderCommand,
    meta: CommandMetadata,
    request: unknown,
    options: { reason?: string; created?: Record<string, string> } = {},
  ): Promise<CommandResult & Record<string, unknown>> {
    const result = await this.executor.execute(
      providerDecider,
      streamIds.provider(providerId),
      command,
      meta,
      {
        request,
        reason: options.reason,
      },
    );
    return { ...result, ...options.created };
  }

  scheme(schemeId: string): Promise<SchemeState> {
    return this.records.scheme(schemeId);
  }

  /** The general conditions plus the scheme's specific ones. */
  async conditions(schemeId: string): Promise<readonly AuthorisationCondition[]> {
    const [catalogue, scheme] = await Promise.all([
      this.records.conditionCatalogue(),
      this.records.scheme(schemeId),
    ]);
    return applicableConditions(catalogue, scheme);
  }
}
