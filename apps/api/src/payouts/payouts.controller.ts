import { fieldProblem } from '../problem/validation-problem';
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { ReadsCitizenData } from '../access-log/reads-citizen-data.decorator';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
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
    @Res({ passthrough: true }) response: Response,
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

  @Get('payment-runs/:schemeId/:period')
  @Allow('finance')
  async get(@Param('schemeId') schemeId: string, @Param('period') period: string) {
    const run = await this.records.paymentRun(schemeId, periodOf(period));
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
    return run;
  }

  /** A provider's statement for a period; `format=csv` (with `numbers=sv` for Swedish Excel). */
  @Get('statements/:providerId/:period')
  @ReadsCitizenData('statement', (request) => (request.res?.locals.citizensRead as string[]) ?? [])
  @Allow('finance', 'provider')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiQuery({ name: 'numbers', required: false, enum: ['sv', 'en'] })
  async statement(
    @Param('providerId') providerId: string,
    @Param('period') period: string,
    @Query('format') format: string | undefined,
    @Query('numbers') numbers: string | undefined,
    @Res({ passthrough: true }) response: Response,
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
    response.locals.citizensRead = statement.lines.map((line) => line.citizenId);
    if (format === 'csv') {
      response.type('text/csv; charset=utf-8').attachment(`statement-${providerId}-${period}.csv`);
      return statementCsv(statement, numbers === 'sv' ? 'sv' : 'en');
    }
    return statement;
  }

  /** Recomputes every closed period from the history and compares it with what was paid. */
  @Get('reconciliation')
  @Allow('finance')
  async reconcile(@Query('schemeId') schemeId?: string) {
    return this.statements.reconcile(schemeId ? [await this.schemeIdOf(schemeId)] : undefined);
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

function periodOf(period: string | undefined): string {
  if (period !== undefined && PERIOD.test(period)) return period;
  throw fieldProblem('period', 'period must be a month YYYY-MM');
}
