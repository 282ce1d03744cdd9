import { Matches } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { TIE_BREAKERS, TieBreaker } from '@kundval/domain';
import { IsDate, IsOneOf, IsRecordId, IsText } from '../../shared/field-validators';

/** Opens the school choice (skolval) of a scheme for a school year. */
export class OpenChoiceWindowDto {
  /** e.g. `grundskola.2027`. */
  @IsRecordId() roundId: string;
  @ApiProperty({ example: '2027/28' })
  @Matches(/^\d{4}\/\d{2}$/, { message: 'schoolYear must look like 2027/28' })
  schoolYear: string;
  @IsDate() opensOn: string;
  @IsDate() closesOn: string;
  /** First day of the school year, when placements start. */
  @IsDate() placementsFrom: string;
  @IsOneOf(TIE_BREAKERS) tieBreaker: TieBreaker;
  /** Committed up front (e.g. drawn in public), or given when the admission runs. */
  @IsText(100, false) lotterySeed?: string;
}
