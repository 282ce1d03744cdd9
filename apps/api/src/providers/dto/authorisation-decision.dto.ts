import { IsRecordId, IsTextList } from '../../shared/field-validators';

/** Grants or rejects the pending application in a scheme; a rejection gives reasons. */
export class AuthorisationDecisionDto {
  @IsRecordId() schemeId: string;
  @IsTextList(20, false) reasons?: string[];
}
