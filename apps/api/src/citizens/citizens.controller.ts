import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_STORE, EventStore } from '@kundval/event-store';
import { ReadsCitizenData } from '../access-log/reads-citizen-data.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { CommandMeta, CommandMetadata } from '../commands/command-metadata';
import { EraseCitizenDto } from './dto/erase-citizen.dto';
import { maskPersonalNumber, personalNumberFor } from './identity/personal-number-view';
import { Allow } from '../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import { parsePersonalIdentityNumber, stockholmDateOf } from '@kundval/domain';
import { problem } from '../problem/problem';
import { Clock } from '../shared/clock';
import { ProblemException } from '../problem/problem-exception';
import { RecordLoader } from '../records/record-loader';
import { LookupCitizenDto } from './dto/lookup-citizen.dto';
import { RegisterCitizenDto } from './dto/register-citizen.dto';
import { IdentityRegistry } from './identity/identity-registry';

/**
 * Citizens (kunder): the personal identity number is taken here, checked and swapped for a
 * pseudonymous citizen id; everything else refers to that id.
 */
@ApiTags('citizens')
@Controller('citizens')
export class CitizensController {
  constructor(
    private readonly identities: IdentityRegistry,
    private readonly records: RecordLoader,
    private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private today(): string {
    return stockholmDateOf(this.clock.now());
  }

  /** Registers a citizen (or finds the one already registered under the number). */
  @Post()
  @Allow('caseworker')
  register(@Body() dto: RegisterCitizenDto) {
    const number = parsePersonalIdentityNumber(dto.personalNumber, this.today());
    const { citizenId, created } = this.identities.register(number.normalized, dto.name ?? null);
    return { citizenId, masked: number.masked, kind: number.kind, created };
  }

  @Post('lookup')
  @ReadsCitizenData('lookup', (_, body) => [(body as { citizenId: string }).citizenId])
  @Allow('caseworker', 'finance')
  @HttpCode(200)
  lookup(@Body() dto: LookupCitizenDto) {
    const number = parsePersonalIdentityNumber(dto.personalNumber, this.today());
    const citizenId = this.identities.find(number.normalized);
    if (!citizenId) throw citizenNotFound();
    return { citizenId, masked: number.masked };
  }

  /** The citizen's entitlements with their placements (current and past). */
  @Get(':citizenId')
  @Allow('caseworker', 'citizen')
  @ReadsCitizenData('entitlements')
  async get(@Param('citizenId') citizenId: string, @CurrentPrincipal() principal?: Principal) {
    const masked = personalNumberFor(this.identities, citizenId, principal);
    const entitlements = await this.records.citizenEntitlements(citizenId);
    if (masked === null && entitlements.length === 0 && !this.identities.isErased(citizenId))
      throw citizenNotFound();
    return {
      citizenId,
      /** In full for caseworkers, masked for others, null once the identity is erased. */
      personalNumber: masked,
      masked: masked && maskPersonalNumber(masked),
      erased: this.identities.isErased(citizenId),
      entitlements,
    };
  }

  /**
   * Erases the citizen's identity after the retention period: the key is destroyed, the number and
   * name are gone from every answer and export, and the history and payments stay, pseudonymous.
   */
  @Post(':citizenId/erase')
  @Allow('caseworker')
  @HttpCode(200)
  async erase(
    @Param('citizenId') citizenId: string,
    @Body() dto: EraseCitizenDto,
    @CommandMeta() meta: CommandMetadata,
  ) {
    if (!this.identities.identityOf(citizenId)) {
      if (this.identities.isErased(citizenId))
        return { citizenId, erased: true, alreadyErased: true };
      throw citizenNotFound();
    }
    this.identities.erase(citizenId);
    const result = await this.store.append(`citizen-${citizenId}`, [
      {
        id: randomUUID(),
        type: 'CitizenIdentityErased',
        data: { citizenId, erasedOn: stockholmDateOf(this.clock.now()) },
        metadata: {
          correlationId: meta.correlationId,
          actor: meta.actor,
          role: meta.role,
          channel: meta.channel,
          reason: dto.reason,
        },
      },
    ]);
    return { citizenId, erased: true, alreadyErased: false, position: result.position };
  }
}

export function citizenNotFound(): ProblemException {
  return new ProblemException(
    problem(
      404,
      'CITIZEN_NOT_FOUND',
      'No such citizen',
      'No citizen is registered under that id or number',
    ),
  );
}
