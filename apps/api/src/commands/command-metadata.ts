import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { headerOf } from '../shared/http-request';
import { problem } from '../problem/problem';
import { ProblemException } from '../problem/problem-exception';

/** What the HTTP request says about who is acting and why; goes into every event's metadata. */
export interface CommandMetadata {
  idempotencyKey?: string;
  correlationId: string;
  causationId?: string;
  actor: string;
  role: string;
  channel: string;
}

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Reads `Idempotency-Key`, `X-Correlation-Id`, `X-Causation-Id` and `X-Channel`; the actor and
 * role come from the verified token.
 */
export const CommandMeta = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): CommandMetadata => {
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = (name: string) => {
      const value = headerOf(request, name)?.trim();
      if (value !== undefined && value.length > 200) {
        throw new ProblemException(
          problem(
            400,
            'HEADER_TOO_LONG',
            'A header is too long',
            `${name} is longer than 200 characters`,
          ),
        );
      }
      return value || undefined;
    };
    const idempotencyKey = header('Idempotency-Key');
    if (idempotencyKey !== undefined && !KEY.test(idempotencyKey)) {
      throw new ProblemException(
        problem(
          400,
          'INVALID_IDEMPOTENCY_KEY',
          'Invalid Idempotency-Key',
          'Idempotency-Key must be 8–128 characters of letters, digits, . _ : -',
          {
            errors: [
              {
                field: 'Idempotency-Key',
                messages: ['must be 8–128 characters of letters, digits, . _ : -'],
              },
            ],
          },
        ),
      );
    }
    return {
      idempotencyKey,
      correlationId: header('X-Correlation-Id') ?? randomUUID(),
      causationId: header('X-Causation-Id'),
      // Who acts is who signed in: the verified token, never a header the caller could set.
      actor: request.principal?.subject ?? 'anonymous',
      role: request.principal?.role ?? 'anonymous',
      channel: header('X-Channel') ?? 'api',
    };
  },
);
