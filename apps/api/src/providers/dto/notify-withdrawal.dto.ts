import { IsDate, IsRecordId } from '../../shared/field-validators';

export class NotifyWithdrawalDto {
  @IsRecordId() schemeId: string;
  /** At least the scheme's notice period after today. */
  @IsDate() effectiveDate: string;
}
