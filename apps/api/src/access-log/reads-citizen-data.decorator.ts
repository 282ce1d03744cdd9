import { SetMetadata } from '@nestjs/common';
import type { HttpRequest } from '../shared/http-request';

export const READS_CITIZEN_DATA = 'kundval:reads-citizen-data';

export interface CitizenDataRead {
  what: string;
  /** The citizens whose data the answer holds; default: the `citizenId` path parameter. */
  citizens?: (request: HttpRequest, body: unknown) => string[];
}

/** Marks an endpoint whose answer holds a citizen's data: every successful call is access-logged. */
export const ReadsCitizenData = (what: string, citizens?: CitizenDataRead['citizens']) =>
  SetMetadata(READS_CITIZEN_DATA, { what, citizens } satisfies CitizenDataRead);

const noted = new WeakMap<HttpRequest, string[]>();

/** Notes whose data a handler's answer holds, where the answer cannot say it (a CSV file). */
export function noteCitizensRead(request: HttpRequest, citizenIds: string[]): void {
  noted.set(request, citizenIds);
}

/** The citizens a handler noted for its request. */
export function citizensNoted(request: HttpRequest): string[] {
  return noted.get(request) ?? [];
}
