import { Controller, Get, Param, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import { ApiTags } from '@nestjs/swagger';
import { ReadsCitizenData } from '../access-log/reads-citizen-data.decorator';
import { CitizenHistory } from './citizen-history';

/**
 * The auditor's view of one citizen: every event in order with who, when, why and through which
 * channel; and the state as of any instant or log position, replayed from the log itself.
 */
@ApiTags('read models')
@Controller('citizens/:citizenId')
export class AuditTrailController {
  constructor(private readonly citizens: CitizenHistory) {}

  @Get('history')
  @ReadsCitizenData('history')
  @Allow('caseworker', 'citizen')
  async history(@Param('citizenId') citizenId: string) {
    return { citizenId, events: await this.citizens.history(citizenId) };
  }

  @Get('as-of')
  @ReadsCitizenData('as-of')
  @Allow('caseworker', 'citizen')
  asOf(
    @Param('citizenId') citizenId: string,
    @Query('at') at?: string,
    @Query('position') position?: string,
  ) {
    return this.citizens.asOf(citizenId, at, position);
  }
}
