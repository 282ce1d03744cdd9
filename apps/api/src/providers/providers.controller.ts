import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { Allow, STAFF } from '../auth/allow.decorator';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { CommandResult } from '../commands/command-executor';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { newRecordId } from '../commands/new-record-id';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { RecordLoader } from '../records/record-loader';
import { ProviderDirectory } from './provider-directory';
import { ApplyForAuthorisationDto } from './dto/apply-for-authorisation.dto';
import { AuthorisationDecisionDto } from './dto/authorisation-decision.dto';
import { DeclareCapacityDto } from './dto/declare-capacity.dto';
import { NotifyWithdrawalDto } from './dto/notify-withdrawal.dto';
import { ReasonsDto } from './dto/reasons.dto';
import { RegisterProviderDto } from './dto/register-provider.dto';
import { ReportManagerChangeDto } from './dto/report-manager-change.dto';
import { SignContractDto } from './dto/sign-contract.dto';
import { ProviderCommands } from './provider-commands';

/** Providers (anordnare): registration, authorisation, contract, capacity, manager, withdrawal. */
@ApiTags('providers')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key appends nothing new',
})
@Controller('providers')
export class ProvidersController {
  constructor(
    private readonly commands: ProviderCommands,
    private readonly records: RecordLoader,
    private readonly directory: ProviderDirectory,
  ) {}

  @Post()
  @Allow('quality_officer')
  register(
    @Body() dto: RegisterProviderDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    const providerId = dto.providerId ?? newRecordId(meta, 'provider');
    return this.commands.run(
      providerId,
      { type: 'RegisterProvider', data: { ...dto, providerId } },
      meta,
      dto,
      { created: { providerId } },
    );
  }

  @Get()
  @Allow(...STAFF, 'citizen')
  async list() {
    const providers = await this.directory.all();
    return providers.flatMap((p) =>
      p.status === 'registered'
        ? [{ providerId: p.providerId, name: p.name, ownership: p.ownership }]
        : [],
    );
  }

  @Get(':providerId')
  @Allow('quality_officer', 'caseworker', 'finance', 'provider')
  async get(@Param('providerId') providerId: string) {
    const provider = await this.records.provider(providerId);
    if (provider.status !== 'registered') {
      throw new ProblemException(
        problem(
          404,
          'PROVIDER_NOT_FOUND',
          'No such provider',
          `There is no provider "${providerId}"`,
        ),
      );
    }
    return provider;
  }

  @Post(':providerId/applications')
  @Allow('quality_officer', 'provider')
  async apply(
    @Param('providerId') providerId: string,
    @Body() dto: ApplyForAuthorisationDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const [scheme, conditions] = await Promise.all([
      this.commands.scheme(dto.schemeId),
      this.commands.conditions(dto.schemeId),
    ]);
    const evidence = dto.evidence.map((e) => ({ ...e }));
    const applicationId = newRecordId(meta, 'application');
    return this.commands.run(
      providerId,
      {
        type: 'ApplyForAuthorisation',
        data: { providerId, schemeId: dto.schemeId, applicationId, evidence, scheme, conditions },
      },
      meta,
      dto,
      { created: { applicationId } },
    );
  }

  @Post(':providerId/applications/:applicationId/grant')
  @Allow('quality_officer')
  async grant(
    @Param('providerId') providerId: string,
    @Param('applicationId') applicationId: string,
    @Body() dto: AuthorisationDecisionDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const scheme = await this.commands.scheme(dto.schemeId);
    return this.commands.run(
      providerId,
      {
        type: 'GrantAuthorisation',
        data: { providerId, schemeId: dto.schemeId, applicationId, scheme },
      },
      meta,
      dto,
    );
  }

  @Post(':providerId/applications/:applicationId/reject')
  @Allow('quality_officer')
  reject(
    @Param('providerId') providerId: string,
    @Param('applicationId') applicationId: string,
    @Body() dto: AuthorisationDecisionDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const reasons = dto.reasons ?? [];
    return this.commands.run(
      providerId,
      {
        type: 'RejectAuthorisation',
        data: { providerId, schemeId: dto.schemeId, applicationId, reasons },
      },
      meta,
      dto,
      { reason: reasons.join('; ') },
    );
  }

  @Post(':providerId/contracts')
  @Allow('quality_officer', 'provider')
  async signContract(
    @Param('providerId') providerId: string,
    @Body() dto: SignContractDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const scheme = await this.commands.scheme(dto.schemeId);
    const contractId = dto.contractId ?? newRecordId(meta, 'contract');
    return this.commands.run(
      providerId,
      { type: 'SignContract', data: { ...dto, providerId, contractId, scheme } },
      meta,
      dto,
      { created: { contractId } },
    );
  }

  @Put(':providerId/capacity')
  @Allow('quality_officer', 'provider')
  @HttpCode(201)
  declareCapacity(
    @Param('providerId') providerId: string,
    @Body() dto: DeclareCapacityDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.commands.run(
      providerId,
      { type: 'DeclareCapacity', data: { providerId, ...dto } },
      meta,
      dto,
    );
  }

  @Post(':providerId/manager-changes')
  @Allow('quality_officer', 'provider')
  reportManagerChange(
    @Param('providerId') providerId: string,
    @Body() dto: ReportManagerChangeDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const changeId = newRecordId(meta, 'manager-change');
    return this.commands.run(
      providerId,
      { type: 'ReportManagerChange', data: { providerId, changeId, ...dto } },
      meta,
      dto,
      { created: { changeId } },
    );
  }

  @Post(':providerId/manager-changes/:changeId/approve')
  @Allow('quality_officer')
  @HttpCode(201)
  approveManagerChange(
    @Param('providerId') providerId: string,
    @Param('changeId') changeId: string,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.commands.run(
      providerId,
      { type: 'ApproveManagerChange', data: { providerId, changeId } },
      meta,
      { changeId },
    );
  }

  @Post(':providerId/manager-changes/:changeId/reject')
  @Allow('quality_officer')
  rejectManagerChange(
    @Param('providerId') providerId: string,
    @Param('changeId') changeId: string,
    @Body() dto: ReasonsDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.commands.run(
      providerId,
      { type: 'RejectManagerChange', data: { providerId, changeId, reasons: dto.reasons } },
      meta,
      dto,
      { reason: dto.reasons.join('; ') },
    );
  }

  @Post(':providerId/withdrawals')
  @Allow('quality_officer', 'provider')
  async notifyWithdrawal(
    @Param('providerId') providerId: string,
    @Body() dto: NotifyWithdrawalDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const scheme = await this.commands.scheme(dto.schemeId);
    return this.commands.run(
      providerId,
      { type: 'NotifyWithdrawal', data: { providerId, ...dto, scheme } },
      meta,
      dto,
    );
  }
}
