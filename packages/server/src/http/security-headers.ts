/**
 * The security headers (helmet's, with Gavel's Content-Security-Policy) on
 * every answer. They depend on nothing in the request, so helmet's middleware
 * runs once, at start, and every request gets the headers it set (the
 * per-request plugin rebuilt helmet's middleware, parsing the policy again,
 * on each request: 6 % of a command's CPU).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** What helmet's middleware sets with these options (no directive may be a function of the request). */
export function securityHeaders(options: HelmetOptions): [name: string, value: string][] {
  const headers: [string, string][] = [];
  const response = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== 'string') throw new Error(`helmet set ${name} to a value that is not a string`);
      headers.push([name, value]);
    },
    // X-Powered-By, which Fastify never sets.
    removeHeader() {},
  };
  const request = new Proxy({}, { get: () => { throw new Error('a security header that depends on the request cannot be computed once'); } });
  helmet(options)(request as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

/** Sets the headers on every answer, as the request arrives (found, not found, refused alike). */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}
