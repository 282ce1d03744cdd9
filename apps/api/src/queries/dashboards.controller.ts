import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Allow, STAFF } from '../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import type Database from 'better-sqlite3';
import {
  compareProvidersNeutrally,
  OWNERSHIPS,
  publishedResults,
  RegisteredProvider,
} from '@kundval/domain';
import { RecordLoader } from '../records/record-loader';
import { ProviderDirectory } from '../providers/provider-directory';
import { CommandExecutor } from '../commands/command-executor';
import { ProjectionRunner } from '../projections/projection-runner';
import { READ_MODEL_DB } from '../projections/read-model.tokens';
import { pageOf } from './paging';
import { dateParam } from './query-date';
import { textParam } from './query-text';

type OwnershipCounts = Record<(typeof OWNERSHIPS)[number], number>;

/** Caseworkers' dashboards: the seed tables as live figures, and the work waiting. */
@ApiTags('read models')
@Controller('dashboards')
export class DashboardsController {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
    private readonly directory: ProviderDirectory,
  ) {}

  /** Seed 001's "Kundval idag": citizens placed per scheme by the provider's ownership, on a date. */
  @Get('market-shares')
  @Allow(...STAFF)
  marketShares(@Query('date') dateQuery?: string) {
    const date = dateParam(dateQuery, 'date', this.executor.context().today);
    const rows = this.db
      .prepare(
        `SELECT p.scheme_id AS schemeId, r.ownership AS ownership, count(*) AS n
         FROM ${this.runner.table('placements', 'placements')} p
         JOIN ${this.runner.table('providers', 'providers')} r ON r.provider_id = p.provider_id
         WHERE p.from_date <= ? AND (p.to_date IS NULL OR p.to_date >= ?)
         GROUP BY p.scheme_id, r.ownership ORDER BY p.scheme_id`,
      )
      .all(date, date) as { schemeId: string; ownership: keyof OwnershipCounts; n: number }[];
    return {
      date,
      schemes: bySchemeAndOwnership(rows).map(({ schemeId, counts }) => ({
        schemeId,
        citizens: counts,
        sharesBasisPoints: shares(counts),
      })),
    };
  }

  /** Seed 003's table: authorised providers per scheme by ownership. */
  @Get('providers-per-scheme')
  @Allow(...STAFF)
  providersPerScheme() {
    const rows = this.db
      .prepare(
        `SELECT a.scheme_id AS schemeId, r.ownership AS ownership, count(*) AS n
         FROM ${this.runner.table('providers', 'authorisations')} a
         JOIN ${this.runner.table('providers', 'providers')} r ON r.provider_id = a.provider_id
         WHERE a.status IN ('authorised', 'withdrawn') GROUP BY a.scheme_id, r.ownership ORDER BY a.scheme_id`,
      )
      .all() as { schemeId: string; ownership: keyof OwnershipCounts; n: number }[];
    return {
      schemes: bySchemeAndOwnership(rows).map(({ schemeId, counts }) => ({
        schemeId,
        providers: counts,
      })),
    };
  }

  /** Entitlements without any placement yet, the nearest choice deadline first. */
  @Get('awaiting-choice')
  @Allow('caseworker', 'quality_officer')
  awaitingChoice(@Query() query: { schemeId?: string; limit?: string; offset?: string }) {
    const page = pageOf(query);
    const schemeId = textParam(query.schemeId, 'schemeId');
    const table = this.runner.table('placements', 'entitlements');
    const where = `placed = 0 ${schemeId ? 'AND scheme_id = ?' : ''}`;
    const args = schemeId ? [schemeId] : [];
    const { total } = this.db
      .prepare(`SELECT count(*) AS total FROM ${table} WHERE ${where}`)
      .get(...args) as { total: number };
    const items = this.db
      .prepare(
        `SELECT citizen_id AS citizenId, entitlement_id AS entitlementId, scheme_id AS schemeId, valid_from AS validFrom,
                choice_deadline AS choiceDeadline
         FROM ${table} WHERE ${where} ORDER BY choice_deadline IS NULL, choice_deadline, entitlement_id LIMIT ? OFFSET ?`,
      )
      .all(...args, page.limit, page.offset);
    return { items, page: { ...page, total } };
  }

  /** Providers with warnings, and de-authorisations or withdrawals not yet in effect. */
  @Get('sanctions')
  @Allow('caseworker', 'quality_officer', 'finance')
  sanctions() {
    const today = this.executor.context().today;
    const items = this.db
      .prepare(
        `SELECT a.provider_id AS providerId, r.name AS name, a.scheme_id AS schemeId, a.status AS status,
                a.leaves_on AS leavesOn, a.warnings AS warnings
         FROM ${this.runner.table('providers', 'authorisations')} a
         JOIN ${this.runner.table('providers', 'providers')} r ON r.provider_id = a.provider_id
         WHERE a.warnings > 0 OR (a.leaves_on IS NOT NULL AND a.leaves_on > ?)
         ORDER BY a.leaves_on IS NULL, a.leaves_on, a.scheme_id, r.name`,
      )
      .all(today);
    return { date: today, items };
  }
  /** Switches (byten) per provider and month: citizens gained by a switch, and lost to one. */
  @Get('switches')
  @Allow('caseworker', 'quality_officer')
  switches(@Query('schemeId') schemeId?: string) {
    const placements = this.runner.table('placements', 'placements');
    const filter = schemeId ? 'AND n.scheme_id = ?' : '';
    const rows = this.db
      .prepare(
        `SELECT n.scheme_id AS schemeId, substr(n.from_date, 1, 7) AS month, n.provider_id AS gainedBy,
                o.provider_id AS lostBy, count(*) AS switches
         FROM ${placements} n JOIN ${placements} o
           ON o.entitlement_id = n.entitlement_id AND o.to_date = date(n.from_date, '-1 day')
         WHERE n.kind = 'switch' ${filter}
         GROUP BY n.scheme_id, month, n.provider_id, o.provider_id ORDER BY month, n.scheme_id, gainedBy`,
      )
      .all(...(schemeId ? [schemeId] : []));
    return { items: rows };
  }

  /** Seed 001: the share of pupils who got their first choice, per admission round. */
  @Get('first-choice')
  @Allow('caseworker', 'quality_officer')
  async firstChoice() {
    const rounds = await this.records.allAdmissionRounds();
    return {
      rounds: rounds.flatMap((round) =>
        round.status === 'completed' && round.result
          ? [
              {
                roundId: round.roundId,
                schemeId: round.schemeId,
                schoolYear: round.schoolYear,
                ...round.result.firstChoice,
              },
            ]
          : [],
      ),
    };
  }

  /** Openness about results: each provider's latest quality report and surveys in a scheme. */
  @Get('quality')
  @Allow(...STAFF, 'citizen')
  async quality(@Query('schemeId') schemeId: string) {
    const providers = (await this.directory.all()).filter(
      (p): p is RegisteredProvider => p.status === 'registered' && schemeId in p.schemes,
    );
    return {
      schemeId,
      providers: providers.sort(compareProvidersNeutrally).map((p) => ({
        providerId: p.providerId,
        name: p.name,
        ownership: p.ownership,
        ...publishedResults(p, schemeId),
      })),
    };
  }
}

