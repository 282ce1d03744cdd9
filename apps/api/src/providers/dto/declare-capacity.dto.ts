import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { IsRecordId } from '../../shared/field-validators';

export class DeclareCapacityDto {
  @IsRecordId() schemeId: string;
  /** Kapacitetstak: the most customers the provider takes in the scheme; null removes the ceiling. */
  @ApiProperty({ type: Number, nullable: true, minimum: 0 })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  ceiling: number | null;
}
