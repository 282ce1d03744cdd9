import { IsDate, IsFlag, IsRecordId, IsText } from '../../shared/field-validators';

export class RecordVisitDto {
  @IsRecordId() schemeId: string;
  @IsDate() visitedOn: string;
  @IsFlag() announced: boolean;
  @IsText(4000) findings: string;
}
