import { IsRecordId, IsText } from '../../shared/field-validators';

export class IssueWarningDto {
  @IsRecordId() schemeId: string;
  /** The condition whose deficiency is the ground for the warning. */
  @IsRecordId() conditionId: string;
  @IsText(4000) deficiency: string;
}
