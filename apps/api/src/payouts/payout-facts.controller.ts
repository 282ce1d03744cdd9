import { Body, Controller, Param, Post, Put, HttpCode } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import { entitlementDecider, schemeDecider } from '@kundval/domain';
import { CommandExecutor } from '../commands/command-executor';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { newRecordId } from '../commands/new-record-id';
import { streamIds } from '../records/stream-ids';
import { EndSupplementDto } from './dto/end-supplement.dto';
import { GrantSupplementDto } from './dto/grant-supplement.dto';
import { ReportHoursDto } from './dto/report-hours.dto';
import { SetPaymentRuleDto } from './dto/set-payment-rule.dto';

/** The facts payouts are computed from besides choices: payment rules, supplements, hours. */
@ApiTags('payouts')
@Controller()
export class PayoutFactsController {
  constructor(private readonly executor: CommandExecutor) {}

  @Put('schemes/:schemeId/payment-rule')
  @Allow('finance')
  @HttpCode(201)
  setPaymentRule(
    @Param('schemeId') schemeId: string,
    @Body() dto: SetPaymentRuleDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const rule =
      dto.proration === 'counting_day'
        ? {
            proration: 'counting_day' as const,
            countingDay: dto.countingDay!,
            correctionWindowMonths: dto.correctionWindowMonths,
          }
        : { proration: 'per_day' as const, correctionWindowMonths: dto.correctionWindowMonths };
    return this.executor.execute(
      schemeDecider,
      streamIds.scheme(schemeId),
      {
        type: 'SetPaymentRule',
        data: { ...rule, schemeId, effectiveFrom: dto.effectiveFrom ?? null },
      },
      meta,
      { request: dto },
    );
  }

  /** Tilläggsbelopp: an individual supplement decision on an entitlement. */
  @Post('citizens/:citizenId/entitlements/:entitlementId/supplements')
  @Allow('caseworker')
  async grantSupplement(
    @Param('citizenId') citizenId: string,
    @Param('entitlementId') entitlementId: string,
    @Body() dto: GrantSupplementDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const supplementId = dto.supplementId ?? newRecordId(meta, 'supplement');
    const result = await this.executor.execute(
      entitlementDecider,
      streamIds.entitlement(citizenId, entitlementId),
      { type: 'GrantSupplement', data: { ...dto, entitlementId, supplementId } },
      meta,
      { request: dto },
    );
    return { ...result, supplementId };
  }

  @Post('citizens/:citizenId/entitlements/:entitlementId/supplements/:supplementId/end')
  @Allow('caseworker')
  endSupplement(
    @Param('citizenId') citizenId: string,
    @Param('entitlementId') entitlementId: string,
    @Param('supplementId') supplementId: string,
    @Body() dto: EndSupplementDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.executor.execute(
      entitlementDecider,
      streamIds.entitlement(citizenId, entitlementId),
      { type: 'EndSupplement', data: { ...dto, entitlementId, supplementId } },
      meta,
      { request: dto, reason: dto.reason },
    );
  }

  /** Home care: hours the provider performed for the citizen in a month (replaces an earlier report). */
  @Post('citizens/:citizenId/entitlements/:entitlementId/performed-hours')
  @Allow('provider', 'caseworker')
  async reportHours(
    @Param('citizenId') citizenId: string,
    @Param('entitlementId') entitlementId: string,
    @Body() dto: ReportHoursDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const reportId = dto.reportId ?? newRecordId(meta, 'hours-report');
    const result = await this.executor.execute(
      entitlementDecider,
      streamIds.entitlement(citizenId, entitlementId),
      { type: 'ReportPerformedHours', data: { ...dto, entitlementId, reportId } },
      meta,
      { request: dto },
    );
    return { ...result, reportId };
  }
}
