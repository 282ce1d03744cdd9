import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const READS_CITIZEN_DATA = 'kundval:reads-citizen-data';

export interface CitizenDataRead {
  what: string;
  /** The citizens whose data the answer holds; default: the `citizenId` path parameter. */
  citizens?: (request: Request, body: unknown) => string[];
}

/** Marks an endpoint whose answer holds a citizen's data: every successful call is access-logged. */
export const ReadsCitizenData = (what: string, citizens?: CitizenDataRead['citizens']) =>
  SetMetadata(READS_CITIZEN_DATA, { what, citizens } satisfies CitizenDataRead);
