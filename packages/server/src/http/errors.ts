import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { DomainError, type ErrorBody, type ErrorCode } from '@gavel/shared';
import type { StorageHealth } from './health';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_command: 400,
  unknown_command: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  invalid_state: 409,
  invalid_code: 401,
  rate_limited: 429,
  storage_unavailable: 503,
  busy: 503,
  record_broken: 503,
  internal: 500,
};

/** SQLite's, PostgreSQL's (store/postgres.ts) and the file system's ways of saying a write cannot be kept: disk full, read-only, I/O error, locked out, server away. */
const STORAGE_CODES = /^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED|PROTOCOL)|PG_UNAVAILABLE|ENOSPC|EROFS|EIO|EDQUOT|EMFILE|ENFILE)/;

/** The store's own error, if this is one (possibly wrapped as a cause). */
export function storageFailure(error: unknown): { code: string; message: string } | undefined {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && STORAGE_CODES.test(e.code)) return { code: e.code, message: String(e.message ?? '') };
  }
  return undefined;
}

/** Seconds a refusal asks the client to wait (sent as Retry-After). */
export const retryAfterOf = (body: ErrorBody): number | undefined => {
  const d = body.details as { retryAfter?: unknown } | undefined;
  return typeof d?.retryAfter === 'number' ? d.retryAfter : undefined;
};

/** Turns anything thrown into the one error shape, with a stable code. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return error.toBody();
  const storage = storageFailure(error);
  if (storage) {
    return { code: 'storage_unavailable', message: 'the server cannot store changes now; nothing was changed', details: { retryAfter: 30, store: storage.code } };
  }
  const e = error as Partial<FastifyError>;
  if (e.statusCode === 413) return { code: 'payload_too_large', message: 'the request is too large' };
  // The rate limiter words its own message, with the time to wait.
  if (e.statusCode === 429) return { code: 'rate_limited', message: e.message || 'too many attempts; wait a minute' };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { code: 'invalid_command', message: e.message ?? 'bad request' };
  }
  return { code: 'internal', message: 'internal error' };
}

export function sendError(reply: FastifyReply, body: ErrorBody): FastifyReply {
  const wait = retryAfterOf(body);
  if (wait !== undefined) void reply.header('Retry-After', String(wait));
  return reply.status(HTTP_STATUS[body.code]).send({ error: body });
}

export function installErrorHandler(app: FastifyInstance, health: StorageHealth): void {
  app.setErrorHandler((error, request, reply) => {
    health.observe(error);
    const body = toErrorBody(error);
    if (body.code === 'internal') request.log.error({ err: error, method: request.method, url: request.routeOptions.url }, 'unexpected error');
    if (body.code === 'storage_unavailable') request.log.error({ err: error, url: request.routeOptions.url }, 'the store refused a write');
    return sendError(reply, body);
  });
}
