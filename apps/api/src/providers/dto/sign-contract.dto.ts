import { IsDate, IsRecordId } from '../../shared/field-validators';

export class SignContractDto {
  @IsRecordId() schemeId: string;
  @IsRecordId(false) contractId?: string;
  /** Defaults to today. */
  @IsDate(false) signedOn?: string;
}
