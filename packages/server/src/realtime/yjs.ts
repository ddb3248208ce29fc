/**
 * The collaborative texts over socket.io: y-protocols sync and awareness
 * messages inside `doc:*` events (protocol/yjs.ts), many documents over the
 * meeting's one authenticated connection.
 *
 * Per connection and per document the server decides, at every message:
 * - who may read: `canReadDoc` at join; a message for a document the session
 *   may not see, an unknown document name, malformed or oversized bytes, or a
 *   flood disconnect the socket, and are logged;
 * - who may write: `canWriteDoc` (the pen) when the update is applied; a
 *   write from anyone else is dropped, reported (`doc:refused`) and logged,
 *   and the socket is disconnected unless it held the pen a moment ago (an
 *   update in flight when the pen moved is not an attack);
 * - presence: only writers publish it; their states are rewritten with the
 *   session's identity (docs/awareness.ts).
 * The documents themselves, their checks and storage are DocService's.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { FastifyBaseLogger } from 'fastify';
import {
  DRAFT_ACCESS_EVENTS,
  canReadDoc,
  canWriteDoc,
  MAX_DOC_MESSAGE_BYTES,
  parseDocName,
  Y_MESSAGE,
  Y_SYNC,
  YWS,
  type Actor,
  type DocAck,
  type DocJoinResult,
  type DocRefusalReason,
  type ErrorCode,
} from '@gavel/shared';
import type { AppContext } from '../http/context';
import { decodeAwareness, encodeAwareness, InvalidAwareness, presenceUser, sanitizeState, type AwarenessEntry } from '../docs/awareness';
import { DocRefused, type DocService, type UpdateGate } from '../docs/service';
import { InvalidUpdate } from '../docs/validate';
import type { GavelServer, GavelSocket } from './gateway';
import { handle, socketContext } from './handle';
import { Bucket } from '../net/bucket';
import { RelayPacer } from './pacing';
import { toErrorBody } from '../http/errors';

/** Documents one connection may have open at once. */
const MAX_DOCS_PER_SOCKET = 16;
/** Yjs client ids one connection may publish presence for, per document (a reload makes a new one). */
const MAX_CLIENT_IDS = 8;
/** A write refused this soon after losing the pen was in flight, not an attack. */
const PEN_GRACE_MS = 10_000;
/**
 * An update that does not apply (a gap) this soon after one of the sender's
 * writes could not be stored builds on that write: not an attack. The client
 * syncs again after the failure and sends it all once more.
 */
const LOST_WRITE_GRACE_MS = 10_000;
/**
 * Presence is relayed at most this often per document, the latest state of
 * each client in one message: with 20 writers moving their cursors, readers
 * get 20 messages a second, not 200. Cursors are relative positions, so they
 * stay in place as text arrives in between.
 */
const PRESENCE_FLUSH_MS = 50;

/** Token buckets per connection: burst, then per second. Emptying one disconnects. */
const LIMITS = {
  messages: [300, 150],
  awareness: [60, 20],
  /** Sync step 1 makes the server encode the document: a client sends one per join or resync. */
  syncs: [20, 0.5],
  bytes: [4 * 1024 * 1024, 1024 * 1024],
  joins: [40, 2],
} as const;


interface DocSession {
  docName: string;
  room: string;
  canWrite: boolean;
  /** When it last lost the pen (ms); 0 if it never held it here. */
  lostPenAt: number;
  /** When one of its writes was last refused because the server could not store it (ms); 0 if never. */
  lostWriteAt: number;
  /**
   * Bumped at every doc:join. A refused write marks its epoch diverged: the
   * later writes of that epoch (sent before the client heard of the refusal,
   * perhaps building on the refused one) are dropped quietly; a new join
   * (a fresh copy) starts a new epoch.
   */
  epoch: number;
  divergedEpoch: number;
  /** Yjs client ids it published presence for. */
  clientIds: Set<number>;
  /** Sync messages are handled one after the other, so that updates reach the document in the order sent. */
  inbound: Promise<void>;
  /** Holds the document open (DocService.acquire), to be released when it leaves. */
  acquired: boolean;
}

interface Connection {
  socket: GavelSocket;
  meetingId: string;
  actor: Actor;
  docs: Map<string, DocSession>;
  closed: boolean;
  buckets: { [K in keyof typeof LIMITS]: Bucket };
}

