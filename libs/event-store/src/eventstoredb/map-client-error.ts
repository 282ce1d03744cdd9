import { EventStoreConfigurationError } from '../errors/event-store-configuration.error';
import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';
import { InvalidEventError } from '../errors/invalid-event.error';
import { WrongExpectedRevisionError } from '../errors/wrong-expected-revision.error';
import { ExpectedRevision } from '../port/expected-revision';
import {
  AccessDeniedError,
  CommandError,
  ErrorType,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  WrongExpectedVersionError,
  convertToCommandError,
  isCommandError,
} from './client';
import { fromClientExpectedRevision, toPortRevision } from './to-client-revision';

/** What the adapter was doing, to fill in what the client's error leaves out. */
export interface ClientErrorContext {
  streamId?: string;
  /** The port's expected revision of an append, reported as the caller wrote it. */
  expectedRevision?: ExpectedRevision;
}

// Thrown as a plain Error by the client when no cluster node answers gossip.
const DISCOVERY_FAILURE = /^Failed to discover after \d+ attempts/;

/**
 * Translates what the client throws into the port's errors: a concurrency conflict into
 * WrongExpectedRevisionError, an append the server cannot store into InvalidEventError, and every
 * failure to reach or use the server (gRPC status, timeout, lost leader, refused credentials, failed
 * discovery) into EventStoreUnavailableError. The port's own errors and errors that are not the
 * client's (bugs) pass through unchanged.
 */
export function mapClientError(error: unknown, context: ClientErrorContext = {}): Error {
  if (!(error instanceof Error)) return new Error(`EventStoreDB client failed: ${String(error)}`);
  if (isPortError(error)) return error;
  const converted = toCommandError(error);
  if (isCommandError(converted)) return fromCommandError(converted, context);
  if (DISCOVERY_FAILURE.test(error.message)) {
    return new EventStoreUnavailableError(
      `No EventStoreDB cluster node could be reached: ${error.message}`,
      { cause: error },
    );
  }
  if (hasGrpcStatus(error)) {
    return new EventStoreUnavailableError(`EventStoreDB failed: ${error.message}`, {
      cause: error,
    });
  }
  return error;
}

function fromCommandError(error: CommandError, context: ClientErrorContext): Error {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      context.streamId ?? error.streamName,
      context.expectedRevision ?? fromClientExpectedRevision(error.expectedVersion),
      toPortRevision(error.actualVersion),
    );
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidEventError(
      `The append to "${context.streamId ?? '?'}" is larger than EventStoreDB accepts ` +
        `(${error.maxAppendSize} bytes per append)`,
    );
  }
  if (error instanceof StreamDeletedError) {
    return new InvalidEventError(
      `Stream "${context.streamId ?? error.streamName}" was deleted in EventStoreDB and takes no more events`,
    );
  }
  if (error instanceof InvalidArgumentError) return new InvalidEventError(error.message);
  if (error instanceof AccessDeniedError) {
    return new EventStoreUnavailableError(
      'EventStoreDB refused access: set credentials with rights to read $all and write streams ' +
        `in EVENTSTORE_CONNECTION_STRING (${error.message || 'access denied'})`,
      { cause: error },
    );
  }
  return new EventStoreUnavailableError(
    `EventStoreDB ${REASONS[error.type] ?? 'failed'}: ${error.message}`,
    {
      cause: error,
    },
  );
}

const REASONS: Partial<Record<ErrorType, string>> = {
  [ErrorType.UNAVAILABLE]: 'is unavailable',
  [ErrorType.DEADLINE_EXCEEDED]: 'did not answer in time',
  [ErrorType.TIMEOUT]: 'timed out',
  [ErrorType.CANCELLED]: 'cancelled the call',
  [ErrorType.NOT_LEADER]: 'node is no longer the leader (the next call goes to the new one)',
  [ErrorType.NOT_FOUND]: 'does not offer this call',
  [ErrorType.UNSUPPORTED]: 'server version does not support this call',
  [ErrorType.UNKNOWN]: 'failed',
};

function isPortError(error: Error): boolean {
  return (
    error instanceof WrongExpectedRevisionError ||
    error instanceof EventStoreUnavailableError ||
    error instanceof InvalidEventError ||
    error instanceof EventStoreConfigurationError
  );
}

/** Raw gRPC errors (a numeric `code`) become the client's classes, as the client does itself. */
function toCommandError(error: Error): Error {
  try {
    return convertToCommandError(error);
  } catch {
    // The client's conversion assumes a gRPC error's `details`; without them keep the original.
    return error;
  }
}

function hasGrpcStatus(error: Error): boolean {
  return typeof (error as { code?: unknown }).code === 'number';
}
