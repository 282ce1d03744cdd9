import { IsDate, IsIntegerIn, IsRecordId, IsText } from '../../shared/field-validators';

export class GrantEntitlementDto {
  /** Generated when absent. */
  @IsRecordId(false) entitlementId?: string;
  @IsRecordId() schemeId: string;
  /** The decision's reference (diarienummer, beslutsnummer). */
  @IsText(100) decisionRef: string;
  /** Age band, school grade or care level, as the scheme's rates name it. */
  @IsRecordId() level: string;
  /** Hourly schemes (home care) only. */
  @IsIntegerIn(1, 744, false) grantedHoursPerMonth?: number;
  @IsDate() validFrom: string;
  /** Last day entitled (inclusive). */
  @IsDate(false) validTo?: string;
  /** Last day to choose; after it the non-choice alternative is assigned. */
  @IsDate(false) choiceDeadline?: string;
}
