import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsIntegerIn, IsRecordId, IsText } from '../../shared/field-validators';
import { PublishedFigureDto } from './published-figure.dto';

/** The annual quality report (kvalitetsredovisning). */
export class QualityReportDto {
  @IsRecordId() schemeId: string;
  @IsIntegerIn(1980, 2200) year: number;
  @IsText(4000) summary: string;
  @ApiProperty({ type: [PublishedFigureDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PublishedFigureDto)
  figures: PublishedFigureDto[];
}
