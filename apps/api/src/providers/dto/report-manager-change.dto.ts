import { IsDate, IsText } from '../../shared/field-validators';

export class ReportManagerChangeDto {
  @IsText(200) newManagerName: string;
  @IsDate() takesOverOn: string;
}
