import { IsText } from '../../shared/field-validators';

export class RunAdmissionDto {
  /** The lottery seed, unless committed when the window opened. */
  @IsText(100, false) seed?: string;
}
