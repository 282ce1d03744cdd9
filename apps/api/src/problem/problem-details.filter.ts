import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import {
  EventStoreUnavailableError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from '@kundval/event-store';
import { DomainError } from '@kundval/domain';
import type { Request, Response } from 'express';
import { Problem, PROBLEM_CONTENT_TYPE, problem } from './problem';
import { ProblemException } from './problem-exception';

/** Malformed input is 400, an unknown id 404; a refused rule conflicts with the record's state. */
const DOMAIN_STATUS: Record<DomainError['kind'], number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  rule_violation: 409,
};

/**
 * The one place where errors become HTTP answers: every error body is problem+json with a stable
 * code, and nothing internal (stack, SQL) leaks; unexpected errors are logged, answered with 500.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = { ...this.toProblem(error), instance: request.originalUrl };
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof ProblemException) return error.problem;
    if (error instanceof DomainError) {
      const status = DOMAIN_STATUS[error.kind];
      return problem(
        status,
        error.code,
        'The command breaks a rule',
        error.message,
        error.details ? { details: error.details } : {},
      );
    }
    if (error instanceof WrongExpectedRevisionError) {
      return problem(
        409,
        'CONCURRENCY_CONFLICT',
        'Someone else changed this first',
        'The record changed while the command was being decided; read it again and retry',
        {
          actualRevision: error.actualRevision,
        },
      );
    }
    if (error instanceof InvalidEventError)
      return problem(400, error.code, 'The request cannot be stored', error.message);
    if (error instanceof EventStoreUnavailableError) {
      this.logger.error(error.message);
      return problem(503, error.code, 'The event store is unavailable', error.message);
    }
    if (error instanceof HttpException || isBodyParserError(error)) {
      const status = error instanceof HttpException ? error.getStatus() : error.status;
      const code =
        status === 404
          ? 'NOT_FOUND'
          : status === 413
            ? 'PAYLOAD_TOO_LARGE'
            : status === 400
              ? 'MALFORMED_REQUEST'
              : `HTTP_${status}`;
      return problem(
        status,
        code,
        error.message,
        status === 400 ? 'The request body is not valid JSON or not an object' : error.message,
      );
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return problem(
      500,
      'INTERNAL_ERROR',
      'Internal error',
      'The request failed unexpectedly; it has been logged',
    );
  }
}

/**
 * An error from Express's body parser (http-errors with `expose`): a body over the size limit
 * (413), an unsupported charset or encoding (415), an aborted upload or a body that does not
 * inflate as its Content-Encoding says (400; a zlib error, which has no `type`). Nest turns only
 * its JSON syntax errors into HttpExceptions; the rest would otherwise surface as a 500.
 */
function isBodyParserError(error: unknown): error is Error & { status: number } {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true;
}
