import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { RecordLoader } from '../../records/record-loader';
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
  ) {}

  start(intervalMs: number): void {
    const tick = () => void this.runAll().catch((error: Error) => this.logger.error(error.message));
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async runAll(): Promise<void> {
    // One read of the providers and entitlements for every scheme: each is a scan of the log.
    const [schemes, providers, entitlements] = await Promise.all([
      this.records.allSchemes(),
      this.records.allProviders(),
      this.records.allEntitlements(),
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
