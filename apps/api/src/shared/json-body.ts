import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** A request body refused before any route sees it; `statusCode` is what the client is told. */
export class RequestBodyError extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** The content encodings read, by name (a Map: an encoding named `constructor` is no key). */
const INFLATE = new Map([
  ['gzip', gunzipSync],
  ['x-gzip', gunzipSync],
  ['deflate', inflateSync],
  ['br', brotliDecompressSync],
]);

/**
 * Reads a JSON request body as the API accepts it: UTF-8, compressed or not (gzip, deflate,
 * brotli; the limit counts the inflated bytes, so a small bomb cannot expand past it), an object
 * or an array at the top (a bare `null`, string or number is no command), an empty body as `{}`.
 */
export function parseJsonBody(headers: IncomingHttpHeaders, raw: Buffer, limit: number): unknown {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(headers['content-type'] ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset))
    throw new RequestBodyError(415, `Unsupported charset "${charset}": send UTF-8`);
  const text = inflated(headers['content-encoding'], raw, limit).toString('utf8');
  if (text.trim() === '') return {};
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[')
    throw new RequestBodyError(400, 'The body is JSON but not an object or an array');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestBodyError(400, `The body is not valid JSON (${(error as Error).message})`);
  }
}

function inflated(encoding: string | undefined, raw: Buffer, limit: number): Buffer {
  const name = (encoding ?? 'identity').trim().toLowerCase();
  if (name === 'identity') return raw;
  const inflate = INFLATE.get(name);
  if (!inflate) throw new RequestBodyError(415, `Unsupported content encoding "${encoding}"`);
  try {
    return inflate(raw, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new RequestBodyError(413, `The body inflates to more than ${limit} bytes`);
    throw new RequestBodyError(400, `The body does not inflate as ${name}`);
  }
}

/** Makes `parseJsonBody` Fastify's reader of `application/json` bodies. */
export function useJsonBody(fastify: FastifyInstance, limit: number): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: limit },
    (request, raw, done) => {
      try {
        done(null, parseJsonBody(request.headers, raw as Buffer, limit));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}