interface Presence {
  conn: Connection;
  clock: number;
  state: Record<string, unknown>;
}

const buildsOnLostWrite = (session: DocSession, reason: DocRefusalReason) =>
  reason === 'invalid_update' && Date.now() - session.lostWriteAt < LOST_WRITE_GRACE_MS;

export const docRoom = (meetingId: string, docName: string) => `doc:${meetingId}:${docName}`;

function syncMessage(kind: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE.sync);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(entries: Iterable<AwarenessEntry>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwareness(entries));
  return encoding.toUint8Array(encoder);
}

/**
 * Bytes as emitted: a Buffer over exactly these bytes (msgpack sends a
 * Buffer as they are, but a typed array's whole underlying ArrayBuffer).
 */
const wire = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** An update with nothing in it (no structs, no deletions), as Yjs encodes it. */
const isEmptyUpdate = (u: Uint8Array) => u.byteLength === 2 && u[0] === 0 && u[1] === 0;

const ERROR_CODE: Record<DocRefusalReason, ErrorCode> = {
  forbidden: 'forbidden',
  invalid_update: 'invalid_command',
  guard: 'invalid_state',
  record_broken: 'record_broken',
  diverged: 'conflict',
  internal: 'internal',
};

export function attachDocs(io: GavelServer, ctx: AppContext, docs: DocService, log: FastifyBaseLogger): void {
  const byMeeting = new Map<string, Set<Connection>>();
  const presence = new Map<string, Map<number, Presence>>();
  /** Presence of writers connected to other nodes (cluster/), per room: who (their code), their latest state, and the node (instance) that sent it. */
  const remotePresence = new Map<string, Map<number, { codeId: string; clock: number; state: Record<string, unknown>; docName: string; node: string }>>();
  /** Presence waiting to be relayed, per room: the latest entry per client id, and who sent them. */
  const outgoing = new Map<string, { docName: string; entries: Map<number, AwarenessEntry>; senders: Set<string> }>();

  // A text's updates to its room; those of a text whose relays stall the event loop, merged and paced.
  // The pacer's timers do not hold the process; after io.close() a relay reaches no one.
  const relays = new RelayPacer((room, docName, update, senders) => {
    let to = io.to(room);
    if (senders.size === 1) to = to.except([...senders][0]);
    to.emit(YWS.msg, docName, wire(syncMessage(Y_SYNC.update, update)));
  }, ctx.config.relayPacing);

  function relayPresence(room: string, docName: string, entries: AwarenessEntry[], sender: string): void {
    let pending = outgoing.get(room);
    if (!pending) {
      outgoing.set(room, (pending = { docName, entries: new Map(), senders: new Set() }));
      // In a room whose text relays are paced, with the text held back (just after it): a cursor reaches
      // the readers with the words it stands by, and costs them no more frames than the text does.
      setTimeout(() => {
        outgoing.delete(room);
        // One sender: it has its own presence already. Several: each gets its own back too, which it ignores.
        let to = io.to(room);
        if (pending!.senders.size === 1) to = to.except([...pending!.senders][0]);
        to.emit(YWS.msg, docName, wire(awarenessMessage(pending!.entries.values())));
      }, Math.max(PRESENCE_FLUSH_MS, Math.ceil(relays.heldFor(room)) + 1)).unref();
    }
    for (const e of entries) pending.entries.set(e.clientId, e);
    pending.senders.add(sender);
  }

  /** Presence of this node's clients: to this node's readers, and to the other nodes' (cluster/). */
  function publishPresence(conn: Connection, session: DocSession, entries: AwarenessEntry[]): void {
    relayPresence(session.room, session.docName, entries, conn.socket.id);
    ctx.cluster?.publishPresence(conn.meetingId, { docName: session.docName, codeId: conn.actor.codeId ?? conn.actor.name, entries });
  }

  ctx.cluster?.onPresence((meetingId, { docName, codeId, entries }, node) => {
    const room = docRoom(meetingId, docName);
    let remote = remotePresence.get(room);
    if (!remote) remotePresence.set(room, (remote = new Map()));
    for (const e of entries) {
      if (e.state === null) remote.delete(e.clientId);
      else remote.set(e.clientId, { codeId, clock: e.clock, state: e.state, docName, node });
      // The same person moved to another node (a reconnection): its entry here is gone.
      const local = presence.get(room)?.get(e.clientId);
      if (local && local.conn.actor.codeId === codeId) presence.get(room)!.delete(e.clientId);
    }
    if (remote.size === 0) remotePresence.delete(room);
    relayPresence(room, docName, entries, `node:${codeId}`);
  });

  // A node died (or was cut off): the presence of its writers leaves every room here, for the readers and for who joins later.
  ctx.cluster?.onNodeGone((node) => {
    for (const [room, remote] of remotePresence) {
      const gone = [...remote].filter(([, p]) => p.node === node);
      for (const [clientId] of gone) remote.delete(clientId);
      if (remote.size === 0) remotePresence.delete(room);
      if (gone.length) relayPresence(room, gone[0][1].docName, gone.map(([clientId, p]) => ({ clientId, clock: p.clock + 1, state: null })), `node:${node}`);
    }
  });

  const presenceOf = (room: string) => {
    let p = presence.get(room);
    if (!p) presence.set(room, (p = new Map()));
    return p;
  };

  /** Drops the connection's presence in a document and tells the others. */
  function removePresence(conn: Connection, session: DocSession): void {
    const room = presence.get(session.room);
    const gone: AwarenessEntry[] = [];
    for (const clientId of session.clientIds) {
      const p = room?.get(clientId);
      if (p && p.conn === conn) {
        room!.delete(clientId);
        gone.push({ clientId, clock: p.clock + 1, state: null });
      }
    }
    session.clientIds.clear();
    if (room?.size === 0) presence.delete(session.room);
    if (gone.length) publishPresence(conn, session, gone);
  }

  function leave(conn: Connection, session: DocSession): void {
    removePresence(conn, session);
    conn.docs.delete(session.docName);
    void conn.socket.leave(session.room);
    if (session.acquired) docs.release(conn.meetingId, session.docName);
    session.acquired = false;
  }

  /** Logs, tells the client why, and closes the connection. */
  function disconnect(
    conn: Connection,
    docName: string | undefined,
    reason: string,
    message: string,
    refusal: DocRefusalReason = reason === 'forbidden_document' ? 'forbidden' : 'invalid_update',
  ): void {
    if (conn.closed) return;
    conn.closed = true;
    docs.incident({ meetingId: conn.meetingId, docName, actor: conn.actor, action: 'disconnected', reason, message });
    if (docName) conn.socket.emit(YWS.refused, docName, { reason: refusal, message });
    conn.socket.disconnect(true);
  }

  function refuse(
    conn: Connection,
    session: DocSession,
    epoch: number,
    reason: DocRefusalReason,
    message: string,
    hostile: boolean,
    reply: (r: DocAck) => void,
  ): void {
    if (reason === 'internal') session.lostWriteAt = Date.now();
    else if (buildsOnLostWrite(session, reason)) {
      reason = 'internal';
      hostile = false;
      message = 'an earlier change could not be stored; it will be sent again with this one';
    }
    reply({ ok: false, error: { code: ERROR_CODE[reason], message } });
    if (reason === 'diverged') return; // already reported
    if (reason !== 'internal') session.divergedEpoch = Math.max(session.divergedEpoch, epoch);
    if (hostile) return disconnect(conn, session.docName, reason, message, reason);
    docs.incident({ meetingId: conn.meetingId, docName: session.docName, actor: conn.actor, action: 'refused', reason, message });
    // Not to a client that has joined again since: its fresh copy has nothing refused.
    if (epoch === session.epoch) conn.socket.emit(YWS.refused, session.docName, { reason, message });
  }

  async function sendStep1(conn: Connection, docName: string): Promise<void> {
    const sv = await docs.stateVector(conn.meetingId, docName);
    if (!conn.closed && conn.docs.has(docName)) conn.socket.emit(YWS.msg, docName, wire(syncMessage(Y_SYNC.step1, sv)));
  }

  docs.onRelay((meetingId, docName, update, senders) => relays.relay(docRoom(meetingId, docName), docName, update, senders));

  // The pen moved (or its holder's code was revoked): tell whoever gained or lost it.
  ctx.meetings.onEvents((meetingId, events) => {
    // … or an amendment was decided or withdrawn: its draft is read-only from now on.
    if (!events.some((e) => e.type === 'PenHanded' || e.type === 'PenTakenBack' || e.type === 'AccessCodeRevoked' || DRAFT_ACCESS_EVENTS.includes(e.type))) return;
    const conns = byMeeting.get(meetingId);
    if (!conns) return;
    void ctx.meetings.state(meetingId).then((state) => {
      if (!state) return;
      for (const conn of conns) {
        for (const session of conn.docs.values()) {
          const now = canWriteDoc(conn.actor, state, session.docName);
          if (now === session.canWrite) continue;
          session.canWrite = now;
          if (!now) {
            session.lostPenAt = Date.now();
            removePresence(conn, session);
          }
          conn.socket.emit(YWS.writable, session.docName, now);
          // Ask for what it typed while it could not send (sync step 1 → its step 2).
          if (now) void sendStep1(conn, session.docName).catch(() => undefined);
        }
      }
    }).catch((err: unknown) => log.error({ err, meetingId }, 'telling sockets the pen moved failed'));
  });

  io.on('connection', (socket: GavelSocket) => {
    const { session: info, actor } = socket.data;
    const conn: Connection = {
      socket,
      meetingId: info.meetingId,
      actor,
      docs: new Map(),
      closed: false,
      buckets: {
        messages: new Bucket(...LIMITS.messages),
        awareness: new Bucket(...LIMITS.awareness),
        syncs: new Bucket(...LIMITS.syncs),
        bytes: new Bucket(...LIMITS.bytes),
        joins: new Bucket(...LIMITS.joins),
      },
    };
    let conns = byMeeting.get(conn.meetingId);
    if (!conns) byMeeting.set(conn.meetingId, (conns = new Set()));
    conns.add(conn);

    socket.on('disconnect', () => {
      conn.closed = true;
      for (const session of [...conn.docs.values()]) leave(conn, session);
      conns!.delete(conn);
      if (conns!.size === 0) byMeeting.delete(conn.meetingId);
    });

    // Arguments that are not what the protocol says are hostile: the connection ends (the first argument is the document's name).
    const malformed = (message: string, issues: { path: string }[]) =>
      disconnect(conn, undefined, issues.some((i) => i.path === '0' || i.path.startsWith('0.')) ? 'unknown_document' : 'malformed', message);

    handle<'doc:join', DocJoinResult>(socket, log, YWS.join, async ([name], reply) => {
      if (!conn.buckets.joins.take()) return disconnect(conn, undefined, 'flood', 'too many doc:join');
      const ref = parseDocName(name);
      if (!ref) {
        reply({ ok: false, error: { code: 'not_found', message: 'no such document' } });
        return disconnect(conn, undefined, 'unknown_document', `asked to join ${JSON.stringify(name.slice(0, 80))}`);
      }
      const docName = name;
      // Joining again: the client starts from a fresh copy. At once, so that what it sent before is of the old epoch.
      const rejoining = conn.docs.get(docName);
      if (rejoining) rejoining.epoch++;
      try {
        const state = await ctx.meetings.state(conn.meetingId);
        if (!state) return reply({ ok: false, error: { code: 'not_found', message: 'the meeting is gone' } });
        if (!canReadDoc(actor, state, docName)) {
          if (ref.kind === 'summary') return reply({ ok: false, error: { code: 'not_found', message: 'no such agenda item' } });
          reply({ ok: false, error: { code: 'forbidden', message: 'this document is not yours to see' } });
          return disconnect(conn, docName, 'forbidden_document', `asked to join ${docName}`);
        }
        let session = conn.docs.get(docName);
        if (!session) {
          if (conn.docs.size >= MAX_DOCS_PER_SOCKET) {
            return reply({ ok: false, error: { code: 'rate_limited', message: `at most ${MAX_DOCS_PER_SOCKET} documents at once` } });
          }
          session = {
            docName,
            room: docRoom(conn.meetingId, docName),
            canWrite: false,
            lostPenAt: 0,
            lostWriteAt: 0,
            epoch: 0,
            divergedEpoch: -1,
            clientIds: new Set(),
            inbound: Promise.resolve(),
            acquired: false,
          };
          conn.docs.set(docName, session);
          try {
            await docs.acquire(conn.meetingId, docName);
          } catch (e) {
            conn.docs.delete(docName);
            throw e;
          }
          // Left (or gone) while the document was loading: let go of it.
          if (conn.closed || conn.docs.get(docName) !== session) return docs.release(conn.meetingId, docName);
          session.acquired = true;
          await socket.join(session.room);
        }
        const canWrite = canWriteDoc(actor, state, docName);
        if (session.canWrite && !canWrite) session.lostPenAt = Date.now();
        session.canWrite = canWrite;
        reply({ ok: true, canWrite });
        const others = [...(presence.get(session.room)?.entries() ?? [])]
          .filter(([, p]) => p.conn !== conn)
          .map(([clientId, p]): AwarenessEntry => ({ clientId, clock: p.clock, state: p.state }))
          .concat([...(remotePresence.get(session.room)?.entries() ?? [])].map(([clientId, p]) => ({ clientId, clock: p.clock, state: p.state })));
        if (others.length) socket.emit(YWS.msg, docName, wire(awarenessMessage(others)));
      } catch (e) {
        log.error({ err: e, docName }, 'joining a document failed');
        reply({ ok: false, error: toErrorBody(e) });
      }
    }, malformed);

    handle(socket, log, YWS.leave, ([name]) => {
      const session = conn.docs.get(name);
      if (session) leave(conn, session);
    });

    handle<'doc:msg', DocAck>(socket, log, YWS.msg, async ([name, bytes], reply) => {
      const named = parseDocName(name) ? name : undefined;
      if (!conn.buckets.messages.take()) return disconnect(conn, named, 'flood', 'too many document messages');
      if (bytes.byteLength > MAX_DOC_MESSAGE_BYTES) {
        return disconnect(conn, named, 'oversized', `a document message of ${bytes.byteLength} bytes (at most ${MAX_DOC_MESSAGE_BYTES})`);
      }
      if (!conn.buckets.bytes.take(bytes.byteLength)) return disconnect(conn, named, 'flood', 'too many bytes of document messages');
      if (!named) return disconnect(conn, undefined, 'unknown_document', `a message for ${JSON.stringify(name.slice(0, 80))}`);
      const session = conn.docs.get(named);
      if (!session) {
        const state = await ctx.meetings.state(conn.meetingId);
        if (!state || !canReadDoc(actor, state, named)) return disconnect(conn, named, 'forbidden_document', `a message for ${named}`);
        return reply({ ok: false, error: { code: 'invalid_state', message: 'join the document first' } });
      }

      let type: number;
      let kind = -1;
      let payload: Uint8Array;
      try {
        const decoder = decoding.createDecoder(bytes);
        type = decoding.readVarUint(decoder);
        if (type === Y_MESSAGE.sync) kind = decoding.readVarUint(decoder);
        else if (type !== Y_MESSAGE.awareness) throw new Error(`message type ${type}`);
        // A copy: the received bytes are a view on the whole frame.
        payload = new Uint8Array(decoding.readVarUint8Array(decoder));
      } catch (e) {
        return disconnect(conn, named, 'malformed', `not a y-protocols message: ${(e as Error).message}`);
      }

      if (type === Y_MESSAGE.awareness) return onAwareness(session, payload);
      if (kind === Y_SYNC.step1 && !conn.buckets.syncs.take()) return disconnect(conn, named, 'flood', 'too many sync requests');
      const epoch = session.epoch;
      session.inbound = session.inbound.then(() => onSync(session, epoch, kind, payload, reply)).catch((e: unknown) => {
        log.error({ err: e, docName: named, ...socketContext(socket, YWS.msg) }, 'a document message failed');
        reply({ ok: false, error: toErrorBody(e) });
      });
    }, malformed);

    async function onSync(session: DocSession, epoch: number, kind: number, payload: Uint8Array, reply: (r: DocAck) => void): Promise<void> {
      const named = session.docName;
      switch (kind) {
        case Y_SYNC.step1:
          try {
            const missing = await docs.missingFor(conn.meetingId, named, payload);
            if (conn.closed || !conn.docs.has(named)) return;
            socket.emit(YWS.msg, named, wire(syncMessage(Y_SYNC.step2, missing)));
            if (session.canWrite) await sendStep1(conn, named);
            reply({ ok: true });
          } catch (e) {
            if (e instanceof InvalidUpdate) return disconnect(conn, named, 'malformed', e.message);
            log.error({ err: e }, 'answering a sync step 1 failed');
            reply({ ok: false, error: { code: 'internal', message: 'the server could not answer' } });
          }
          return;
        case Y_SYNC.step2:
        case Y_SYNC.update:
          return onUpdate(session, epoch, payload, reply);
        default:
          return disconnect(conn, named, 'malformed', `sync message kind ${kind}`);
      }
    }

    async function onUpdate(session: DocSession, epoch: number, update: Uint8Array, reply: (r: DocAck) => void): Promise<void> {
      const diverged = () => session.divergedEpoch >= epoch;
      const divergedMessage = 'an earlier change was refused: join again for a fresh copy';
      if (diverged()) return refuse(conn, session, epoch, 'diverged', divergedMessage, false, reply);
      const state = await ctx.meetings.state(conn.meetingId);
      if (!state || !canWriteDoc(actor, state, session.docName)) {
        // Readers answer the server's sync step 1 too: with nothing, that is no write.
        if (isEmptyUpdate(update)) return reply({ ok: true });
        const inFlight = session.lostPenAt > 0 && Date.now() - session.lostPenAt < PEN_GRACE_MS;
        return refuse(conn, session, epoch, 'forbidden', 'you do not hold the pen on this text', !inFlight, reply);
      }
      const gate: UpdateGate = {
        check: (s) =>
          diverged()
            ? new DocRefused('diverged', divergedMessage, false)
            : canWriteDoc(actor, s, session.docName)
              ? null
              : new DocRefused('forbidden', 'you do not hold the pen on this text', false),
        // Later updates of this epoch may build on the refused one: they are dropped too, quietly.
        refused: (r) => {
          if (r.reason !== 'internal' && !buildsOnLostWrite(session, r.reason)) session.divergedEpoch = Math.max(session.divergedEpoch, epoch);
        },
      };
      // Queued now, in order; acknowledged when stored (the next message need not wait for that).
      docs.submit(conn.meetingId, session.docName, update, actor, socket.id, gate).then(
        () => reply({ ok: true }),
        (e: unknown) => {
          if (e instanceof DocRefused) return refuse(conn, session, epoch, e.reason, e.message, e.hostile, reply);
          log.error({ err: e, docName: session.docName }, 'an update could not be stored');
          ctx.health.observe(e);
          refuse(conn, session, epoch, 'internal', 'the server could not store the change; it will be sent again', false, reply);
        },
      );
    }

    async function onAwareness(session: DocSession, update: Uint8Array): Promise<void> {
      if (!conn.buckets.awareness.take()) return disconnect(conn, session.docName, 'awareness_flood', 'too many presence messages');
      // Only writers publish presence; what readers send is dropped.
      if (!session.canWrite) return;
      let entries: AwarenessEntry[];
      try {
        entries = decodeAwareness(update);
      } catch (e) {
        return disconnect(conn, session.docName, 'malformed', (e as InvalidAwareness).message);
      }
      const room = presenceOf(session.room);
      const state = await ctx.meetings.state(conn.meetingId);
      if (conn.closed || !session.canWrite) return;
      const user = presenceUser(actor, state);
      const out: AwarenessEntry[] = [];
      for (const entry of entries) {
        const owner = room.get(entry.clientId);
        if (owner && owner.conn !== conn) {
          // The same person on a new connection (a reconnection) takes its presence along; anyone else may not.
          if (owner.conn.actor.codeId !== actor.codeId) {
            return disconnect(conn, session.docName, 'awareness_spoof', `presence for client ${entry.clientId}, which is someone else's`);
          }
          owner.conn.docs.get(session.docName)?.clientIds.delete(entry.clientId);
        }
        // … and so on another node.
        const elsewhere = remotePresence.get(session.room)?.get(entry.clientId);
        if (elsewhere && elsewhere.codeId !== (actor.codeId ?? actor.name)) {
          return disconnect(conn, session.docName, 'awareness_spoof', `presence for client ${entry.clientId}, which is someone else's`);
        }
        if (!session.clientIds.has(entry.clientId) && session.clientIds.size >= MAX_CLIENT_IDS) {
          return disconnect(conn, session.docName, 'awareness_spoof', 'presence for too many client ids');
        }
        session.clientIds.add(entry.clientId);
        const clock = Math.max(entry.clock, owner?.clock ?? 0);
        if (entry.state === null) {
          room.delete(entry.clientId);
          out.push({ clientId: entry.clientId, clock: entry.clock, state: null });
        } else {
          const clean = sanitizeState(entry.state, user, actor.codeId ?? actor.name);
          room.set(entry.clientId, { conn, clock, state: clean });
          out.push({ clientId: entry.clientId, clock: entry.clock, state: clean });
        }
      }
      if (room.size === 0) presence.delete(session.room);
      if (out.length) publishPresence(conn, session, out);
    }
  });
}
