/*
 * The only module that imports the EventStoreDB client. Everything else in this folder imports
 * from here, so moving to its successor `@kurrent/kurrentdb-client` (largely the same API) is a
 * change of this file, and no client type ever appears outside this folder.
 */
export {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient as Client,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  ErrorType,
  AccessDeniedError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  convertToCommandError,
  eventTypeFilter,
  excludeSystemEvents,
  isCommandError,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';

export type {
  AllStreamSubscription,
  AppendExpectedRevision,
  CommandError,
  CurrentRevision,
  Filter,
  Position,
  ReadPosition,
  ReadRevision,
  RecordedEvent as ClientRecordedEvent,
  StreamingRead,
} from '@eventstore/db-client';
