import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type Database from 'better-sqlite3';
import { CommandExecutor } from '../commands/command-executor';
import { ProjectionRunner } from '../projections/projection-runner';
import { READ_MODEL_DB } from '../projections/read-model.tokens';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { pagesOf } from './paging';
import { dateParam } from './query-date';
import { textParam } from './query-text';
import { RosterAnswer, RosterQuery, RosterRequest } from './roster-query';

/** Rows per list unless `limit` says otherwise: a roster at national scale has a thousand. */
const ROSTER_PAGE = 25;

/**
 * A provider's roster (kundlista) in a scheme: customers on a date, capacity, comings and goings.
 *
 * `placed` counts the placements held on the date. A choice from that date is refused as full
 * (`PROVIDER_FULL`) when the busiest day from then on has no free place: a place taken from a
 * later date (an arrival) counts on every day after it, and one given back (a departure, a switch
 * away, an entitlement's last day) is free from the day after. So a roster can show free places
 * on a date and still be full for a choice from it. `freePlaces` is the capacity less the places
 * taken on that busiest day: the count the roster's capacity check makes, and what a caseworker
 * should go by.
 *
 * The three lists are pages of at most `limit` rows (default 25) with their totals; `offset`,
 * `arrivalsOffset` and `departuresOffset` page through each.
 */
@ApiTags('read models')
@Controller('providers/:providerId/roster')
export class RostersController {
  /** Per generation of the tables (a rebuild renames them): statements of its own. */
  private queries = new Map<string, RosterQuery>();
  /** One read transaction per answer: the tables' names and every figure from one snapshot. */
  private readonly answer: (request: RosterRequest) => RosterAnswer | undefined;

  constructor(
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly runner: ProjectionRunner,
    private readonly executor: CommandExecutor,
  ) {
    this.answer = db.transaction((request: RosterRequest) => this.query().read(request));
  }

  @Get()
  @Allow('caseworker', 'quality_officer', 'provider')
  @ApiQuery({ name: 'schemeId', required: true })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD, default today' })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `Rows per list (customers, arrivals, departures), 1–500, default ${ROSTER_PAGE}`,
  })
  @ApiQuery({ name: 'offset', required: false, description: 'Customers to skip, default 0' })
  @ApiQuery({ name: 'arrivalsOffset', required: false, description: 'Arrivals to skip' })
  @ApiQuery({ name: 'departuresOffset', required: false, description: 'Departures to skip' })
  roster(
    @Param('providerId') providerId: string,
    @Query('schemeId') schemeIdQuery: string,
    @Query()
    query: {
      date?: string;
      limit?: string;
      offset?: string;
      arrivalsOffset?: string;
      departuresOffset?: string;
    },
  ) {
    // Given twice (`?schemeId=a&schemeId=b`) it arrives as a list: refused as malformed.
    const schemeId = textParam(schemeIdQuery, 'schemeId');
    const date = dateParam(query.date, 'date', this.executor.context().today);
    const { page, offsets } = pagesOf(query, ['arrivalsOffset', 'departuresOffset'], ROSTER_PAGE);
    const found = this.answer({
      schemeId: schemeId ?? '',
      providerId,
      date,
      limit: page.limit,
      offset: page.offset,
      ...offsets,
    });
    if (!found) {
      throw new ProblemException(
        problem(
          404,
          'ROSTER_NOT_FOUND',
          'No such roster',
          `Provider "${providerId}" has no authorisation in scheme "${schemeId}"`,
        ),
      );
    }
    const { authorisation, placed, peak } = found;
    const { capacity } = authorisation;
    return {
      providerId,
      schemeId,
      date,
      status: authorisation.status,
      leavesOn: authorisation.leavesOn,
      capacity,
      placed,
      /**
       * Places a choice from `date` can still take: the capacity less the most places taken on any
       * day from `date` on (arrivals included, departures given back); null without a ceiling.
       */
      freePlaces: capacity === null ? null : Math.max(0, capacity - peak),
      /** Share of capacity in use on `date`, in basis points (10 000 = full); null without a ceiling. */
      utilisationBasisPoints: capacity ? Math.round((placed * 10_000) / capacity) : null,
      customers: found.customers,
      page: { ...page, total: placed },
      pendingArrivals: found.arrivalList,
      arrivalsPage: { limit: page.limit, offset: offsets.arrivalsOffset, total: found.arrivals },
      pendingDepartures: found.departureList,
      departuresPage: {
        limit: page.limit,
        offset: offsets.departuresOffset,
        total: found.departures,
      },
    };
  }

  private query(): RosterQuery {
    const authorisations = this.runner.table('providers', 'authorisations');
    const placements = this.runner.table('placements', 'placements');
    const key = `${authorisations} ${placements}`;
    let query = this.queries.get(key);
    if (!query) {
      // The other tables of a generation come with its placements table.
      query = new RosterQuery(this.db, {
        authorisations,
        placements,
        days: this.runner.table('placements', 'roster_days'),
        open: this.runner.table('placements', 'roster_open'),
      });
      // Only the tables in use now: the statements of dropped ones would fail anyway.
      this.queries = new Map([[key, query]]);
    }
    return query;
  }
}
