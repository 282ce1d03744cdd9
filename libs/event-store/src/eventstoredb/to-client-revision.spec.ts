import { ANY, END, NO_STREAM, START, STREAM_EXISTS } from '@eventstore/db-client';
import { InvalidEventError } from '../errors/invalid-event.error';
import {
  fromClientExpectedRevision,
  toClientExpectedRevision,
  toClientReadRevision,
  toPortRevision,
} from './to-client-revision';

describe('toClientExpectedRevision', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
  ] as const)('maps %s to the client constant', (port, client) => {
    expect(toClientExpectedRevision(port)).toBe(client);
  });

  it('maps a revision to a bigint', () => {
    expect(toClientExpectedRevision(0)).toBe(BigInt(0));
    expect(toClientExpectedRevision(41)).toBe(BigInt(41));
  });

  it('maps revision -1 to no_stream, which is what the server understands', () => {
    expect(toClientExpectedRevision(-1)).toBe(NO_STREAM);
  });

  it.each([-2, 1.5, Number.NaN, 2 ** 60])('refuses %p', (revision) => {
    expect(() => toClientExpectedRevision(revision)).toThrow(InvalidEventError);
  });
});

describe('fromClientExpectedRevision', () => {
  it('maps the client’s values back', () => {
    expect(fromClientExpectedRevision(BigInt(7))).toBe(7);
    expect(fromClientExpectedRevision('no_stream')).toBe('no_stream');
    expect(fromClientExpectedRevision('stream_exists')).toBe('stream_exists');
    expect(fromClientExpectedRevision('any')).toBe('any');
  });
});

describe('toPortRevision', () => {
  it('maps a current revision, and no stream to -1', () => {
    expect(toPortRevision(BigInt(12))).toBe(12);
    expect(toPortRevision('no_stream')).toBe(-1);
  });
});

describe('toClientReadRevision', () => {
  it('starts at the start forwards and at the end backwards by default', () => {
    expect(toClientReadRevision('forwards', undefined)).toBe(START);
    expect(toClientReadRevision('backwards', undefined)).toBe(END);
  });

  it('starts at the given revision (inclusive)', () => {
    expect(toClientReadRevision('forwards', 3)).toBe(BigInt(3));
    expect(toClientReadRevision('backwards', 0)).toBe(BigInt(0));
  });

  it('treats a negative revision as before the first event', () => {
    expect(toClientReadRevision('forwards', -1)).toBe(START);
    expect(toClientReadRevision('backwards', -1)).toBeUndefined();
  });

  it('refuses a fractional revision', () => {
    expect(() => toClientReadRevision('forwards', 1.5)).toThrow(RangeError);
  });
});
