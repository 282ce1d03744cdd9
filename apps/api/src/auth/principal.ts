import { Role } from './roles';

/** The authenticated caller, from a verified token. */
export interface Principal {
  /** Pseudonymous id of the person (token `sub`). */
  subject: string;
  role: Role;
  /** For provider staff: the provider they act for. */
  providerId?: string;
  /** For citizens: their own citizen id and those they are guardian or representative for. */
  citizenIds?: string[];
}
