import { ApiProperty } from '@nestjs/swagger';
import { Matches, IsOptional, ValidateIf, IsInt, Min, Max } from 'class-validator';
import { IsOneOf } from '../../shared/field-validators';
import { PERIOD } from './approve-payment-run.dto';

/** How a monthly voucher is split between providers, and how far back corrections reach. */
export class SetPaymentRuleDto {
  @IsOneOf(['per_day', 'counting_day']) proration: 'per_day' | 'counting_day';
  /** With counting_day: mätdatum. */
  @ValidateIf((dto: SetPaymentRuleDto) => dto.proration === 'counting_day')
  @IsOneOf(['fifteenth', 'first_weekday', 'last_weekday'])
  countingDay?: 'fifteenth' | 'first_weekday' | 'last_weekday';
  /** 1 = previous month only, 0 = never, null = no limit. */
  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 120 })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(120)
  correctionWindowMonths: number | null;
  /** First month the rule applies to (default: the current month). */
  @ApiProperty({ required: false, example: '2026-12' })
  @IsOptional()
  @Matches(PERIOD, { message: 'effectiveFrom must be a month YYYY-MM' })
  effectiveFrom?: string;
}
