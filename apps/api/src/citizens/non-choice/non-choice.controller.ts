import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Allow } from '../../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import { entitlementsToReassign, Reassignment, stockholmDateOf } from '@kundval/domain';
import { CommandMeta, CommandMetadata } from '../../commands/command-metadata';
import { ProviderDirectory } from '../../providers/provider-directory';
import { Clock } from '../../shared/clock';
import { NonChoiceCandidates } from './non-choice-candidates';
import { NonChoiceProcess } from './non-choice.process';

/** Caseworkers' view of non-choice (ickeval) and re-choice in a scheme. */
@ApiTags('entitlements and choices')
@Controller('schemes/:schemeId')
export class NonChoiceController {
  constructor(
    private readonly directory: ProviderDirectory,
    private readonly process: NonChoiceProcess,
    private readonly candidates: NonChoiceCandidates,
    private readonly clock: Clock,
  ) {}

  /**
   * Citizens who must choose again because their provider leaves the scheme (de-authorisation
   * decided, or withdrawal), with the last day to do so; optionally for one provider. Looks only
   * at the non-choice candidates (among them everyone placed with a leaving provider) while the
   * read models keep up, as a non-choice round does.
   */
  @Get('re-choice')
  @Allow('caseworker', 'quality_officer')
  async reChoice(@Param('schemeId') schemeId: string, @Query('providerId') providerId?: string) {
    const [providers, entitlements] = await Promise.all([
      this.directory.all(),
      this.candidates.orAll(stockholmDateOf(this.clock.now())),
    ]);
    const list: Reassignment[] = providers
      .filter(
        (p) =>
          p.status === 'registered' && (providerId === undefined || p.providerId === providerId),
      )
      .flatMap((provider) => entitlementsToReassign(entitlements, provider, schemeId));
    return { schemeId, entitlements: list };
  }

  /** Runs the non-choice process for the scheme now (it also runs on a schedule). */
  @Post('non-choice-runs')
  @Allow('caseworker')
  @HttpCode(201)
  run(@Param('schemeId') schemeId: string, @CommandMeta() meta: CommandMetadata) {
    return this.process.run(schemeId, meta.actor);
  }
}
