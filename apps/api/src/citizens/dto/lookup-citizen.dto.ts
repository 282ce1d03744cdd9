import { IsText } from '../../shared/field-validators';

/** A lookup by number goes in a body, not a URL, so the number stays out of access logs. */
export class LookupCitizenDto {
  @IsText(13) personalNumber: string;
}
