import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { parseJsonBody, RequestBodyError } from './json-body';

const LIMIT = 1024;
const json = { 'content-type': 'application/json' };
const body = (text: string) => Buffer.from(text, 'utf8');

function refusal(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestBodyError)
      return { status: error.statusCode, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe('a JSON request body', () => {
  it('is read as UTF-8, with or without a charset saying so', () => {
    expect(parseJsonBody(json, body('{"name":"Åsa"}'), LIMIT)).toEqual({ name: 'Åsa' });
    const utf8 = { 'content-type': 'application/json; charset=UTF-8' };
    expect(parseJsonBody(utf8, body('[1,2]'), LIMIT)).toEqual([1, 2]);
  });

  it('is an empty object when empty', () => {
    expect(parseJsonBody(json, body(''), LIMIT)).toEqual({});
    expect(parseJsonBody(json, body(' \n'), LIMIT)).toEqual({});
  });

  it('is refused with 415 in another charset', () => {
    const latin1 = { 'content-type': 'application/json; charset=latin1' };
    expect(refusal(() => parseJsonBody(latin1, body('{}'), LIMIT))).toEqual({
      status: 415,
      message: 'Unsupported charset "latin1": send UTF-8',
    });
  });

  it('is refused with 400 when not JSON, or JSON but no object or array', () => {
    for (const text of ['{"a":', '{"a":1,}', "{'a':1}", 'NaN', 'null', '"text"', '42'])
      expect(refusal(() => parseJsonBody(json, body(text), LIMIT)).status).toBe(400);
  });

  it('is inflated from gzip, deflate and brotli', () => {
    const text = body('{"a":1}');
    for (const [encoding, packed] of [
      ['gzip', gzipSync(text)],
      ['deflate', deflateSync(text)],
      ['br', brotliCompressSync(text)],
    ] as const)
      expect(parseJsonBody({ ...json, 'content-encoding': encoding }, packed, LIMIT)).toEqual({
        a: 1,
      });
  });

  it('is refused with 413 when it inflates past the limit, however small it came', () => {
    const bomb = gzipSync(body(JSON.stringify({ text: 'a'.repeat(100 * LIMIT) })));
    expect(bomb.length).toBeLessThan(LIMIT);
    const headers = { ...json, 'content-encoding': 'gzip' };
    expect(refusal(() => parseJsonBody(headers, bomb, LIMIT)).status).toBe(413);
  });

  it('is refused with 415 in an unknown encoding, and 400 when it does not inflate as said', () => {
    expect(
      refusal(() => parseJsonBody({ ...json, 'content-encoding': 'br2' }, body('{}'), LIMIT)),
    ).toEqual({ status: 415, message: 'Unsupported content encoding "br2"' });
    expect(
      refusal(() =>
        parseJsonBody({ ...json, 'content-encoding': 'constructor' }, body('{}'), LIMIT),
      ).status,
    ).toBe(415);
    expect(
      refusal(() => parseJsonBody({ ...json, 'content-encoding': 'gzip' }, body('{}'), LIMIT)),
    ).toEqual({ status: 400, message: 'The body does not inflate as gzip' });
  });
});
