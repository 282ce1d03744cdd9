import { IsDate, IsIntegerIn, IsRecordId, IsText } from '../../shared/field-validators';

/** Tilläggsbelopp: an individual supplement for special needs, per month. */
export class GrantSupplementDto {
  @IsRecordId(false) supplementId?: string;
  @IsIntegerIn(1, 100_000_000) amountOrePerMonth: number;
  @IsDate() from: string;
  @IsDate(false) to?: string;
  @IsText(100) decisionRef: string;
}
