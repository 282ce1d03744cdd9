import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import type { HttpRequest } from '../shared/http-request';
import {
  AccessLogInterceptor,
  CitizenDataRead,
  READS_CITIZEN_DATA,
} from './access-log.interceptor';

/** Marks an endpoint whose answer holds a citizen's data: every successful call is access-logged. */
export const ReadsCitizenData = (what: string, citizens?: CitizenDataRead['citizens']) =>
  applyDecorators(
    SetMetadata(READS_CITIZEN_DATA, { what, citizens } satisfies CitizenDataRead),
    UseInterceptors(AccessLogInterceptor),
  );

const noted = new WeakMap<HttpRequest, string[]>();

/** Notes whose data a handler's answer holds, where the answer cannot say it (a CSV file). */
export function noteCitizensRead(request: HttpRequest, citizenIds: string[]): void {
  noted.set(request, citizenIds);
}

/** The citizens a handler noted for its request. */
export function citizensNoted(request: HttpRequest): string[] {
  return noted.get(request) ?? [];
}
