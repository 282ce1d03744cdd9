import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsRecordId } from '../../shared/field-validators';

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export class ApprovePaymentRunDto {
  /** One scheme; leave out to run every scheme. */
  @IsRecordId(false) schemeId?: string;
  @ApiProperty({ example: '2026-10', description: 'A calendar month that has ended' })
  @Matches(PERIOD, { message: 'period must be a month YYYY-MM' })
  period: string;
}
