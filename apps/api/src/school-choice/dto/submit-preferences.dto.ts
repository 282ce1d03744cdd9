import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsObject,
  IsOptional,
  Matches,
  ValidateBy,
} from 'class-validator';
import { CHOOSER_CHANNELS, CHOOSERS, Chooser, ChooserChannel } from '@kundval/domain';
import { IsOneOf, IsRecordId } from '../../shared/field-validators';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** A family's ranked school preferences for one pupil (1–5); a new submission replaces the last. */
export class SubmitPreferencesDto {
  @IsRecordId() citizenId: string;
  @IsRecordId() entitlementId: string;
  @ApiProperty({ type: [String], minItems: 1, maxItems: 5 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @Matches(ID, { each: true, message: 'each preference must be a provider id' })
  preferences: string[];
  @ApiProperty({ type: [String], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @Matches(ID, { each: true, message: 'each of siblingAt must be a provider id' })
  siblingAt?: string[];
  /** Metres from home per school, for the distance tie-breaker. */
  @ApiProperty({ type: Object, required: false, example: { 'school-a': 850 } })
  @IsOptional()
  @IsObject()
  @ValidateBy({
    name: 'distances',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        Object.keys(value).length <= 5 &&
        Object.entries(value).every(
          ([k, v]) => ID.test(k) && Number.isInteger(v) && v >= 0 && v <= 1_000_000,
        ),
      defaultMessage: () => 'distanceMetres must map provider ids to whole metres (0–1,000,000)',
    },
  })
  distanceMetres?: Record<string, number>;
  @IsOneOf(CHOOSERS) madeBy: Chooser;
  @IsOneOf(CHOOSER_CHANNELS) channel: ChooserChannel;
}
