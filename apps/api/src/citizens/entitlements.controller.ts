import { Body, Controller, Param, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { addDays, entitlementDecider, nonChoiceProviderFor, providerOn } from '@kundval/domain';
import { CommandExecutor } from '../commands/command-executor';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { newRecordId } from '../commands/new-record-id';
import { RecordLoader } from '../records/record-loader';
import { ProviderDirectory } from '../providers/provider-directory';
import { streamIds } from '../records/stream-ids';
import { actorRoleOf } from './actor-role';
import { citizenNotFound } from './citizens.controller';
import { AssignNonChoiceDto } from './dto/assign-non-choice.dto';
import { ChangeLevelDto } from './dto/change-level.dto';
import { EndEntitlementDto } from './dto/end-entitlement.dto';
import { GrantEntitlementDto } from './dto/grant-entitlement.dto';
import { RegisterChoiceDto } from './dto/register-choice.dto';
import { IdentityRegistry } from './identity/identity-registry';
import { PlacementWorkflow } from './placement-workflow';

/** Notice before a home-care switch takes effect, unless a caseworker registers it. */
const HOURLY_SWITCH_NOTICE_DAYS = 14;

/** Entitlements (rätt till tjänst), choices and switches (val, byte), non-choice (ickeval). */
@ApiTags('entitlements and choices')
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retrying with the same key appends nothing new',
})
@Controller('citizens/:citizenId/entitlements')
export class EntitlementsController {
  constructor(
    private readonly executor: CommandExecutor,
    private readonly records: RecordLoader,
    private readonly directory: ProviderDirectory,
    private readonly identities: IdentityRegistry,
    private readonly placements: PlacementWorkflow,
  ) {}

  @Post()
  @Allow('caseworker')
  async grant(
    @Param('citizenId') citizenId: string,
    @Body() dto: GrantEntitlementDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    if (!this.identities.identityOf(citizenId)) throw citizenNotFound();
    const entitlementId = dto.entitlementId ?? newRecordId(meta, 'entitlement');
    const scheme = await this.records.scheme(dto.schemeId);
    const result = await this.executor.execute(
      entitlementDecider,
      streamIds.entitlement(citizenId, entitlementId),
      { type: 'GrantEntitlement', data: { ...dto, entitlementId, citizenId, scheme } },
      meta,
      { request: dto },
    );
    return { ...result, entitlementId };
  }

  @Post(':entitlementId/level-changes')
  @Allow('caseworker')
  changeLevel(
    @Param('citizenId') citizenId: string,
    @Param('entitlementId') entitlementId: string,
    @Body() dto: ChangeLevelDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    return this.executor.execute(
      entitlementDecider,
      streamIds.entitlement(citizenId, entitlementId),
      { type: 'ChangeEntitlementLevel', data: { ...dto, entitlementId } },
      meta,
      { request: dto },
    );
  }

  /** Ends the entitlement; the citizen's place at the provider is given back from the next day. */
  @Post(':entitlementId/end')
  @Allow('caseworker')
  async end(
    @Param('citizenId') citizenId: string,
    @Param('entitlementId') entitlementId: string,
    @Body() dto: EndEntitlementDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const before = await this.records.entitlement(citizenId, entitlementId);
    const result = await this.executor.execute(
      entitlementDecider,
      streamIds.entitlement(citizenId, entitlementId),
      { type: 'EndEntitlement', data: { ...dto, entitlementId } },
      meta,
      { request: dto, reason: dto.reason },
    );
    const entitlement = await this.records.entitlement(citizenId, entitlementId);
    if (entitlement.status === 'not_granted') return result;
    // Give back every place the entitlement holds from the day after the end: the provider of
    // the end date, and a later one it was to move to (that placement is cancelled by the end).
    // A retried end (already ended before) falls back to the placement on the end date.
    const latest = before.status === 'granted' ? before.placements.at(-1)?.providerId : undefined;
    const holders = new Set([
      providerOn(before, dto.endDate),
      latest ?? providerOn(entitlement, dto.endDate),
    ]);
    for (const providerId of holders) {
      if (providerId === null || providerId === undefined) continue;
      await this.placements.release(
        entitlement.schemeId,
        providerId,
        entitlementId,
        addDays(dto.endDate, 1),
        meta,
        dto,
      );
    }
    return result;
  }

  /** Registers a choice of provider, or a switch when the citizen already has one then. */
  @Post(':entitlementId/choices')
  @Allow('caseworker', 'citizen')
  choose(
    @Param('citizenId') citizenId: string,
    @Param('entitlementId') entitlementId: string,
    @Body() dto: RegisterChoiceDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const actorRole = actorRoleOf(meta);
    return this.placements.place(
      {
        citizenId,
        entitlementId,
        providerId: dto.providerId,
        effectiveDate: dto.effectiveDate,
        reason: dto.reason ?? dto.switchReason,
        command: ({ scheme, choosability }) => ({
          type: 'RegisterChoice',
          data: {
            ...dto,
            entitlementId,
            actorRole,
            choosability,
            switchNoticeDays:
              scheme.status !== 'not_established' && scheme.paymentModel === 'hourly'
                ? HOURLY_SWITCH_NOTICE_DAYS
                : null,
          },
        }),
      },
      meta,
      dto,
    );
  }

  /** A caseworker assigns the scheme's non-choice provider (ickevalsalternativ). */
  @Post(':entitlementId/non-choice')
  @Allow('caseworker')
  async assignNonChoice(
    @Param('citizenId') citizenId: string,
    @Param('entitlementId') entitlementId: string,
    @Body() dto: AssignNonChoiceDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    const entitlement = await this.records.entitlement(citizenId, entitlementId);
    const schemeId = entitlement.status === 'not_granted' ? '' : entitlement.schemeId;
    const [scheme, providers] = await Promise.all([
      this.records.scheme(schemeId),
      this.directory.all(),
    ]);
    const providerId =
      entitlement.status === 'not_granted'
        ? ''
        : nonChoiceProviderFor(scheme, providers, { kind: 'designated' }, dto.effectiveDate);
    // Only caseworkers reach this endpoint (the access policy), or the system's own process.
    const actorRole = actorRoleOf(meta) === 'system' ? 'system' : 'caseworker';
    return this.placements.place(
      {
        citizenId,
        entitlementId,
        providerId,
        effectiveDate: dto.effectiveDate,
        reason: dto.reason,
        command: ({ choosability }) => ({
          type: 'AssignNonChoiceProvider',
          data: {
            entitlementId,
            providerId,
            effectiveDate: dto.effectiveDate,
            cause: dto.cause ?? 'no_choice',
            leavingProviderId:
              dto.cause === 'provider_leaving'
                ? providerOn(entitlement, addDays(dto.effectiveDate, -1))
                : null,
            actorRole,
            reason: dto.reason ?? null,
            choosability,
          },
        }),
      },
      meta,
      dto,
    );
  }
}
