import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsRecordId } from '../../shared/field-validators';
import { EvidenceDto } from './evidence.dto';

export class ApplyForAuthorisationDto {
  @IsRecordId() schemeId: string;
  /** Evidence for every condition the scheme checks at authorisation. */
  @ApiProperty({ type: [EvidenceDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EvidenceDto)
  evidence: EvidenceDto[];
}
