import { IsDate, IsOneOf, IsText } from '../../shared/field-validators';

/** A caseworker assigns the scheme's non-choice alternative (ickevalsalternativ). */
export class AssignNonChoiceDto {
  @IsDate() effectiveDate: string;
  @IsOneOf(['no_choice', 'provider_leaving'], false) cause?: 'no_choice' | 'provider_leaving';
  @IsText(2000, false) reason?: string;
}
