import { IsNumber, Max, Min } from 'class-validator';
import { applyDecorators } from '@nestjs/common';

/** A finite number of reasonable size (a published figure). */
export const IsFinite = () =>
  applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Min(-1e9), Max(1e9));
