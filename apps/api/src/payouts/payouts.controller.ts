import { fieldProblem } from '../problem/validation-problem';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { HttpReply, HttpRequest } from '../shared/http-request';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import {
  citizensNoted,
  noteCitizensRead,
  ReadsCitizenData,
} from '../access-log/reads-citizen-data.decorator';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { pageOf } from '../queries/paging';
import { textParam } from '../queries/query-text';
import { RecordLoader } from '../records/record-loader';
import { ApprovePaymentRunDto, PERIOD } from './dto/approve-payment-run.dto';
import { PaymentRuns } from './payment-runs.service';
import { statementCsv } from './statement-csv';
import { Statements } from './statements.service';

/** Finance (ekonomi): payment runs, provider statements, reconciliation to the öre. */
@ApiTags('payouts')
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Controller()
export class PayoutsController {
  constructor(
    private readonly runs: PaymentRuns,
    private readonly records: RecordLoader,
    private readonly statements: Statements,
  ) {}

  /** Computes a run without appending anything: the basis (underlag) providers check first. */
  @Get('payment-runs/preview')
  @Allow('finance')
  @ApiQuery({ name: 'schemeId' })
  @ApiQuery({ name: 'period', example: '2026-10' })
  async preview(@Query('schemeId') schemeId: string, @Query('period') period: string) {
    return this.runs.preview(await this.schemeIdOf(schemeId), periodOf(period));
  }

  /**
   * Approves the run for a period (one scheme, or every scheme) and appends its payments and
   * corrections. Approving a period again appends nothing and reports the existing run.
   */
  @Post('payment-runs')
  @Allow('finance')
  async approve(
    @Body() dto: ApprovePaymentRunDto,
    @CommandMeta() meta: CommandMetadata,
    @Res({ passthrough: true }) response: HttpReply,
  ) {
    const schemeIds = dto.schemeId
      ? [await this.schemeIdOf(dto.schemeId)]
      : await this.payableSchemes();
    const outcomes = await this.runs.approveAll(schemeIds, dto.period, meta);
    response.status(outcomes.some((o) => o.created) ? 201 : 200);
    return {
      period: dto.period,
      position: Math.max(0, ...outcomes.map((o) => o.position)),
      runs: outcomes.map(({ run, created }) => ({ created, ...run })),
      totalOre: outcomes.reduce((sum, o) => sum + o.run.totalOre, 0),
    };
  }

  @Get('payment-runs')
  @Allow('finance')
  async list(@Query('schemeId') schemeId?: string) {
    // Headers only: a run's payments are read when one run is asked for.
    const runs = await this.records.paymentRunHeaders(schemeId);
    if (schemeId) return runs;
    const established = new Set(await this.payableSchemes());
    return runs.filter((run) => established.has(run.schemeId));
  }

  /**
   * An approved run with a page of its payments and corrections in the order appended
   * (`offset`, `limit` up to 5,000), or all of one provider's (`providerId`).
   */
  @Get('payment-runs/:schemeId/:period')
  @Allow('finance')
  @ApiQuery({ name: 'providerId', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async get(
    @Param('schemeId') schemeId: string,
    @Param('period') period: string,
    @Query() query: { providerId?: string; offset?: string; limit?: string },
  ) {
    const month = periodOf(period);
    const page = pageOf(query, RUN_PAGE_MAX, RUN_PAGE_MAX);
    const providerId = textParam(query.providerId, 'providerId');
    const run = providerId
      ? await this.records.paymentRunOfProvider(schemeId, month, providerId)
      : await this.records.paymentRunPage(schemeId, month, page);
    if (run.status !== 'approved') {
      throw new ProblemException(
        problem(
          404,
          'PAYMENT_RUN_NOT_FOUND',
          'No such payment run',
          `No run is approved for ${schemeId} ${period}`,
        ),
      );
    }
    if (providerId) return run;
    return { ...run, page: { ...page, total: run.lineCount + run.correctionCount } };
  }

  /** A provider's statement for a period; `format=csv` (with `numbers=sv` for Swedish Excel). */
  @Get('statements/:providerId/:period')
  @ReadsCitizenData('statement', citizensNoted)
  @Allow('finance', 'provider')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiQuery({ name: 'numbers', required: false, enum: ['sv', 'en'] })
  async statement(
    @Param('providerId') providerId: string,
    @Param('period') period: string,
    @Query('format') format: string | undefined,
    @Query('numbers') numbers: string | undefined,
    @Req() request: HttpRequest,
    @Res({ passthrough: true }) response: HttpReply,
  ) {
    const statement = await this.statements.statement(providerId, periodOf(period));
    if (statement.lines.length === 0 && !(await this.providerExists(providerId))) {
      throw new ProblemException(
        problem(
          404,
          'PROVIDER_NOT_FOUND',
          'No such provider',
          `There is no provider "${providerId}"`,
        ),
      );
    }
    noteCitizensRead(
      request,
      statement.lines.map((line) => line.citizenId),
    );
    if (format === 'csv') {
      response
        .type('text/csv; charset=utf-8')
        .header(
          'Content-Disposition',
          `attachment; filename="statement-${providerId}-${period}.csv"`,
        );
      return statementCsv(statement, numbers === 'sv' ? 'sv' : 'en');
    }
    return statement;
  }

  /**
   * Recomputes every closed period (or only `period`) from the history and compares it with what
   * was paid: totals per period and provider, and the rows that differ.
   */
  @Get('reconciliation')
  @Allow('finance')
  @ApiQuery({ name: 'schemeId', required: false })
  @ApiQuery({ name: 'period', required: false, example: '2026-10' })
  async reconcile(@Query('schemeId') schemeId?: string, @Query('period') period?: string) {
    const periodAsked = period === undefined ? undefined : periodOf(period);
    const schemes = schemeId ? [await this.schemeIdOf(schemeId)] : undefined;
    return this.statements.reconcile(schemes, periodAsked);
  }

  private async payableSchemes(): Promise<string[]> {
    return (await this.records.allSchemes()).flatMap((s) =>
      s.status === 'not_established' ? [] : [s.schemeId],
    );
  }

  private async schemeIdOf(schemeId: string | undefined): Promise<string> {
    const scheme = schemeId ? await this.records.scheme(schemeId) : undefined;
    if (!scheme || scheme.status === 'not_established') {
      throw new ProblemException(
        problem(
          404,
          'SCHEME_NOT_FOUND',
          'No such scheme',
          `There is no scheme "${schemeId ?? ''}"`,
        ),
      );
    }
    return scheme.schemeId;
  }

  private async providerExists(providerId: string): Promise<boolean> {
    return (await this.records.provider(providerId)).status === 'registered';
  }
}

/** Items of a run per answer: a national run has hundreds of thousands. */
const RUN_PAGE_MAX = 5_000;

function periodOf(period: string | undefined): string {
  if (period !== undefined && PERIOD.test(period)) return period;
  throw fieldProblem('period', 'period must be a month YYYY-MM');
}
