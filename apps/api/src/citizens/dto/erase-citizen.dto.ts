import { IsText } from '../../shared/field-validators';

export class EraseCitizenDto {
  /** e.g. the retention period that has ended, with the decision's reference. */
  @IsText(2000) reason: string;
}
