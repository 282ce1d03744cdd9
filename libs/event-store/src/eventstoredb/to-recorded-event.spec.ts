import { EventStoreUnavailableError } from '../errors/event-store-unavailable.error';
import { toRecordedEvent } from './to-recorded-event';

const created = new Date('2025-03-01T08:15:30.123Z');
const position = { commit: BigInt(4096), prepare: BigInt(4096) };

function jsonEvent(overrides: Record<string, unknown> = {}) {
  return {
    streamId: 'citizen-1',
    id: '6f9619ff-8b86-d011-b42d-00c04fc964ff',
    isJson: true as const,
    revision: BigInt(2),
    type: 'ChoiceRegistered',
    created,
    data: { providerId: 'p-1' },
    metadata: { actor: 'caseworker-7', schemaVersion: 1 },
    position,
    ...overrides,
  };
}

describe('toRecordedEvent', () => {
  it('maps every field; recordedAt is the server’s created time in ISO UTC', () => {
    expect(toRecordedEvent(jsonEvent())).toEqual({
      id: '6f9619ff-8b86-d011-b42d-00c04fc964ff',
      type: 'ChoiceRegistered',
      streamId: 'citizen-1',
      revision: 2,
      position: 4096,
      data: { providerId: 'p-1' },
      metadata: { actor: 'caseworker-7', schemaVersion: 1 },
      recordedAt: '2025-03-01T08:15:30.123Z',
    });
  });

  it('reads absent or non-object metadata as empty', () => {
    expect(toRecordedEvent(jsonEvent({ metadata: undefined })).metadata).toEqual({});
    expect(toRecordedEvent(jsonEvent({ metadata: ['x'] })).metadata).toEqual({});
  });

  it('decodes events that other tools wrote as bytes', () => {
    const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
    const binary = {
      ...jsonEvent(),
      isJson: false as const,
      data: bytes('{"n":1}'),
      metadata: bytes('{"actor":"import"}'),
    };
    expect(toRecordedEvent(binary)).toMatchObject({
      data: { n: 1 },
      metadata: { actor: 'import' },
    });
    expect(toRecordedEvent({ ...binary, data: bytes('plain text') }).data).toBe('plain text');
    expect(toRecordedEvent({ ...binary, data: new Uint8Array() }).data).toBeNull();
  });

  it('falls back to the read’s commit position when the event carries none', () => {
    expect(toRecordedEvent(jsonEvent({ position: undefined }), BigInt(77)).position).toBe(77);
    const zero = { commit: BigInt(0), prepare: BigInt(0) };
    expect(toRecordedEvent(jsonEvent({ position: zero }), BigInt(78)).position).toBe(78);
  });

  it('fails clearly on a server too old to report positions', () => {
    expect(() => toRecordedEvent(jsonEvent({ position: undefined }))).toThrow(
      EventStoreUnavailableError,
    );
  });
});
