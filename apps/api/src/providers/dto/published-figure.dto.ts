import { ApiProperty } from '@nestjs/swagger';
import { IsFinite } from './is-finite';
import { FIGURE_UNITS } from '@kundval/domain';
import { IsOneOf, IsText } from '../../shared/field-validators';

export class PublishedFigureDto {
  @IsText(100) indicator: string;
  @ApiProperty({ type: Number })
  @IsFinite()
  value: number;
  @IsOneOf(FIGURE_UNITS) unit: (typeof FIGURE_UNITS)[number];
}
