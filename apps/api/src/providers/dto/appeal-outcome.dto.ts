import { IsDate, IsOneOf, IsRecordId } from '../../shared/field-validators';

export class AppealOutcomeDto {
  @IsRecordId() schemeId: string;
  /** upheld: the de-authorisation stands; overturned: the provider is reinstated. */
  @IsOneOf(['upheld', 'overturned']) outcome: 'upheld' | 'overturned';
  @IsDate() ruledOn: string;
}
