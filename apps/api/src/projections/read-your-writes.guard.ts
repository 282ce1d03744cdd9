import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { fieldProblem } from '../problem/validation-problem';
import { HttpRequest, queryOf } from '../shared/http-request';
import { ProjectionRunner } from './projection-runner';
import { readModelsBehind } from './read-models-behind';

const MAX_WAIT_MS = 5_000;

/**
 * Read-your-writes: a query with `?minPosition=P` (the `position` a command answered with) waits
 * until the read models have applied the log up to P, at most five seconds, before it runs. A
 * guard, after the one that authenticates (its module comes first), so that only a signed-in
 * caller waits; and not an interceptor, whose per-request machinery every route would pay for.
 */
@Injectable()
export class ReadYourWritesGuard implements CanActivate {
  constructor(private readonly runner: ProjectionRunner) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const raw = queryOf(request).minPosition;
    if (request.method !== 'GET' || raw === undefined) return true;
    const position = Number(raw);
    if (!Number.isSafeInteger(position) || position < 0) {
      throw fieldProblem('minPosition', 'minPosition must be a non-negative integer');
    }
    if (await this.runner.waitFor(position, MAX_WAIT_MS)) return true;
    throw readModelsBehind(`They have not reached position ${position} yet; retry shortly`);
  }
}
