import { IsDate, IsText } from '../../shared/field-validators';

export class EndSupplementDto {
  @IsDate() endDate: string;
  @IsText(2000) reason: string;
}
