/**
 * What is left after every handler's own wrapper (http/route.ts,
 * realtime/handle.ts): a rejection or exception nobody caught is logged with
 * what is known of it, and the server keeps serving every other meeting. An
 * acknowledged change is already stored; ending the process would only stop
 * the meetings that are running.
 */
import type { FastifyBaseLogger } from 'fastify';

export function keepServing(log: FastifyBaseLogger, proc: NodeJS.Process = process): void {
  proc.on('unhandledRejection', (reason) => {
    log.error({ err: reason, policy: 'unhandledRejection' }, 'a promise failed with nobody to handle it; still serving');
  });
  proc.on('uncaughtException', (err, origin) => {
    log.error({ err, origin, policy: 'uncaughtException' }, 'an exception reached the top; still serving');
  });
}
