import { DomainError } from './domain.error';

/**
 * Exhaustiveness guard for command switches: given the narrowed command (or, for a one-command
 * union, its `type`) in the `default` branch, the compiler proves it unreachable, and at run time
 * (an untyped caller) it refuses the command instead of silently deciding nothing.
 */
export function unknownCommand(command: never): never {
  const value = command as unknown;
  const type =
    typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : value;
  throw new DomainError('INVALID_INPUT', `Unknown command type "${String(type)}".`, {
    field: 'type',
  });
}
