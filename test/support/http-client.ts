/** A JSON answer, loosely typed for assertions. */
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type HeaderMap = Record<string, string>;

export interface Reply {
  status: number;
  contentType: string;
  body: Json;
}

/**
 * JSON over HTTP against the app under test. `baseUrl` is read on every call because the app
 * listens on a port chosen when the suite starts. A string body is sent as it is (malformed
 * JSON tests); anything else as JSON.
 */
export function httpClient(baseUrl: () => string) {
  async function send(
    method: string,
    path: string,
    body?: unknown,
    headers: HeaderMap = {},
  ): Promise<Reply> {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: text ? (JSON.parse(text) as Json) : {},
    };
  }
  return {
    send,
    post: (path: string, body: unknown = {}, headers: HeaderMap = {}) =>
      send('POST', path, body, headers),
    put: (path: string, body: unknown = {}, headers: HeaderMap = {}) =>
      send('PUT', path, body, headers),
    get: (path: string) => send('GET', path),
  };
}
