import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { ProviderState } from '@kundval/domain';
import { ProjectionRunner } from '../projections/projection-runner';
import { READ_MODEL_DB } from '../projections/read-model.tokens';
import { readModelsBehind } from '../projections/read-models-behind';
import { statement } from '../projections/statement-cache';
import { RecordLoader } from '../records/record-loader';

/** How long a caller waits for the read models to reach the log's head. */
const CATCH_UP_MS = 10_000;

/**
 * Every provider's state, as `RecordLoader.allProviders` folds it from the log, but read from the
 * providers read model (the states it keeps with the domain's own `evolve`, in the order the
 * streams began) once that has applied the log up to the head as it was when asked. Folding the
 * `provider-` streams means scanning the log: at national scale (7,616 providers, 37,000 events
 * spread over a 6.6 GB log) that took ten seconds, blocking the API for up to three at a time, at
 * every start (the first non-choice round) and every payment run. So it folds the log only where
 * no read models run (an application context never initialised, as a seed script uses); while
 * they lag behind, requests are answered 503 and background work does without.
 */
@Injectable()
export class ProviderDirectory {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly records: RecordLoader,
  ) {}

  /** For a request: 503 `READ_MODELS_BEHIND` while the read models lag. */
  async all(): Promise<ProviderState[]> {
    const providers = await this.unlessBehind();
    if (!providers) throw readModelsBehind();
    return providers;
  }

  /**
   * For background work: the read model, or the log when no read models run in this process (a
   * script's); undefined while they lag, never a fold of the log then.
   */
  async unlessBehind(): Promise<ProviderState[] | undefined> {
    if (!this.runner.following) return this.records.allProviders();
    return this.fromReadModel(CATCH_UP_MS);
  }

  /**
   * Every provider from the read model once it has reached the head (waiting up to `maxWaitMs`);
   * undefined if it has not.
   */
  async fromReadModel(maxWaitMs: number): Promise<ProviderState[] | undefined> {
    if (!(await this.runner.caughtUp(maxWaitMs))) return undefined;
    const states = statement(
      this.db,
      `SELECT state FROM ${this.runner.table('providers', 'state')} ORDER BY rowid`,
    )
      .pluck()
      .all() as string[];
    return states.map((state) => JSON.parse(state) as ProviderState);
  }
}
