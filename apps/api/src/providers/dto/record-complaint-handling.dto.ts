import { IsDate, IsText } from '../../shared/field-validators';

export class RecordComplaintHandlingDto {
  @IsDate() handledOn: string;
  @IsText(4000) measures: string;
}
