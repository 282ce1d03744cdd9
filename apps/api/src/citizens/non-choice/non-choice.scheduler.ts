import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CommandExecutor } from '../../commands/command-executor';
import { ProjectionRunner } from '../../projections/projection-runner';
import { readModelsReady } from '../../projections/read-models-ready';
import { ProviderDirectory } from '../../providers/provider-directory';
import { RecordLoader } from '../../records/record-loader';
import { NonChoiceCandidates } from './non-choice-candidates';
import { NonChoiceProcess } from './non-choice.process';

/**
 * How long a round waits for the read models to reach the log's head: nobody waits for a round,
 * and the first one after a start on new read models would otherwise find them catching up (at
 * national scale, a minute or two) and be skipped until the next interval.
 */
const ROUND_WAIT_MS = 30 * 60_000;

/**
 * Runs the non-choice process for every open scheme at start and then periodically, because its
 * triggers are dates (a deadline passing, a re-choice deadline coming), not only events.
 */
@Injectable()
export class NonChoiceScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('NonChoice');
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly records: RecordLoader,
    private readonly process: NonChoiceProcess,
    private readonly candidates: NonChoiceCandidates,
    private readonly executor: CommandExecutor,
    private readonly directory: ProviderDirectory,
    private readonly runner: ProjectionRunner,
  ) {}

  start(intervalMs: number): void {
    const tick = () => void this.runAll().catch((error: Error) => this.logger.error(error.message));
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async runAll(): Promise<void> {
    // Without read models (none running) the round folds the log, as a seed script's does.
    await readModelsReady(this.runner, ROUND_WAIT_MS, () => this.stopped);
    if (this.stopped) return;
    // Read once for every scheme. Not `all()`, which refuses while the read models lag: the
    // next round comes soon enough.
    const providers = await this.directory.unlessBehind();
    if (!providers) {
      this.logger.warn('Round skipped: the read models are behind the log');
      return;
    }
    const [schemes, entitlements] = await Promise.all([
      this.records.allSchemes(),
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
    this.stopped = true;
    clearInterval(this.timer);
  }
}
