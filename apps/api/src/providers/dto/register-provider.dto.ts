import { Ownership, OWNERSHIPS } from '@kundval/domain';
import { IsOneOf, IsRecordId, IsText } from '../../shared/field-validators';

export class RegisterProviderDto {
  /** Chosen by the caller; generated when absent. */
  @IsRecordId(false) providerId?: string;
  /** Organisationsnummer, `NNNNNNNNNN` or `NNNNNN-NNNN`; the check digit is verified. */
  @IsText(20) organisationNumber: string;
  @IsText(200) name: string;
  @IsOneOf(OWNERSHIPS) ownership: Ownership;
}
