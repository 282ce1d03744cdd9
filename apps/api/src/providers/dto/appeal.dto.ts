import { IsDate, IsRecordId, IsText } from '../../shared/field-validators';

export class AppealDto {
  @IsRecordId() schemeId: string;
  /** e.g. Förvaltningsrätten i Stockholm */
  @IsText(200) court: string;
  @IsDate() filedOn: string;
}
