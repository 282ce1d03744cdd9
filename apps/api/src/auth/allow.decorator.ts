import { SetMetadata } from '@nestjs/common';
import { Role, ROLES } from './roles';

export const ALLOWED_ROLES = 'kundval:allowed-roles';
export const PUBLIC_ROUTE = 'kundval:public';

/**
 * The roles that may call an endpoint. Every endpoint names its roles; one without is refused to
 * everyone (deny by default). Auditors may read every GET endpoint and change nothing, so they are
 * not listed. Provider and citizen callers are further limited to their own records by the guard.
 */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** Everyone who works at the municipality or a provider; for reads that hold no personal data. */
export const STAFF: Role[] = ROLES.filter((r) => r !== 'citizen');

/** No token needed: health, the demo sign-in, the web pages. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
