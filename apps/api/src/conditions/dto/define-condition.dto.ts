import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CONSEQUENCES, Consequence, CONTROL_POINTS, ControlPoint } from '@kundval/domain';
import { IsOneOf, IsRecordId, IsText } from '../../shared/field-validators';

/** An authorisation condition (auktorisationsvillkor), general or specific to a scheme. */
export class DefineConditionDto {
  @IsRecordId() conditionId: string;
  @IsText(200) title: string;
  @IsText(4000) text: string;
  @ApiProperty({ enum: CONTROL_POINTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(CONTROL_POINTS as unknown as string[], {
    each: true,
    message: `each control point must be one of ${CONTROL_POINTS.join(', ')}`,
  })
  controlPoints: ControlPoint[];
  @IsOneOf(CONSEQUENCES) consequence: Consequence;
}
