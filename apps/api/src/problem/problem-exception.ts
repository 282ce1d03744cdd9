import { HttpException } from '@nestjs/common';
import { Problem } from './problem';

/** Thrown by controllers to answer with a specific problem document. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}
