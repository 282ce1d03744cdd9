import { IsDate, IsIntegerIn, IsText } from '../../shared/field-validators';

export class ScheduleRateDto {
  /** e.g. an age band, a school grade or a care level. */
  @IsText(100) level: string;
  /** Per month, hour or day according to the scheme's payment model, in öre. */
  @IsIntegerIn(0, 100_000_000_00) amountOre: number;
  @IsDate() effectiveDate: string;
}
