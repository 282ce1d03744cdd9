import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CommandExecutor } from '../../commands/command-executor';
import { ProviderDirectory } from '../../providers/provider-directory';
import { RecordLoader } from '../../records/record-loader';
import { NonChoiceCandidates } from './non-choice-candidates';
import { NonChoiceProcess } from './non-choice.process';

/**
 * Runs the non-choice process for every open scheme at start and then periodically, because its
 * triggers are dates (a deadline passing, a re-choice deadline coming), not only events.
 */
@Injectable()
export class NonChoiceScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('NonChoice');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly records: RecordLoader,
    private readonly process: NonChoiceProcess,
    private readonly candidates: NonChoiceCandidates,
    private readonly executor: CommandExecutor,
    private readonly directory: ProviderDirectory,
  ) {}

  start(intervalMs: number): void {
    const tick = () => void this.runAll().catch((error: Error) => this.logger.error(error.message));
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async runAll(): Promise<void> {
    // Read once for every scheme.
    const [schemes, providers, entitlements] = await Promise.all([
      this.records.allSchemes(),
      this.directory.all(),
      this.candidates.orAll(this.executor.context().today),
    ]);
    for (const scheme of schemes) {
      if (scheme.status !== 'established') continue;
      const report = await this.process.run(scheme.schemeId, undefined, {
        providers,
        entitlements,
      });
      if (report.assignments.length + report.unassigned.length > 0) {
        this.logger.log(
          `${scheme.schemeId}: ${report.assignments.length} assigned, ${report.unassigned.length} left to caseworkers`,
        );
      }
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
