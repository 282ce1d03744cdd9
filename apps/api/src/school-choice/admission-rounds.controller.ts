import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { admissionRoundDecider } from '@kundval/domain';
import { CommandExecutor } from '../commands/command-executor';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { RecordLoader } from '../records/record-loader';
import { streamIds } from '../records/stream-ids';
import { AdmissionProcess } from './admission.process';
import { OpenChoiceWindowDto } from './dto/open-choice-window.dto';
import { RunAdmissionDto } from './dto/run-admission.dto';
import { SubmitPreferencesDto } from './dto/submit-preferences.dto';

/** School choice (skolval): the choice window, families' preferences, the admission run. */
@ApiTags('school choice')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key appends nothing new',
})
@Controller()
export class AdmissionRoundsController {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
    private readonly admission: AdmissionProcess,
  ) {}

  @Post('schemes/:schemeId/admission-rounds')
  @Allow('caseworker')
  open(
    @Param('schemeId') schemeId: string,
    @Body() dto: OpenChoiceWindowDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.executor.execute(
      admissionRoundDecider,
      streamIds.admissionRound(dto.roundId),
      {
        type: 'OpenChoiceWindow',
        data: { ...dto, schemeId, lotterySeed: dto.lotterySeed ?? null },
      },
      meta,
      { request: dto },
    );
  }

  @Post('admission-rounds/:roundId/preferences')
  @Allow('caseworker', 'citizen')
  submit(
    @Param('roundId') roundId: string,
    @Body() dto: SubmitPreferencesDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.executor.execute(
      admissionRoundDecider,
      streamIds.admissionRound(roundId),
      { type: 'SubmitPreferences', data: { ...dto, roundId } },
      meta,
      { request: dto },
    );
  }

  /** Runs the admission after the window closed and places every pupil. Rerun to resume. */
  @Post('admission-rounds/:roundId/run')
  @Allow('caseworker')
  run(
    @Param('roundId') roundId: string,
    @Body() dto: RunAdmissionDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.admission.run(roundId, dto.seed, meta, dto);
  }

  /** The round; after the run, every pupil's placement, lottery number and the first-choice share. */
  @Get('admission-rounds/:roundId')
  @Allow('caseworker')
  async get(@Param('roundId') roundId: string) {
    const round = await this.records.admissionRound(roundId);
    if (round.status === 'not_opened') {
      throw new ProblemException(
        problem(
          404,
          'ADMISSION_ROUND_NOT_FOUND',
          'No such admission round',
          `There is no admission round "${roundId}"`,
        ),
      );
    }
    // A seed committed up front stays secret until the run, so no one can compute the lottery early.
    return round.status === 'opened'
      ? { ...round, lotterySeed: round.lotterySeed === null ? null : 'committed' }
      : round;
  }
}
