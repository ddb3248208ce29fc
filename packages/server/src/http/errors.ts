import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type ErrorBody, type ErrorCode } from '@gavel/shared';

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
  internal: 500,
};

/** Turns anything thrown into the one error shape, with a stable code. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return error.toBody();
  const e = error as Partial<FastifyError>;
  if (e.statusCode === 413) return { code: 'payload_too_large', message: 'the request is too large' };
  // The rate limiter words its own message, with the time to wait.
  if (e.statusCode === 429) return { code: 'rate_limited', message: e.message || 'too many attempts; wait a minute' };
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { code: 'invalid_command', message: e.message ?? 'bad request' };
  }
  return { code: 'internal', message: 'internal error' };
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const body = toErrorBody(error);
    if (body.code === 'internal') request.log.error({ err: error }, 'unexpected error');
    void reply.status(HTTP_STATUS[body.code]).send({ error: body });
  });
}
