import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import msgpackParser from 'socket.io-msgpack-parser';
import type { FastifyBaseLogger } from 'fastify';
import {
  MAX_COMMAND_BYTES,
  parseCommand,
  WS,
  type CommandResult,
  type SessionInfo,
  type SyncResult,
  type Actor,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@gavel/shared';
import type { AppContext } from '../http/context';
import { toErrorBody } from '../http/errors';
import { attachDocs } from './yjs';
import { announceTextChanges } from './texts';
import { frameBroadcastsOnce } from './frames';

export interface SocketData {
  actor: Actor;
  session: SessionInfo;
}
export type GavelServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GavelSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;


/** Commands one socket may send in a window before it is told to slow down. */
const COMMANDS_PER_WINDOW = 40;
const WINDOW_MS = 10_000;

const room = (meetingId: string) => `meeting:${meetingId}`;

/**
 * Browsers send Origin on WebSocket upgrades and CORS does not cover them:
 * refuse any page but our own (or one configured) so that another site cannot
 * drive a participant's session. Clients without Origin are not browsers.
 */
export function originAllowed(req: IncomingMessage, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function attachGateway(server: HttpServer, ctx: AppContext, log: FastifyBaseLogger): GavelServer {
  const io: GavelServer = new Server(server, {
    parser: msgpackParser,
    serveClient: false,
    // The largest frame: a command, or a document message (MAX_DOC_MESSAGE_BYTES) with its envelope.
    maxHttpBufferSize: MAX_COMMAND_BYTES,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req, ctx.config.allowedOrigins);
      if (!ok) log.warn({ origin: req.headers.origin }, 'refused a socket from a foreign origin');
      callback(ok ? null : 'origin not allowed', ok);
    },
  });

  if (!frameBroadcastsOnce(io)) log.warn('broadcasts are framed per recipient: the socket.io adapter changed');

  io.use(async (socket: GavelSocket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    const who = typeof token === 'string' ? await ctx.auth.authenticate(token) : undefined;
    if (!who?.session) return next(new Error('unauthenticated'));
    socket.data.actor = who.actor;
    socket.data.session = who.session;
    next();
  });

  io.on('connection', (socket: GavelSocket) => {
    const { session, actor } = socket.data;
    void socket.join(room(session.meetingId));

    let windowStart = Date.now();
    let commandsInWindow = 0;

    socket.on(WS.sync, async (ack: unknown) => {
      if (typeof ack !== 'function') return;
      let result: SyncResult;
      try {
        const state = await ctx.meetings.state(session.meetingId);
        result = state
          ? { ok: true, state, session, serverTime: new Date().toISOString() }
          : { ok: false, error: { code: 'not_found', message: 'the meeting is gone' } };
      } catch (e) {
        result = { ok: false, error: toErrorBody(e) };
      }
      ack(result);
    });

    socket.on(WS.command, async (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      if (Date.now() - windowStart > WINDOW_MS) {
        windowStart = Date.now();
        commandsInWindow = 0;
      }
      if (++commandsInWindow > COMMANDS_PER_WINDOW) {
        ack({ ok: false, error: { code: 'rate_limited', message: 'too many commands; slow down' } } satisfies CommandResult);
        return;
      }
      let result: CommandResult;
      try {
        const command = parseCommand(raw);
        const { events, issuedCodes } = await ctx.meetings.execute(session.meetingId, actor, command);
        result = issuedCodes.length ? { ok: true, events, issuedCodes } : { ok: true, events };
      } catch (e) {
        const error = toErrorBody(e);
        if (error.code === 'internal') log.error({ err: e }, 'command failed');
        result = { ok: false, error };
      }
      ack(result);
    });
  });

  // The collaborative texts: doc:join, doc:msg, … on the same connection.
  attachDocs(io, ctx, ctx.docs, log);
  // The report's texts changed: for views of the report (never an amendment's draft).
  // Its timers do not hold the process; after io.close() an announcement reaches no one.
  announceTextChanges(ctx.docs, (meetingId, change) => io.to(room(meetingId)).emit(WS.textsChanged, change));

  ctx.meetings.onEvents((meetingId, events) => {
    io.to(room(meetingId)).emit(WS.events, events);
    // A revoked code ends its sessions at once, not at their next request.
    for (const e of events) {
      if (e.type !== 'AccessCodeRevoked') continue;
      void ctx.auth.endSessionsOfCode(meetingId, e.payload.codeId);
      for (const [, s] of io.of('/').sockets) {
        if (s.data.session?.meetingId === meetingId && s.data.session.codeId === e.payload.codeId) {
          s.emit(WS.revoked);
          s.disconnect(true);
        }
      }
    }
  });

  return io;
}
