import { IsDate, IsIntegerIn, IsRecordId } from '../../shared/field-validators';

export class ScheduleRateDto {
  /** An id for an age band, a school grade or a care level (e.g. `grade-1`); the domain keys rates by it. */
  @IsRecordId() level: string;
  /** Per month, hour or day according to the scheme's payment model, in öre; more than zero. */
  @IsIntegerIn(1, 100_000_000_00) amountOre: number;
  @IsDate() effectiveDate: string;
}
