import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import { CalendarDate, EntitlementState, isEntitledWithin } from '@kundval/domain';
import { ProjectionRunner } from '../projections/projection-runner';
import { readModelsBehind } from '../projections/read-models-behind';
import { READ_MODEL_DB } from '../projections/read-model.tokens';
import { RecordLoader } from './record-loader';
import { ENTITLEMENT_STREAM_PREFIX } from './stream-ids';
import { nextTurn } from '../shared/next-turn';

/** Which of a scheme's granted entitlements to read. */
export type SchemeEntitlements = Readonly<{
  /** Only those entitled on one of these days (a run needs none that ended before its months). */
  entitledWithin?: Readonly<{ from: CalendarDate; to: CalendarDate }>;
  /** Also those never placed (by default, only those that have had a placement). */
  neverPlacedToo?: boolean;
}>;

/** The entitlements of every scheme as of one moment, read a page at a time. */
export interface EntitlementSnapshot {
  /** The scheme's granted entitlements, in pages. */
  ofScheme(schemeId: string, which?: SchemeEntitlements): AsyncIterable<EntitlementState[]>;
  close(): void;
}

/** Rows per page: the event loop serves other requests between pages. */
const PAGE = 2000;
/** How long a run waits for the read models to apply what was appended before it started. */
const CATCH_UP_MS = 120_000;

/**
 * Where payouts and admissions read entitlements from. A run needs every entitlement of its scheme
 * as folded state. Folding them from the log means reading every event of every entitlement
 * (several per citizen, metadata included) and holding them grouped by stream until the log is
 * read: at a million citizens that is minutes and gigabytes. The `placements` read model already
 * keeps each entitlement's folded state (with the domain's own `evolve`) next to its scheme, so a
 * run reads one row per entitlement of its scheme. It first waits until the read models have
 * applied the log up to the head as it was when the run started, so a run sees every event appended
 * before it, and reads through a connection of its own inside one read transaction: one consistent
 * snapshot for every scheme of a request, while the projections go on writing.
 *
 * Without the read models running (an application context that was never initialised, as a seed
 * script uses), it folds the log once per snapshot instead.
 */
@Injectable()
export class EntitlementSnapshots {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly records: RecordLoader,
  ) {}

  async open(): Promise<EntitlementSnapshot> {
    if (!this.runner.following) return this.fromLog();
    if (!(await this.runner.reachHead(CATCH_UP_MS))) throw readModelsBehind();
    return this.fromReadModel();
  }

  private fromReadModel(): EntitlementSnapshot {
    const state = this.runner.table('placements', 'state');
    const entitlements = this.runner.table('placements', 'entitlements');
    const db = new Database(this.db.name, { readonly: true, fileMustExist: true });
    db.exec('BEGIN');
    // Never placed means no day with a provider: no line, in any period, so not read at all.
    // An entitlement's row has its state row's rowid (see the placements projection), so the
    // states are read in rowid order, as the scheme's rows are, not looked up by stream name at
    // random across the table; that they match is checked, not assumed.
    const select = db.prepare<
      [{ schemeId: string; from: string | null; to: string | null; anyPlaced: number }],
      { state: string; matches: number | null }
    >(
      `SELECT s.state,
         s.stream_id = '${ENTITLEMENT_STREAM_PREFIX}' || e.citizen_id || '/' || e.entitlement_id AS matches
       FROM ${entitlements} e LEFT JOIN ${state} s ON s.rowid = e.rowid
       WHERE e.scheme_id = @schemeId AND e.placed >= @anyPlaced
         AND (@from IS NULL OR e.last_day IS NULL OR e.last_day >= @from)
         AND (@to IS NULL OR e.valid_from <= @to)`,
    );
    return {
      async *ofScheme(schemeId, which = {}) {
        let page: EntitlementState[] = [];
        const days = which.entitledWithin;
        const params = {
          schemeId,
          from: days?.from ?? null,
          to: days?.to ?? null,
          anyPlaced: which.neverPlacedToo ? 0 : 1,
        };
        for (const row of select.iterate(params)) {
          if (row.matches !== 1)
            throw new Error(
              `The placements read model's rows of ${schemeId} do not match their states`,
            );
          page.push(JSON.parse(row.state) as EntitlementState);
          if (page.length === PAGE) {
            yield page;
            page = [];
            await nextTurn();
          }
        }
        if (page.length > 0) yield page;
      },
      close: () => {
        if (db.open) db.close();
      },
    };
  }

  private async fromLog(): Promise<EntitlementSnapshot> {
    const bySchemeId = new Map<string, EntitlementState[]>();
    for (const entitlement of await this.records.allEntitlements()) {
      if (entitlement.status === 'not_granted') continue;
      const list = bySchemeId.get(entitlement.schemeId) ?? [];
      list.push(entitlement);
      bySchemeId.set(entitlement.schemeId, list);
    }
    return {
      async *ofScheme(schemeId, which = {}) {
        const days = which.entitledWithin;
        const list = (bySchemeId.get(schemeId) ?? []).filter(
          (e) =>
            (which.neverPlacedToo || wasPlaced(e)) &&
            (!days || isEntitledWithin(e, days.from, days.to)),
        );
        for (let i = 0; i < list.length; i += PAGE) {
          yield list.slice(i, i + PAGE);
          await nextTurn();
        }
      },
      close: () => bySchemeId.clear(),
    };
  }
}

/** As the placements read model's `placed`: the entitlement has had a placement. */
function wasPlaced(entitlement: EntitlementState): boolean {
  return entitlement.status !== 'not_granted' && entitlement.placements.length > 0;
}
