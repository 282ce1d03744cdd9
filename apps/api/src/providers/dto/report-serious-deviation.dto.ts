import { IsDate, IsRecordId, IsText } from '../../shared/field-validators';

export class ReportSeriousDeviationDto {
  @IsRecordId() schemeId: string;
  @IsDate() occurredOn: string;
  @IsText(4000) description: string;
}
