import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, Matches } from 'class-validator';
import { IsDate, IsRecordId, IsTextList } from '../../shared/field-validators';

export class DecideDeauthorisationDto {
  @IsRecordId() schemeId: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    each: true,
    message: 'each of $property must be a condition id',
  })
  conditionIds: string[];
  @IsTextList() reasons: string[];
  /** From this date the provider is no longer authorised and payments stop. */
  @IsDate() effectiveDate: string;
}
