/**
 * The one way a socket.io event reaches the server's code: its arguments are
 * validated against their schema (shared protocol/args.ts) before anything
 * touches them, and the handler runs inside a try that turns any throw into a
 * refusal for that client, logged with its context. Nothing a client sends
 * becomes an unhandled rejection.
 */
import type { FastifyBaseLogger } from 'fastify';
import { SOCKET_EVENTS, isSocketEventName, zodIssues, type ErrorBody, type SocketEventArgs, type SocketEventName } from '@gavel/shared';
import { toErrorBody } from '../http/errors';
import type { GavelSocket } from './gateway';

export type Refusal = { ok: false; error: ErrorBody };
type Reply<R> = (result: R | Refusal) => void;

/** Where a log line says it came from: never the client's own values, only the session's. */
export const socketContext = (socket: GavelSocket, event?: string) => ({
  event,
  socketId: socket.id,
  meetingId: socket.data.session?.meetingId,
  codeId: socket.data.session?.codeId,
  role: socket.data.session?.role,
});

export function handle<E extends SocketEventName, R = never>(
  socket: GavelSocket,
  log: FastifyBaseLogger,
  event: E,
  handler: (args: SocketEventArgs<E>, reply: Reply<R>) => unknown,
  /** What else to do with arguments that are not what the protocol says (after the refusal): e.g. disconnect. */
  onInvalid?: (message: string, issues: { path: string; message: string }[]) => void,
): void {
  const spec = SOCKET_EVENTS[event];
  (socket as unknown as { on(e: string, f: (...raw: unknown[]) => void): void }).on(event, (...raw: unknown[]) => {
    let ack: ((r: unknown) => void) | undefined;
    if (spec.ack !== 'none' && typeof raw[raw.length - 1] === 'function') ack = raw.pop() as (r: unknown) => void;
    // Nobody to answer, and the event means nothing without an answer.
    if (spec.ack === 'required' && !ack) return;
    let replied = false;
    const reply: Reply<R> = (result) => {
      if (replied || !ack) return;
      replied = true;
      ack(result);
    };
    const refuse = (e: unknown) => {
      const error = toErrorBody(e);
      if (error.code === 'internal') log.error({ err: e, ...socketContext(socket, event) }, 'a socket.io handler failed');
      reply({ ok: false, error });
    };
    const parsed = spec.args.safeParse(raw);
    if (!parsed.success) {
      const details = zodIssues(parsed.error);
      log.warn({ ...socketContext(socket, event), issues: details.slice(0, 5) }, 'refused malformed socket.io arguments');
      reply({ ok: false, error: { code: 'invalid_command', message: `invalid ${event} arguments`, details } });
      return onInvalid?.(`${event}: ${details.map((d) => `${d.path || 'arguments'}: ${d.message}`).join('; ').slice(0, 200)}`, details);
    }
    try {
      const done = handler(parsed.data as SocketEventArgs<E>, reply);
      if (done instanceof Promise) done.catch(refuse);
    } catch (e) {
      refuse(e);
    }
  });
}

/**
 * Drops any event the protocol does not define before socket.io dispatches
 * it: a client could otherwise emit `error` (which, unlistened, throws out of
 * socket.io and ends the process) or `disconnect` (which runs the server's
 * own clean-up while the socket stays open).
 */
export function onlyKnownEvents(socket: GavelSocket, log: FastifyBaseLogger): void {
  socket.use((packet, next) => {
    if (isSocketEventName(packet[0])) return next();
    log.warn({ ...socketContext(socket), eventType: typeof packet[0] }, 'dropped an unknown socket.io event');
  });
  socket.on('error', (err) => log.warn({ err, ...socketContext(socket) }, 'socket error'));
}
