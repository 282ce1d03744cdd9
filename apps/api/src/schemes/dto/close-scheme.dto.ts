import { IsDate, IsText } from '../../shared/field-validators';

export class CloseSchemeDto {
  /** The first day the scheme is closed. */
  @IsDate() closingDate: string;
  @IsText(2000) reason: string;
}
