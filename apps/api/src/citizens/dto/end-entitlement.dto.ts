import { IsDate, IsText } from '../../shared/field-validators';

export class EndEntitlementDto {
  /** Last day entitled (inclusive). */
  @IsDate() endDate: string;
  @IsText(2000) reason: string;
}
