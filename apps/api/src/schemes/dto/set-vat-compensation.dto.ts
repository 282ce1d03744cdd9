import { IsDate, IsIntegerIn } from '../../shared/field-validators';

export class SetVatCompensationDto {
  /** 600 = 6 %. */
  @IsIntegerIn(0, 10_000) basisPoints: number;
  @IsDate() effectiveDate: string;
}
