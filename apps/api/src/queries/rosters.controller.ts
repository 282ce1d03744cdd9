import { Controller, Get, Param, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandExecutor } from '../commands/command-executor';
import { ProjectionRunner } from '../projections/projection-runner';
import { READ_MODEL_DB } from '../projections/read-model.tokens';
import { Inject } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { statement } from '../projections/statement-cache';
import { pageOf } from './paging';
import { dateParam } from './query-date';

/** A provider's roster (kundlista) in a scheme: customers on a date, capacity, comings and goings. */
@ApiTags('read models')
@Controller('providers/:providerId/roster')
export class RostersController {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly executor: CommandExecutor,
  ) {}

  @Get()
  @Allow('caseworker', 'quality_officer', 'provider')
  @ApiQuery({ name: 'schemeId', required: true })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD, default today' })
  roster(
    @Param('providerId') providerId: string,
    @Query('schemeId') schemeId: string,
    @Query() query: { date?: string; limit?: string; offset?: string },
  ) {
    const date = dateParam(query.date, 'date', this.executor.context().today);
    const page = pageOf(query);
    const placements = this.runner.table('placements', 'placements');
    const authorisations = this.runner.table('providers', 'authorisations');
    // Prepared once per SQL text (a rebuild renames the tables, so it gets statements of its own).
    const authorisation = statement(
      this.db,
      `SELECT status, capacity, leaves_on FROM ${authorisations} WHERE scheme_id = ? AND provider_id = ?`,
    ).get(schemeId ?? '', providerId) as
      { status: string; capacity: number | null; leaves_on: string | null } | undefined;
    if (!authorisation) {
      throw new ProblemException(
        problem(
          404,
          'ROSTER_NOT_FOUND',
          'No such roster',
          `Provider "${providerId}" has no authorisation in scheme "${schemeId}"`,
        ),
      );
    }
    const onDate = `scheme_id = ? AND provider_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?)`;
    const args = [schemeId, providerId, date, date];
    const { placed } = statement(
      this.db,
      `SELECT count(*) AS placed FROM ${placements} WHERE ${onDate}`,
    ).get(...args) as { placed: number };
    const customers = statement(
      this.db,
      `SELECT citizen_id AS citizenId, entitlement_id AS entitlementId, from_date AS "from", to_date AS "to", kind
         FROM ${placements} WHERE ${onDate} ORDER BY from_date, entitlement_id LIMIT ? OFFSET ?`,
    ).all(...args, page.limit, page.offset);
    const arrivals = statement(
      this.db,
      `SELECT citizen_id AS citizenId, entitlement_id AS entitlementId, from_date AS "from", kind
         FROM ${placements} WHERE scheme_id = ? AND provider_id = ? AND from_date > ? ORDER BY from_date LIMIT 500`,
    ).all(schemeId, providerId, date);
    const departures = statement(
      this.db,
      `SELECT citizen_id AS citizenId, entitlement_id AS entitlementId, to_date AS lastDay
         FROM ${placements} WHERE ${onDate} AND to_date IS NOT NULL ORDER BY to_date LIMIT 500`,
    ).all(...args);
    const capacity = authorisation.capacity;
    return {
      providerId,
      schemeId,
      date,
      status: authorisation.status,
      leavesOn: authorisation.leaves_on,
      capacity,
      placed,
      /** Share of capacity in use, in basis points (10 000 = full); null without a ceiling. */
      utilisationBasisPoints: capacity ? Math.round((placed * 10_000) / capacity) : null,
      customers,
      page: { ...page, total: placed },
      pendingArrivals: arrivals,
      pendingDepartures: departures,
    };
  }
}
