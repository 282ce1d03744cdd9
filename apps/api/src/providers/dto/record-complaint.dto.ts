import { IsDate, IsFlag, IsRecordId, IsText } from '../../shared/field-validators';

export class RecordComplaintDto {
  @IsRecordId() schemeId: string;
  @IsDate() receivedOn: string;
  /** Must not identify a person. */
  @IsText(4000) summary: string;
  @IsFlag() serious: boolean;
}
