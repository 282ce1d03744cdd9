import { randomUUID } from 'node:crypto';
import { InvalidEventError } from '../errors/invalid-event.error';
import { EventData } from './event-data';
import { serializeAppend } from './serialize-event';

const event = (data: unknown, metadata?: EventData['metadata']): EventData => ({
  id: randomUUID(),
  type: 'Tested',
  data: data as EventData['data'],
  metadata,
});

function refusal(data: unknown): string {
  try {
    serializeAppend('s', [event(data)]);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventError);
    return (error as Error).message;
  }
  throw new Error('expected the event to be refused');
}

describe('serializeAppend', () => {
  it('stores plain JSON as JSON text, leaving out undefined properties', () => {
    const [serialized] = serializeAppend('s', [
      event({ a: 1, b: [true, null, 'x'], c: { d: -0.5 }, gone: undefined }),
    ]);
    expect(JSON.parse(serialized.data)).toEqual({ a: 1, b: [true, null, 'x'], c: { d: -0.5 } });
  });

  it('names the path of the first value JSON would change', () => {
    expect(refusal({ basis: { segments: [{ rateOre: NaN }] } })).toMatch(
      /at \$\.basis\.segments\[0\]\.rateOre: NaN is not a finite number/,
    );
    expect(refusal({ when: new Date() })).toMatch(/at \$\.when: a Date instance/);
    expect(refusal({ n: BigInt(1) })).toMatch(/at \$\.n: a bigint is not JSON/);
    expect(refusal({ list: [1, undefined] })).toMatch(/at \$\.list\[1\]: a undefined/);
    expect(refusal({ f: () => 1 })).toMatch(/at \$\.f: a function/);
  });

  it('refuses a cycle, however deep it starts', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(refusal({ a: cyclic })).toMatch(/at \$\.a\.self: it contains a cycle/);
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 200; i++) deep = { next: deep };
    expect(JSON.parse(serializeAppend('s', [event(deep)])[0].data)).toEqual(deep);
  });

  it('serialises metadata shared by the events of an append once, and each as its own', () => {
    const shared = { actor: 'finance-1', correlationId: 'c-1' };
    const own = { actor: 'finance-2' };
    const [a, b, c, d] = serializeAppend('s', [
      event({}, shared),
      event({}, shared),
      event({}, own),
      event({}),
    ]);
    expect(JSON.parse(a.metadata)).toEqual({ schemaVersion: 1, ...shared });
    expect(b.metadata).toBe(a.metadata);
    expect(JSON.parse(c.metadata)).toEqual({ schemaVersion: 1, ...own });
    expect(JSON.parse(d.metadata)).toEqual({ schemaVersion: 1 });
  });

  it('refuses metadata that is not JSON, naming it', () => {
    expect(() => serializeAppend('s', [event({}, { at: new Date() } as never)])).toThrow(
      /metadata is not JSON-serialisable at \$\.at/,
    );
  });
});
