import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, tap } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { HttpRequest } from '../shared/http-request';
import { paramsOf, pathOf, queryOf } from '../shared/http-request';
import { AccessLog } from './access-log';

export const READS_CITIZEN_DATA = 'kundval:reads-citizen-data';

/** What an endpoint that reads citizen data logs. */
export interface CitizenDataRead {
  what: string;
  /** The citizens whose data the answer holds; default: the `citizenId` path parameter. */
  citizens?: (request: HttpRequest, body: unknown) => string[];
}

/**
 * Records every successful read of a citizen's data. Applied by `@ReadsCitizenData` to the
 * endpoints it marks, and only to them: on every other route it would be work for nothing.
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessLog) private readonly log: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const read = this.reflector.get<CitizenDataRead | undefined>(
      READS_CITIZEN_DATA,
      context.getHandler(),
    );
    if (!read) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      tap((body) => {
        const citizens = read.citizens
          ? read.citizens(request, body)
          : [String(paramsOf(request).citizenId ?? '')];
        const { purpose: asked } = queryOf(request);
        const purpose = typeof asked === 'string' ? asked.slice(0, 500) : null;
        const at = new Date().toISOString();
        this.log.record(
          [...new Set(citizens.filter(Boolean))].map((citizenId) => ({
            at,
            actor: request.principal?.subject ?? 'anonymous',
            role: request.principal?.role ?? 'anonymous',
            citizenId,
            what: read.what,
            purpose,
            path: pathOf(request),
          })),
        );
      }),
    );
  }
}
