import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
  async get(@Param('citizenId') citizenId: string) {
    const identity = this.identities.identityOf(citizenId);
    const entitlements = await this.records.citizenEntitlements(citizenId);
    if (!identity && entitlements.length === 0) throw citizenNotFound();
    return {
      citizenId,
      masked: identity ? `${identity.personalNumber.slice(0, 8)}-****` : null,
      entitlements,
    };
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
