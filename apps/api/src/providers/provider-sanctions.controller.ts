import { Body, Controller, Param, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { newRecordId } from '../commands/new-record-id';
import { AppealOutcomeDto } from './dto/appeal-outcome.dto';
import { AppealDto } from './dto/appeal.dto';
import { DecideDeauthorisationDto } from './dto/decide-deauthorisation.dto';
import { IssueWarningDto } from './dto/issue-warning.dto';
import { ProviderCommands } from './provider-commands';

/** Warnings (varning), de-authorisation (avauktorisation) and appeals to court (överklagande). */
@ApiTags('providers: sanctions')
@Controller('providers/:providerId')
export class ProviderSanctionsController {
  constructor(private readonly commands: ProviderCommands) {}

  @Post('warnings')
  @Allow('quality_officer')
  async issueWarning(
    @Param('providerId') providerId: string,
    @Body() dto: IssueWarningDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const conditions = await this.commands.conditions(dto.schemeId);
    const warningId = newRecordId(meta, 'warning');
    return this.commands.run(
      providerId,
      { type: 'IssueWarning', data: { providerId, warningId, ...dto, conditions } },
      meta,
      dto,
      { reason: dto.deficiency, created: { warningId } },
    );
  }

  @Post('deauthorisations')
  @Allow('quality_officer')
  async decideDeauthorisation(
    @Param('providerId') providerId: string,
    @Body() dto: DecideDeauthorisationDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const conditions = await this.commands.conditions(dto.schemeId);
    const decisionId = newRecordId(meta, 'deauthorisation');
    return this.commands.run(
      providerId,
      { type: 'DecideDeauthorisation', data: { providerId, decisionId, ...dto, conditions } },
      meta,
      dto,
      { reason: dto.reasons.join('; '), created: { decisionId } },
    );
  }

  @Post('appeals')
  @Allow('quality_officer')
  appeal(
    @Param('providerId') providerId: string,
    @Body() dto: AppealDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const appealId = newRecordId(meta, 'appeal');
    return this.commands.run(
      providerId,
      { type: 'AppealDeauthorisation', data: { providerId, appealId, ...dto } },
      meta,
      dto,
      { created: { appealId } },
    );
  }

  @Post('appeals/:appealId/outcome')
  @Allow('quality_officer')
  recordOutcome(
    @Param('providerId') providerId: string,
    @Param('appealId') appealId: string,
    @Body() dto: AppealOutcomeDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.commands.run(
      providerId,
      { type: 'RecordAppealOutcome', data: { providerId, appealId, ...dto } },
      meta,
      dto,
    );
  }
}
