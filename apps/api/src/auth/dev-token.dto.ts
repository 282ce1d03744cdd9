import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, Matches } from 'class-validator';
import { IsOneOf, IsRecordId, IsText } from '../shared/field-validators';
import { Role, ROLES } from './roles';

export class DevTokenDto {
  @IsOneOf(ROLES) role: Role;
  /** Who signs in (pseudonymous id). */
  @IsText(200) subject: string;
  @IsRecordId(false) providerId?: string;
  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    each: true,
    message: 'each citizen id must be an id',
  })
  citizenIds?: string[];
}
