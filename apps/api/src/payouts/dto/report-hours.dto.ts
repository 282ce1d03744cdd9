import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsIntegerIn, IsRecordId } from '../../shared/field-validators';
import { PERIOD } from './approve-payment-run.dto';

/** A provider's report of hours performed for a citizen in a month; a new report replaces it. */
export class ReportHoursDto {
  @ApiProperty({ example: '2026-10' })
  @Matches(PERIOD, { message: 'period must be a month YYYY-MM' })
  period: string;
  @IsRecordId() providerId: string;
  /** Hours × 100 (12.5 h = 1250). */
  @IsIntegerIn(0, 74_400) hundredthsOfHours: number;
  @IsRecordId(false) reportId?: string;
}
