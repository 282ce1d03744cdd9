import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import {
  EventStoreUnavailableError,
  InvalidEventError,
  WrongExpectedRevisionError,
} from '@kundval/event-store';
import { DomainError } from '@kundval/domain';
import type { HttpReply, HttpRequest } from '../shared/http-request';
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
    this.answer(error, http.getRequest<HttpRequest>(), http.getResponse<HttpReply>());
  }

  /** Answers an error; also for those Fastify raises before Nest routes a request (a bad URL). */
  answer(error: unknown, request: HttpRequest, reply: HttpReply): void {
    const body = { ...this.toProblem(error), instance: request.originalUrl };
    void reply.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
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
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return problem(status, requestErrorCode(status), error.message, error.message);
    }
    if (isRequestError(error)) {
      const badUrl = error.code === 'FST_ERR_BAD_URL';
      const code = badUrl ? 'MALFORMED_URL' : requestErrorCode(error.statusCode);
      return problem(error.statusCode, code, 'The request is refused', error.message);
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

/** Stable codes of the refusals the HTTP layer makes before a handler runs. */
const REQUEST_ERROR_CODES: Record<number, string> = {
  400: 'MALFORMED_REQUEST',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

function requestErrorCode(status: number): string {
  return REQUEST_ERROR_CODES[status] ?? `HTTP_${status}`;
}

/**
 * A refusal made before the handler ran, with the client's fault as its status: a body the JSON
 * reader refused (`RequestBodyError`), or one of Fastify's own (a body over the limit, a content
 * type it has no reader for, a path that is not valid percent-encoded UTF-8). Without this they
 * would surface as a 500.
 */
function isRequestError(error: unknown): error is Error & { statusCode: number; code?: string } {
  if (!(error instanceof Error)) return false;
  const { statusCode } = error as Error & { statusCode?: unknown };
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}
