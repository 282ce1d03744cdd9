import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  InvalidArgumentError,
  MaxAppendSizeExceededError,
  NotFoundError,
  StreamDeletedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  UnsupportedError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreConfigurationError } from '../errors/event-store-configuration.error';
import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';
import { InvalidEventError } from '../errors/invalid-event.error';
import { WrongExpectedRevisionError } from '../errors/wrong-expected-revision.error';
import { mapClientError } from './map-client-error';

describe('mapClientError', () => {
  describe('WrongExpectedVersionError', () => {
    it('becomes WrongExpectedRevisionError with the caller’s stream and expected revision', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'citizen-1',
        expected: BigInt(3),
        current: BigInt(5),
      });
      const mapped = mapClientError(error, { streamId: 'citizen-1', expectedRevision: 3 });
      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({
        streamId: 'citizen-1',
        expectedRevision: 3,
        actualRevision: 5,
      });
    });

    it('reports a missing stream as revision -1', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'citizen-2',
        expected: 'stream_exists',
        current: 'no_stream',
      });
      expect(mapClientError(error, { expectedRevision: 'stream_exists' })).toMatchObject({
        streamId: 'citizen-2',
        expectedRevision: 'stream_exists',
        actualRevision: -1,
      });
    });

    it('falls back to what the client reports when no context is given', () => {
      const error = new WrongExpectedVersionError(undefined, {
        streamName: 'provider-9',
        expected: 'no_stream',
        current: BigInt(0),
      });
      expect(mapClientError(error)).toMatchObject({
        streamId: 'provider-9',
        expectedRevision: 'no_stream',
        actualRevision: 0,
      });
    });
  });

  it('turns an append over the server’s size limit into InvalidEventError', () => {
    const mapped = mapClientError(MaxAppendSizeExceededError.fromMaxAppendSize(1048576), {
      streamId: 'citizen-1',
    });
    expect(mapped).toBeInstanceOf(InvalidEventError);
    expect(mapped.message).toContain('1048576');
  });

  it('turns an append to a deleted stream into InvalidEventError', () => {
    const mapped = mapClientError(StreamDeletedError.fromStreamName('citizen-1'));
    expect(mapped).toBeInstanceOf(InvalidEventError);
    expect(mapped.message).toContain('citizen-1');
  });

  it('turns a rejected argument into InvalidEventError', () => {
    expect(mapClientError(new InvalidArgumentError('bad revision'))).toBeInstanceOf(
      InvalidEventError,
    );
  });

  it.each([
    ['UnavailableError', new UnavailableError(undefined, '14 UNAVAILABLE: connect ECONNREFUSED')],
    ['DeadlineExceededError', new DeadlineExceededError(undefined, 'deadline')],
    ['TimeoutError', new TimeoutError(undefined, 'timeout')],
    ['CancelledError', new CancelledError(undefined, 'cancelled by server')],
    ['NotFoundError', new NotFoundError(undefined, 'no such method')],
    ['UnknownError', new UnknownError(undefined, 'internal')],
    ['UnsupportedError', new UnsupportedError('batchAppend', '21.10')],
    ['AccessDeniedError', new AccessDeniedError(undefined, 'access denied')],
  ])('turns %s into EventStoreUnavailableError, keeping the cause', (_name, error) => {
    const mapped = mapClientError(error);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect(mapped.cause).toBe(error);
    expect(mapped.message).toMatch(/EventStoreDB/);
  });

  it('names the credentials when access is denied', () => {
    expect(mapClientError(new AccessDeniedError()).message).toMatch(/credentials/);
  });

  it('converts a raw gRPC error (numeric status code) the way the client does', () => {
    const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
    });
    const mapped = mapClientError(raw);
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect(mapped.message).toContain('unavailable');
  });

  it('maps a raw gRPC error the client cannot convert (no details) as well', () => {
    const raw = Object.assign(new Error('13 INTERNAL'), { code: 13 });
    expect(mapClientError(raw)).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('turns a failed cluster discovery into EventStoreUnavailableError', () => {
    const mapped = mapClientError(new Error('Failed to discover after 10 attempts.'));
    expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
    expect(mapped.message).toMatch(/cluster/);
  });

  it.each([
    new WrongExpectedRevisionError('s', 0, 1),
    new EventStoreUnavailableError('down'),
    new InvalidEventError('bad'),
    new EventStoreConfigurationError('wrong'),
  ])('passes the port’s own %p through unchanged', (error) => {
    expect(mapClientError(error)).toBe(error);
  });

  it('passes errors that are not the client’s through unchanged, so bugs stay visible', () => {
    const bug = new TypeError('x is undefined');
    expect(mapClientError(bug)).toBe(bug);
  });

  it('wraps a thrown non-error value', () => {
    expect(mapClientError('boom')).toEqual(new Error('EventStoreDB client failed: boom'));
  });
});
