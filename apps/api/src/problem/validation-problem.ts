import { ValidationError } from '@nestjs/common';
import { FieldError, problem } from './problem';
import { ProblemException } from './problem-exception';

/** Turns class-validator failures into a 400 listing every failing field by its path. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fields: FieldError[] = [];
  const walk = (error: ValidationError, path: string) => {
    const field = path ? `${path}.${error.property}` : error.property;
    if (error.constraints) fields.push({ field, messages: Object.values(error.constraints) });
    error.children?.forEach((child) => walk(child, field));
  };
  errors.forEach((error) => walk(error, ''));
  return fieldsProblem(fields);
}

/** A 400 for malformed input, listing the failing fields (body, query or header) with why. */
export function fieldsProblem(fields: FieldError[]): ProblemException {
  return new ProblemException(
    problem(
      400,
      'VALIDATION_FAILED',
      'The request is malformed',
      `Invalid fields: ${fields.map((f) => f.field).join(', ')}`,
      {
        errors: fields,
      },
    ),
  );
}

/** A 400 for one malformed field. */
export function fieldProblem(field: string, message: string): ProblemException {
  return fieldsProblem([{ field, messages: [message] }]);
}
