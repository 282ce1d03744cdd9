import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EntitlementState } from '@kundval/domain';
import { ProjectionRunner } from '../../projections/projection-runner';
import { READ_MODEL_DB } from '../../projections/read-model.tokens';
import { readModelsBehind } from '../../projections/read-models-behind';
import { statement } from '../../projections/statement-cache';
import { RecordLoader } from '../../records/record-loader';

/** How long a round waits for the read models to reach the log's head before it scans the log. */
const CATCH_UP_MS = 10_000;

/**
 * The entitlements a non-choice round may have to act on, found in the read models rather than
 * by folding every entitlement in the log (at national scale a scan of millions of events that
 * would stall the API every round): those without a placement whose choice deadline has come,
 * and those placed with a provider that leaves its scheme. It is a superset; the domain's plan
 * decides, on states folded from their streams. Returns null when the read models lag behind
 * or do not run in this process.
 */
@Injectable()
export class NonChoiceCandidates {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly records: RecordLoader,
  ) {}

  /**
   * The candidates; every entitlement folded from the log where no read models run (a script's
   * application context). Where they run but have not reached the head within 10 s, a 503:
   * folding the log instead holds every entitlement in memory at once, which at national scale
   * is more than the API's heap (a start on new or rebuilt read models ended that way).
   */
  async orAll(today: string): Promise<EntitlementState[]> {
    if (!this.runner.following) return this.records.allEntitlements();
    const candidates = await this.load(today);
    if (!candidates) throw readModelsBehind();
    return candidates;
  }

  async load(today: string): Promise<EntitlementState[] | null> {
    // Anything appended before the round must be in the candidates.
    if (!(await this.runner.caughtUp(CATCH_UP_MS))) return null;
    const entitlements = this.runner.table('placements', 'entitlements');
    const placements = this.runner.table('placements', 'placements');
    const authorisations = this.runner.table('providers', 'authorisations');
    const rows = statement(
      this.db,
      `SELECT citizen_id AS citizenId, entitlement_id AS entitlementId FROM ${entitlements}
        WHERE placed = 0 AND choice_deadline IS NOT NULL AND choice_deadline <= ?
       UNION
       SELECT p.citizen_id, p.entitlement_id FROM ${placements} p
         JOIN ${authorisations} a ON a.scheme_id = p.scheme_id AND a.provider_id = p.provider_id
        WHERE a.leaves_on IS NOT NULL`,
    ).all(today) as { citizenId: string; entitlementId: string }[];
    return Promise.all(rows.map((r) => this.records.entitlement(r.citizenId, r.entitlementId)));
  }
}
