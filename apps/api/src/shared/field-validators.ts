import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { isCalendarDate } from '@kundval/domain';

// Field decorators shared by every DTO: each states the rule once, for validation and OpenAPI.

const optional = (required: boolean) => (required ? [] : [IsOptional()]);
const doc = (options: ApiPropertyOptions, required: boolean) =>
  ApiProperty({ ...options, required } as ApiPropertyOptions);

/** An id chosen by the caller: letters, digits and . _ : - (at most 128). */
export const IsRecordId = (required = true) =>
  applyDecorators(
    ...optional(required),
    IsString(),
    Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
      message: '$property must be an id of letters, digits, . _ : - (at most 128)',
    }),
    doc({ type: String, example: 'hemtjanst' }, required),
  );

/** Non-blank free text with a length limit. */
export const IsText = (maxLength = 4000, required = true) =>
  applyDecorators(
    ...optional(required),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
    Matches(/\S/, { message: '$property must not be blank' }),
    doc({ type: String, maxLength }, required),
  );

/** A list of non-blank texts. */
export const IsTextList = (maxItems = 20, required = true) =>
  applyDecorators(
    ...optional(required),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MaxLength(2000, { each: true }),
    Matches(/\S/, { each: true, message: 'each of $property must not be blank' }),
    doc({ type: [String] }, required),
  );

/** A calendar date YYYY-MM-DD (Europe/Stockholm). */
export const IsDate = (required = true) =>
  applyDecorators(
    ...optional(required),
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: () => '$property must be a real date YYYY-MM-DD',
      },
    }),
    doc({ type: String, format: 'date', example: '2026-01-01' }, required),
  );

/** One of a fixed set of values. */
export const IsOneOf = (values: readonly string[], required = true) =>
  applyDecorators(
    ...optional(required),
    IsIn(values as string[], { message: `$property must be one of ${values.join(', ')}` }),
    doc({ enum: values as string[] }, required),
  );

/** An integer in a range (money in öre, counts, basis points). */
export const IsIntegerIn = (min: number, max: number, required = true) =>
  applyDecorators(
    ...optional(required),
    IsInt(),
    Min(min),
    Max(max),
    doc({ type: Number, minimum: min, maximum: max }, required),
  );

export const IsFlag = (required = true) =>
  applyDecorators(...optional(required), IsBoolean(), doc({ type: Boolean }, required));
