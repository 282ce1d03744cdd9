import { fieldProblem } from '../problem/validation-problem';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { Allow, STAFF } from '../auth/allow.decorator';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  applicableConditions,
  choosableProviders,
  DefineSchemeCondition,
  isCalendarDate,
  schemeDecider,
  SchemeCommand,
  SchemeState,
} from '@kundval/domain';
import { CommandExecutor, CommandResult } from '../commands/command-executor';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { newRecordId } from '../commands/new-record-id';
import { DefineConditionDto } from '../conditions/dto/define-condition.dto';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { RecordLoader } from '../records/record-loader';
import { ProviderDirectory } from '../providers/provider-directory';
import { streamIds } from '../records/stream-ids';
import { CloseSchemeDto } from './dto/close-scheme.dto';
import { DesignateNonChoiceProviderDto } from './dto/designate-non-choice-provider.dto';
import { EstablishSchemeDto } from './dto/establish-scheme.dto';
import { ScheduleRateDto } from './dto/schedule-rate.dto';
import { SetVatCompensationDto } from './dto/set-vat-compensation.dto';

/** Schemes (kundvalsområden): set up, rates, conditions, non-choice provider, closing. */
@ApiTags('schemes')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key appends nothing new',
})
@Controller('schemes')
export class SchemesController {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
    private readonly directory: ProviderDirectory,
  ) {}

  @Post()
  @Allow('quality_officer')
  async establish(
    @Body() dto: EstablishSchemeDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult & { schemeId: string }> {
    const schemeId = dto.schemeId ?? newRecordId(meta, 'scheme');
    const command: SchemeCommand = { type: 'EstablishScheme', data: { ...dto, schemeId } };
    // The id may have been generated here: the caller needs it to address the scheme.
    return { ...(await this.run(schemeId, command, meta, dto)), schemeId };
  }

  @Post(':schemeId/rates')
  @Allow('quality_officer')
  scheduleRate(
    @Param('schemeId') schemeId: string,
    @Body() dto: ScheduleRateDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.run(schemeId, { type: 'ScheduleRate', data: { schemeId, ...dto } }, meta, dto);
  }

  @Put(':schemeId/vat-compensation')
  @Allow('quality_officer')
  @HttpCode(201)
  setVatCompensation(
    @Param('schemeId') schemeId: string,
    @Body() dto: SetVatCompensationDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.run(
      schemeId,
      { type: 'SetVatCompensation', data: { schemeId, ...dto } },
      meta,
      dto,
    );
  }

  @Post(':schemeId/conditions')
  @Allow('quality_officer')
  defineCondition(
    @Param('schemeId') schemeId: string,
    @Body() dto: DefineConditionDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const command: DefineSchemeCondition = {
      type: 'DefineSchemeCondition',
      data: { ...dto, schemeId },
    };
    return this.run(schemeId, command, meta, dto);
  }

  @Put(':schemeId/non-choice-provider')
  @Allow('quality_officer')
  @HttpCode(201)
  async designateNonChoiceProvider(
    @Param('schemeId') schemeId: string,
    @Body() dto: DesignateNonChoiceProviderDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const provider = await this.records.provider(dto.providerId);
    return this.run(
      schemeId,
      {
        type: 'DesignateNonChoiceProvider',
        data: { schemeId, providerId: dto.providerId, provider },
      },
      meta,
      dto,
    );
  }

  @Post(':schemeId/close')
  @Allow('quality_officer')
  close(
    @Param('schemeId') schemeId: string,
    @Body() dto: CloseSchemeDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.run(
      schemeId,
      { type: 'CloseScheme', data: { schemeId, ...dto } },
      meta,
      dto,
      dto.reason,
    );
  }

  @Get()
  @Allow(...STAFF, 'citizen')
  async list(): Promise<SchemeState[]> {
    return this.records.allSchemes();
  }

  @Get(':schemeId')
  @Allow(...STAFF, 'citizen')
  async get(@Param('schemeId') schemeId: string) {
    const [scheme, catalogue] = await Promise.all([
      this.records.scheme(schemeId),
      this.records.conditionCatalogue(),
    ]);
    if (scheme.status === 'not_established') throw notFound(schemeId);
    return { ...scheme, applicableConditions: applicableConditions(catalogue, scheme) };
  }

  /** Providers a citizen can choose in the scheme on a date, in a neutral order (by name). */
  @Get(':schemeId/choosable-providers')
  @Allow(...STAFF, 'citizen')
  async choosable(@Param('schemeId') schemeId: string, @Query('date') date: string) {
    if (!isCalendarDate(date)) {
      throw fieldProblem('date', 'date must be a real date YYYY-MM-DD');
    }
    const scheme = await this.records.scheme(schemeId);
    if (scheme.status === 'not_established') throw notFound(schemeId);
    const providers = choosableProviders(await this.directory.all(), scheme, date);
    return {
      schemeId,
      date,
      providers: providers.map(({ providerId, name, ownership }) => ({
        providerId,
        name,
        ownership,
      })),
    };
  }

  private run(
    schemeId: string,
    command: SchemeCommand,
    meta: CommandMetadata,
    request: unknown,
    reason?: string,
  ) {
    return this.executor.execute(schemeDecider, streamIds.scheme(schemeId), command, meta, {
      request,
      reason,
    });
  }
}

function notFound(schemeId: string): ProblemException {
  return new ProblemException(
    problem(404, 'SCHEME_NOT_FOUND', 'No such scheme', `There is no scheme "${schemeId}"`),
  );
}
