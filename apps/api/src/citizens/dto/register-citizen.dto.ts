import { IsText } from '../../shared/field-validators';

export class RegisterCitizenDto {
  /** Personnummer or samordningsnummer: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN or YYMMDD+NNNN. */
  @IsText(13) personalNumber: string;
  @IsText(200, false) name?: string;
}
