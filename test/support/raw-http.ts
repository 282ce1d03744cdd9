import { request as httpRequest } from 'node:http';
import { Json } from './http-client';

export interface RawReply {
  status: number;
  contentType: string;
  text: string;
  body: Json;
}

export interface RawRequest {
  port: number;
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** Sent exactly as given, with a JSON content type. */
  body?: string | Buffer;
  /** Loopback source address (the guard counts failed sign-ins per address). */
  from?: string;
}

/**
 * A request through `node:http`, byte for byte as given: no token is added (unlike the e2e
 * fetch), no body is re-encoded, and the source address can be chosen.
 */
export function rawRequest({
  port,
  method,
  path,
  headers = {},
  body,
  from = '127.0.0.1',
}: RawRequest): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: from,
        agent: false,
        headers: {
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text,
            body: parseJson(text),
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function parseJson(text: string): Json {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}