function bySchemeAndOwnership(
  rows: { schemeId: string; ownership: keyof OwnershipCounts; n: number }[],
) {
  const schemes = new Map<string, OwnershipCounts>();
  for (const row of rows) {
    const counts = schemes.get(row.schemeId) ?? { municipal: 0, private: 0, non_profit: 0 };
    counts[row.ownership] = row.n;
    schemes.set(row.schemeId, counts);
  }
  return [...schemes].map(([schemeId, counts]) => ({ schemeId, counts }));
}

/** Shares in basis points, the largest remainder rounding so they add up to exactly 10 000. */
function shares(counts: OwnershipCounts): OwnershipCounts {
  const total = counts.municipal + counts.private + counts.non_profit;
  const keys = Object.keys(counts) as (keyof OwnershipCounts)[];
  const result = { municipal: 0, private: 0, non_profit: 0 };
  if (total === 0) return result;
  const exact = keys.map((k) => ({ k, value: (counts[k] * 10_000) / total }));
  exact.forEach(({ k, value }) => (result[k] = Math.floor(value)));
  let left = 10_000 - keys.reduce((sum, k) => sum + result[k], 0);
  for (const { k } of [...exact].sort((a, b) => (b.value % 1) - (a.value % 1))) {
    if (left-- <= 0) break;
    result[k] += 1;
  }
  return result;
}
