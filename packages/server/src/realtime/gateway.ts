import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import msgpackParser from 'socket.io-msgpack-parser';
import type { FastifyBaseLogger } from 'fastify';
import {
  MAX_COMMAND_BYTES,
  parseCommand,
  WS,
  MAX_RESUME_EVENTS,
  type ClaimResult,
  type CommandResult,
  type ResumeResult,
  type SessionInfo,
  type SyncResult,
  type Actor,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@gavel/shared';
import type { AppContext } from '../http/context';
import { clientAddress } from '../net/address';
import { handle, onlyKnownEvents } from './handle';
import { SocketSessions } from './sessions';
import { attachDocs } from './yjs';
import { announceTextChanges } from './texts';
import { ReportFollowers } from './report';
import type { LiveReports } from '../export/live-report';
import { frameBroadcastsOnce } from './frames';

export interface SocketData {
  actor: Actor;
  session: SessionInfo;
  tokenHash: string;
  expiresAt?: string;
}
export type GavelServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GavelSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;


/** Commands one socket may send in a window before it is told to slow down. */
const COMMANDS_PER_WINDOW = 40;
const WINDOW_MS = 10_000;

const room = (meetingId: string) => `meeting:${meetingId}`;
/** The meeting's sockets that asked to be told when its texts change (`texts:follow`). */
const textsRoom = (meetingId: string) => `texts:${meetingId}`;

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

export function attachGateway(server: HttpServer, ctx: AppContext, log: FastifyBaseLogger, reports: LiveReports): GavelServer {
  const io: GavelServer = new Server(server, {
    parser: msgpackParser,
    serveClient: false,
    // The largest frame: a command, or a document message (MAX_DOC_MESSAGE_BYTES) with its envelope.
    maxHttpBufferSize: MAX_COMMAND_BYTES,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req, ctx.config.allowedOrigins);
      if (!ok) log.warn({ origin: req.headers.origin }, 'refused a socket from a foreign origin');
      if (!ok) return callback('origin not allowed', false);
      const address = clientAddress(req, ctx.trust);
      if ((perAddress.get(address) ?? 0) >= ctx.config.socketsPerAddress) {
        log.warn({ address }, 'refused a socket: too many from this address');
        return callback('too many connections from this address', false);
      }
      callback(null, true);
    },
  });

  // Open connections per client address (GAVEL_SOCKETS_PER_ADDRESS), counted at the transport.
  const perAddress = new Map<string, number>();
  io.engine.on('connection', (raw: { request: IncomingMessage; once(e: 'close', f: () => void): void }) => {
    const address = clientAddress(raw.request, ctx.trust);
    perAddress.set(address, (perAddress.get(address) ?? 0) + 1);
    raw.once('close', () => {
      const n = (perAddress.get(address) ?? 1) - 1;
      if (n > 0) perAddress.set(address, n);
      else perAddress.delete(address);
    });
  });
  const sessions = new SocketSessions(ctx.auth, log);
  server.once('close', () => sessions.stop());

  if (!frameBroadcastsOnce(io)) log.warn('broadcasts are framed per recipient: the socket.io adapter changed');

  io.use(async (socket: GavelSocket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown })?.token;
      const who = typeof token === 'string' ? await ctx.auth.authenticate(token) : undefined;
      // The admin token acts in no meeting (README): sockets are for signed-in roles.
      if (!who?.session) return next(new Error('unauthenticated'));
      socket.data.actor = who.actor;
      socket.data.session = who.session;
      socket.data.tokenHash = who.tokenHash;
      socket.data.expiresAt = who.expiresAt;
      next();
    } catch (err) {
      log.error({ err }, 'authenticating a socket failed');
      next(new Error('unavailable'));
    }
  });

  /** What a (re)connecting client is told of the record: its signed head, and what broke if it did. */
  const recordOf = async (meetingId: string) => {
    const head = await ctx.record.signedHead(meetingId);
    const problem = ctx.record.integrity.problem(meetingId);
    return { ...(head ? { head } : {}), ...(problem ? { problem } : {}) };
  };

  // The report pushed to those who follow it (realtime/report.ts).
  const reportFollowers = new ReportFollowers(io, ctx, reports, log);
  server.once('close', () => reportFollowers.close());

  io.on('connection', (socket: GavelSocket) => {
    const { session, actor } = socket.data;
    onlyKnownEvents(socket, log);
    void socket.join(room(session.meetingId));
    sessions.add(socket);
    reportFollowers.attach(socket);

    let windowStart = Date.now();
    let commandsInWindow = 0;

    handle<'sync', SyncResult>(socket, log, WS.sync, async (_args, reply) => {
      const state = await ctx.meetings.state(session.meetingId);
      reply(
        state
          ? { ok: true, state, session, serverTime: new Date().toISOString(), ...(await recordOf(session.meetingId)) }
          : { ok: false, error: { code: 'not_found', message: 'the meeting is gone' } },
      );
    });

    // A client that has the state up to `after` gets only what followed (a reconnect after a short cut).
    handle<'resume', ResumeResult>(socket, log, WS.resume, async ([after], reply) => {
      const head = await ctx.meetings.head(session.meetingId);
      if (!head || after > head.seq || head.seq - after > MAX_RESUME_EVENTS) {
        return reply({ ok: false, behind: true, error: { code: 'invalid_state', message: 'ask for the whole state (sync)' } });
      }
      const events = await ctx.meetings.readEvents(session.meetingId, after);
      reply({ ok: true, events, session, serverTime: new Date().toISOString(), ...(await recordOf(session.meetingId)) });
    });

    // The latest signed head this client kept: the record must still hold it. Once per connection.
    let claimed = false;
    handle<'record:claim', ClaimResult>(socket, log, WS.recordClaim, async ([head], reply) => {
      if (claimed) return reply({ ok: true });
      claimed = true;
      reply(await ctx.record.checkClaim(session.meetingId, head));
    });

    handle<'texts:follow', { ok: true }>(socket, log, WS.textsFollow, async ([follow], reply) => {
      await (follow ? socket.join(textsRoom(session.meetingId)) : socket.leave(textsRoom(session.meetingId)));
      reply({ ok: true });
    });

    handle<'command', CommandResult>(socket, log, WS.command, async ([raw], reply) => {
      if (Date.now() - windowStart > WINDOW_MS) {
        windowStart = Date.now();
        commandsInWindow = 0;
      }
      if (++commandsInWindow > COMMANDS_PER_WINDOW) {
        return reply({ ok: false, error: { code: 'rate_limited', message: 'too many commands; slow down' } });
      }
      const command = parseCommand(raw);
      const { events, issuedCodes } = await ctx.meetings.execute(session.meetingId, actor, command);
      reply(issuedCodes.length ? { ok: true, events, issuedCodes } : { ok: true, events });
    });
  });

  // The collaborative texts: doc:join, doc:msg, … on the same connection.
  attachDocs(io, ctx, ctx.docs, log);
  // The report's texts changed: for views of the report that asked (never an amendment's draft).
  // Its timers do not hold the process; after io.close() an announcement reaches no one.
  announceTextChanges(ctx.docs, (meetingId, change) => io.to(textsRoom(meetingId)).emit(WS.textsChanged, change));

  // The record's head as it moves (kept by every client), and the alarm when a check fails.
  ctx.record.announceHeads((meetingId, head) => io.to(room(meetingId)).emit(WS.recordHead, head));
  ctx.record.integrity.onBroken((meetingId, problem) => io.to(room(meetingId)).emit(WS.recordBroken, problem));

  ctx.meetings.onEvents((meetingId, events) => {
    // Encoded once per emit even for an empty room (Socket.IO's adapter): skipped when no socket follows the meeting here.
    if (io.sockets.adapter.rooms.get(room(meetingId))?.size) io.to(room(meetingId)).emit(WS.events, events);
    // A revoked code ends its sessions at once, not at their next request.
    for (const e of events) {
      if (e.type !== 'AccessCodeRevoked') continue;
      // Its open sockets close too (realtime/sessions.ts).
      ctx.auth.endSessionsOfCode(meetingId, e.payload.codeId).catch((err: unknown) => log.error({ err, meetingId }, 'ending the sessions of a revoked code failed'));
    }
  });

  return io;
}
