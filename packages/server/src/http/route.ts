/**
 * The one way an HTTP route is declared: its path parameters, query and body
 * are validated against their schemas before the handler sees them (unknown
 * query fields refused), and anything the handler throws reaches the one
 * error handler (http/errors.ts). The specs are kept in ROUTES, from which
 * the fuzz suite generates hostile requests.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import { parseOrFail } from '@gavel/shared';

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** Who may call it (checked in the handler; said here for the fuzz suite and the reader). */
  auth: 'none' | 'member' | 'admin';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** A JSON body's schema; 'raw' when the handler reads a file (CSV, JSON, DOCX, text) itself. */
  body?: z.ZodType<B> | 'raw';
  options?: RouteShorthandOptions;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

const NoQuery = z.object({}).strict();

/** Every route declared, by method and URL. */
export const ROUTES = new Map<string, RouteSpec>();

export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<unknown>,
): void {
  ROUTES.set(`${spec.method} ${spec.url}`, spec as RouteSpec);
  const hasParams = spec.url.includes(':');
  if (hasParams && !spec.params) throw new Error(`${spec.url}: path parameters without a schema`);
  app.route({
    ...spec.options,
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const params = (spec.params ? parseOrFail(spec.params, request.params, 'path') : {}) as P;
      const query = parseOrFail(spec.query ?? NoQuery, request.query ?? {}, 'query') as Q;
      const body = (spec.body && spec.body !== 'raw' ? parseOrFail(spec.body, request.body, 'body') : request.body) as B;
      return handler({ params, query, body, request, reply });
    },
  });
}

/** The field names a route's schemas know (for the fuzz suite: hostile values under the names the server reads). */
export function routeFields(spec: RouteSpec): { params: string[]; query: string[]; body: string[] } {
  const keys = (schema: unknown) => {
    if (!schema || schema === 'raw') return [];
    const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
    return Object.keys(json.properties ?? {});
  };
  return { params: keys(spec.params), query: keys(spec.query), body: keys(spec.body) };
}
