import { ApiProperty } from '@nestjs/swagger';
import { IsFinite } from './is-finite';
import { FIGURE_UNITS } from '@kundval/domain';
import { IsOneOf, IsRecordId } from '../../shared/field-validators';

export class PublishedFigureDto {
  /** An id such as `overall-satisfaction`: figures are compared across providers by it. */
  @IsRecordId() indicator: string;
  @ApiProperty({ type: Number })
  @IsFinite()
  value: number;
  @IsOneOf(FIGURE_UNITS) unit: (typeof FIGURE_UNITS)[number];
}
