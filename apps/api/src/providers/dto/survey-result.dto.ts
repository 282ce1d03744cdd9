import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsIntegerIn, IsRecordId, IsText } from '../../shared/field-validators';
import { PublishedFigureDto } from './published-figure.dto';

/** Results of a customer survey (kundundersökning). */
export class SurveyResultDto {
  @IsRecordId() schemeId: string;
  @IsIntegerIn(1980, 2200) year: number;
  @IsText(200) title: string;
  @IsIntegerIn(0, 10_000_000) respondents: number;
  @ApiProperty({ type: [PublishedFigureDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PublishedFigureDto)
  figures: PublishedFigureDto[];
}
