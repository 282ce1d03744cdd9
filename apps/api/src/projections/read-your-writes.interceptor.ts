import { fieldProblem } from '../problem/validation-problem';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HttpRequest, queryOf } from '../shared/http-request';
import { from, Observable, switchMap } from 'rxjs';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';
import { ProjectionRunner } from './projection-runner';

const MAX_WAIT_MS = 5_000;

/**
 * Read-your-writes: a query with `?minPosition=P` (the `position` a command answered with) waits
 * until the read models have applied the log up to P, at most five seconds, before it runs.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly runner: ProjectionRunner) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const raw = queryOf(request).minPosition;
    if (request.method !== 'GET' || raw === undefined) return next.handle();
    const position = Number(raw);
    if (!Number.isSafeInteger(position) || position < 0) {
      throw fieldProblem('minPosition', 'minPosition must be a non-negative integer');
    }
    return from(this.runner.waitFor(position, MAX_WAIT_MS)).pipe(
      switchMap((reached) => {
        if (!reached) {
          throw new ProblemException(
            problem(
              503,
              'READ_MODEL_BEHIND',
              'The read models are behind',
              `They have not reached position ${position} yet; retry shortly`,
            ),
          );
        }
        return next.handle();
      }),
    );
  }
}
