import { IsDate, IsIntegerIn, IsRecordId, IsText } from '../../shared/field-validators';

export class ChangeLevelDto {
  @IsRecordId() level: string;
  @IsDate() effectiveDate: string;
  @IsIntegerIn(1, 744, false) grantedHoursPerMonth?: number;
  @IsText(100, false) decisionRef?: string;
}
