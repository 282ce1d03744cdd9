import type { FastifyReply, FastifyRequest } from 'fastify';

/** An HTTP request as the API's guards, interceptors and filters see it. */
export type HttpRequest = FastifyRequest;
/** The answer to one, where a handler or filter sets its status and headers. */
export type HttpReply = FastifyReply;

/** A request header's value, the first if sent more than once. */
export function headerOf(request: HttpRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The request's path without its query string. */
export function pathOf(request: HttpRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The request's path parameters. */
export function paramsOf(request: HttpRequest): Record<string, string | undefined> {
  return (request.params ?? {}) as Record<string, string | undefined>;
}

/** The request's query parameters. */
export function queryOf(request: HttpRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}
