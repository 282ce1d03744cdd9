import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { getHeapStatistics } from 'node:v8';
import { providerDecider, rosterDecider } from '@kundval/domain';
import { CommandExecutor } from '../commands/command-executor';
import { ProjectionRunner } from '../projections/projection-runner';
import { readModelsReady } from '../projections/read-models-ready';
import { ProviderDirectory } from '../providers/provider-directory';
import { streamIds } from '../records/stream-ids';

/** How long to wait for the read models, which list the providers, before giving up. */
const READ_MODELS_WAIT_MS = 10 * 60_000;
/** Work done between two turns of the event loop, so requests are served meanwhile. */
const SLICE_MS = 10;
/** Room left in the cache for the streams that commands read. */
const CACHE_RESERVE_EVENTS = 500_000;
/**
 * How much the heap may grow while preloading, leaving a payment run in the same process the
 * heap it needs (about 1 GB of its 2 GB). Every roster of a million citizens takes about 280 MB,
 * of two million about 420 MB; the rosters left are read when first chosen.
 */
const HEAP_GROWTH_BYTES = 384 * 1024 * 1024;

export interface PreloadReport {
  providers: number;
  rosters: number;
  ms: number;
  /** Why it stopped before the last roster, if it did. */
  stoppedBy?: 'shutdown' | 'cache' | 'heap' | 'read models behind';
}

/**
 * Reads every provider and every roster of the schemes it is authorised in into the command
 * executor's cache, in the background after start. A choice reserves a place on its provider's
 * roster, whose state a process that has not read it yet must load first: at national scale a
 * snapshot of up to 150 KB, or up to 50 events spread over a log of several GB, which made a
 * choice at a provider not chosen since the start cost two to four times one at a provider
 * already read. A running API gathers them as choices come; this brings a restarted one there
 * within seconds, not after a day of choices. Best effort: it stops at shutdown, when the cache
 * is nearly full, when the heap has grown by {@link HEAP_GROWTH_BYTES} (at two million citizens,
 * after 14,802 of 15,232 rosters), or when no read models run, or keep up, to list the providers.
 */
@Injectable()
export class RosterPreloader implements OnApplicationShutdown {
  private readonly logger = new Logger('RosterPreloader');
  private stopped = false;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly directory: ProviderDirectory,
    private readonly runner: ProjectionRunner,
  ) {}

  start(): void {
    void this.run().then(
      (report) =>
        report &&
        this.logger.log(
          `${report.providers} providers and ${report.rosters} rosters read in ${(report.ms / 1000).toFixed(1)} s` +
            (report.stoppedBy ? ` (stopped: ${report.stoppedBy})` : ''),
        ),
      (error: Error) => this.logger.warn(`Preloading stopped: ${error.message}`),
    );
  }

  /** Reads them (see above); undefined when there was nothing to list them from. */
  async run(): Promise<PreloadReport | undefined> {
    if (!(await readModelsReady(this.runner, READ_MODELS_WAIT_MS, () => this.stopped))) return;
    const started = performance.now();
    const report: PreloadReport = { providers: 0, rosters: 0, ms: 0 };
    // Not `all()`, which refuses while the read models lag: this work only saves time, and
    // stops instead.
    const providers = await this.directory.unlessBehind();
    if (!providers) {
      report.stoppedBy = 'read models behind';
      return finish();
    }
    const heapAtStart = getHeapStatistics().used_heap_size;
    let slice = performance.now();
    // Each read, then a turn of the event loop whenever a slice of work is used up.
    const read = async (work: () => Promise<unknown>): Promise<boolean> => {
      report.stoppedBy = this.stopped
        ? 'shutdown'
        : this.executor.cacheRoom < CACHE_RESERVE_EVENTS
          ? 'cache'
          : getHeapStatistics().used_heap_size - heapAtStart > HEAP_GROWTH_BYTES
            ? 'heap'
            : undefined;
      if (report.stoppedBy) return false;
      await work();
      if (performance.now() - slice > SLICE_MS) {
        await nextTurn();
        slice = performance.now();
      }
      return true;
    };
    for (const provider of providers) {
      if (provider.status !== 'registered') continue;
      const { providerId } = provider;
      if (!(await read(() => this.executor.state(providerDecider, streamIds.provider(providerId)))))
        return finish();
      report.providers++;
      for (const schemeId of Object.keys(provider.schemes)) {
        const roster = streamIds.roster(schemeId, providerId);
        if (!(await read(() => this.executor.state(rosterDecider, roster)))) return finish();
        report.rosters++;
      }
    }
    return finish();

    function finish(): PreloadReport {
      report.ms = performance.now() - started;
      return report;
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }
}
