/**
 * Gavel as one node of several (docs/ARCHITECTURE.md, "Several nodes"):
 * PostgreSQL holds the record, every node serves any client, and each
 * meeting has one owner (cluster/ownership.ts).
 *
 * - Writes reach the owner. A command or a text update a client sends to
 *   another node is sent on to the owner over HTTP between nodes (answered,
 *   or refused at once when the owner is gone; one at a time per sender and
 *   text, so they keep their order); an HTTP write (`POST …/meetings/:id/…`)
 *   is passed to the owner as it came. The owner finds who sent it from the
 *   session, never from the forwarding node's word.
 * - Everything the owner stored, and presence, reaches the other nodes over
 *   Redis (bus.ts); each applies it to its copy of the meeting and of its
 *   texts, and tells its own clients.
 * - When the owner dies its lease runs out; the next node asked to write
 *   takes the meeting over from PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, parseCommand, parseDocName, parseOrFail, type Actor, type Command, type DocRefusalReason, type LedgerEvent } from '@gavel/shared';
import { sessionHashOf, type Auth, type SessionsEnded } from '../auth/sessions';
import { DocRefused, type DocService, type RelayRange, type UpdateGate } from '../docs/service';
import type { MeetingService, Outcome } from '../meetings/service';
import type { RecordIntegrity, RecordProblem } from '../record/integrity';
import type { PostgresStore } from '../store/postgres';
import { LeaseLostError } from '../store/store';
import type { AwarenessEntry } from '../docs/awareness';
import { Bus } from './bus';
import { SharedWindowCounter } from './limits';
import type { AttemptCounter } from '../auth/limits';
import { Ownership } from './ownership';

/** How long a write waits for a meeting whose owner is gone (its lease running out) before it is refused as busy. */
const TAKEOVER_WAIT_MS = 8000;
/** A node that does not answer within this is taken for gone (paused, cut off). */
const FORWARD_TIMEOUT_MS = 4000;
const RETRY_MS = 200;
const SECRET_HEADER = 'x-gavel-cluster';
const FORWARDED_HEADER = 'x-gavel-forwarded-by';

const meetingChannel = (meetingId: string) => `gavel:meeting:${meetingId}`;
const SESSIONS_CHANNEL = 'gavel:sessions';
/** Each node says it is alive here; what a node that fell silent published (presence) is dropped. */
const NODES_CHANNEL = 'gavel:nodes';
const HEARTBEAT_MS = 1000;
/** A node not heard for this long is taken for gone (killed, paused, cut off from Redis). */
const SILENT_MS = 5000;

/** Presence of a document, published by the node its writers are connected to. */
export interface RemotePresence {
  docName: string;
  /** The access code each entry's writer signed in with (a client id is one person's, on any node). */
  codeId: string;
  entries: AwarenessEntry[];
}

type MeetingMessage =
  | { t: 'events'; from: string; events: LedgerEvent[] }
  | { t: 'doc'; from: string; doc: string; update: string; senders: string[]; range: RelayRange }
  | { t: 'presence'; from: string; instance: string; presence: RemotePresence }
  | { t: 'broken'; from: string; problem: RecordProblem }
  /** The owner's messages to this meeting were dropped while Redis was away: read the store again. */
  | { t: 'resync'; from: string };

/** What a node that does not own a meeting answers another node: busy, ask again (it will find the owner). */
const notOwnerRefusal = () => new DomainError('busy', 'not the owner of this meeting', { notOwner: true, retryAfter: 1 });

/** A document of a meeting, as another node names it. */
const docOfMeeting = {
  meetingId: z.string().min(1).max(64),
  docName: z
    .string()
    .max(200)
    .refine((name) => parseDocName(name) !== null, 'not a document of a meeting'),
};
const StartForward = z.object(docOfMeeting).strict();
const CommandForward = z.object({ meetingId: z.string().min(1).max(64), tokenHash: z.string().length(64), command: z.unknown() }).strict();
const UpdateForward = z
  .object({
    ...docOfMeeting,
    tokenHash: z.string().length(64),
    sender: z.string().min(1).max(100),
    update: z.string().max(2_000_000),
  })
  .strict();

export interface ClusterParts {
  app: FastifyInstance;
  store: PostgresStore;
  meetings: MeetingService;
  docs: DocService;
  auth: Auth;
  integrity: RecordIntegrity;
  log: FastifyBaseLogger;
  redisUrl: string;
  /** Where other nodes reach this one; when unset, learnt from the address it listens on. */
  nodeUrl?: string;
  /** Shared by the nodes (derived from the signing key they share): requests between nodes carry it. */
  secret: string;
  leaseMs?: number;
}

export class Cluster {
  readonly ownership: Ownership;
  readonly bus: Bus;
  /** This process (a node restarted under the same id is another instance: what the old one published is gone). */
  readonly instance = randomUUID();
  private readonly presenceListeners = new Set<(meetingId: string, presence: RemotePresence, instance: string) => void>();
  private readonly goneListeners = new Set<(instance: string) => void>();
  /** Other nodes' instances, and when each was last heard from. */
  private readonly heard = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private lastBeat = performance.now();
  private relayingSessions = false;

  constructor(private readonly p: ClusterParts) {
    this.ownership = new Ownership(p.store, p.log, { ttlMs: p.leaseMs });
    if (p.nodeUrl) this.ownership.url = p.nodeUrl;
    this.bus = Bus.open(p.redisUrl, p.log);
    this.wireOwnership();
    this.wireFanOut();
    this.registerRoutes();
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get nodeId(): string {
    return this.ownership.nodeId;
  }

  /** Learns where it listens (when GAVEL_NODE_URL is not set). */
  listening(address: string): void {
    if (!this.ownership.url) this.ownership.url = address;
  }

  status() {
    return { node: this.nodeId, url: this.ownership.url, owns: this.ownership.owned(), redis: this.bus.up ? 'up' : 'down' };
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.ownership.close();
    await this.bus.close();
  }

  /** Attempts counted across the nodes (sign-in limits). */
  counter(name: string, max: number, windowMs: number): AttemptCounter {
    return new SharedWindowCounter(this.bus, name, max, windowMs, this.p.log);
  }

  // ---- presence (realtime/yjs.ts) ------------------------------------------

  publishPresence(meetingId: string, presence: RemotePresence): void {
    this.bus.publish(meetingChannel(meetingId), { t: 'presence', from: this.nodeId, instance: this.instance, presence } satisfies MeetingMessage);
  }

  /** Presence another node published, with the instance that published it. */
  onPresence(listener: (meetingId: string, presence: RemotePresence, instance: string) => void): void {
    this.presenceListeners.add(listener);
  }

  /** A node fell silent (or restarted as another instance): drop what it published. */
  onNodeGone(listener: (instance: string) => void): void {
    this.goneListeners.add(listener);
  }

  /** Says this node is alive; takes the nodes not heard for SILENT_MS for gone. */
  private beat(): void {
    this.bus.publish(NODES_CHANNEL, { from: this.nodeId, instance: this.instance });
    const now = performance.now();
    const paused = now - this.lastBeat > SILENT_MS / 2;
    this.lastBeat = now;
    // This node was the silent one (paused, its event loop blocked): what the others sent meanwhile is still to be read.
    if (paused) {
      for (const instance of this.heard.keys()) this.heard.set(instance, now);
      return;
    }
    for (const [instance, at] of this.heard) {
      if (now - at < SILENT_MS) continue;
      this.heard.delete(instance);
      this.p.log.warn({ instance }, 'a node fell silent: its presence is dropped');
      for (const l of this.goneListeners) l(instance);
    }
  }

  private heardFrom(instance: string): void {
    if (instance !== this.instance) this.heard.set(instance, performance.now());
  }

  // ---- ownership and forwarding --------------------------------------------

  private wireOwnership(): void {
    const { meetings, docs } = this.p;
    const ownership = this.ownership;
    meetings.routeCommandsWith(async (meetingId) =>
      (await ownership.claim(meetingId)) ? undefined : (actor: Actor, command: Command) => this.forwardCommand(meetingId, actor, command),
    );
    meetings.onLeaseLost = (meetingId) => ownership.lost(meetingId);
    docs.clusterWith({
      owns: (meetingId) => ownership.owns(meetingId),
      claim: (meetingId) => ownership.claim(meetingId),
      forward: (meetingId, docName, update, actor, sender, gate) => this.forwardUpdate(meetingId, docName, update, actor, sender, gate),
      lost: (meetingId) => ownership.lost(meetingId),
      start: (meetingId, docName) =>
        this.toOwner(
          meetingId,
          // This node took the meeting (nobody held it): it starts the text itself.
          async () => undefined,
          async (url) => void (await this.post(url, '/internal/cluster/start', { meetingId, docName })),
          // Starting a text twice changes nothing (the owner checks that it is empty, in the text's turn).
          () => true,
        ),
    });
    ownership.onChange((meetingId, owned) => {
      // The texts are read again from the store before their next use; a new owner first catches up with the ledger.
      docs.ownerChanged(meetingId);
      if (owned) void meetings.catchUp(meetingId).catch((err: unknown) => this.p.log.error({ err, meetingId }, 'catching up a meeting taken over failed'));
    });
  }

  /**
   * Sends `attempt` to the meeting's owner until one answers; runs `here`
   * instead if this node becomes the owner. `retryable` says whether a failed
   * attempt may be sent again (it certainly did nothing, or doing it twice is
   * harmless).
   */
  private async toOwner<T>(meetingId: string, here: () => Promise<T>, attempt: (url: string) => Promise<T>, retryable: (e: unknown) => boolean): Promise<T> {
    const deadline = performance.now() + TAKEOVER_WAIT_MS;
    for (;;) {
      const holder = await this.ownership.holder(meetingId);
      if (!holder) return here();
      try {
        return await attempt(holder.url);
      } catch (e) {
        if (e instanceof DomainError && e.code !== 'busy') throw e;
        if (e instanceof DocRefused) throw e;
        this.ownership.forgetHolder(meetingId);
        if (!retryable(e) || performance.now() > deadline) {
          this.p.log.warn({ err: e, meetingId, owner: holder.owner }, 'the owner of a meeting did not answer');
          throw new DomainError('busy', 'the server holding this meeting is not answering; try again in a moment', { retryAfter: 2 });
        }
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
  }

  private forwardCommand(meetingId: string, actor: Actor, command: Command): Promise<Outcome> {
    const tokenHash = sessionOf(actor);
    return this.toOwner(
      meetingId,
      () => this.p.meetings.execute(meetingId, actor, command),
      async (url) => (await this.post(url, '/internal/cluster/command', { meetingId, tokenHash, command })) as Outcome,
      // A command sent again might be recorded twice: only when it never reached the owner.
      (e) => refusedAtConnect(e) || (e instanceof DomainError && e.code === 'busy' && notOwner(e)),
    );
  }

  private forwardUpdate(meetingId: string, docName: string, update: Uint8Array, actor: Actor, sender: string, gate: UpdateGate): Promise<void> {
    const tokenHash = sessionOf(actor);
    const body = { meetingId, docName, tokenHash, sender, update: Buffer.from(update).toString('base64') };
    return this.toOwner(
      meetingId,
      () => this.p.docs.submitHere(meetingId, docName, update, actor, sender, gate),
      async (url) => {
        const answer = (await this.post(url, '/internal/cluster/update', body)) as { refused?: { reason: DocRefusalReason; message: string; hostile: boolean } };
        if (answer.refused) {
          const refusal = new DocRefused(answer.refused.reason, answer.refused.message, answer.refused.hostile);
          gate.refused?.(refusal);
          throw refusal;
        }
      },
      // An update applied twice changes nothing (Yjs): always safe to send again.
      () => true,
    );
  }

  private async post(url: string, path: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: this.p.secret, [FORWARDED_HEADER]: this.nodeId },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    const answer = (await response.json()) as { error?: { code: DomainError['code']; message: string; details?: unknown } };
    if (!response.ok) {
      const e = answer.error;
      throw new DomainError(e?.code ?? 'internal', e?.message ?? `the owner answered ${response.status}`, e?.details);
    }
    return answer;
  }

  private registerRoutes(): void {
    const { app, auth, meetings, docs } = this.p;
    /** Refuses what does not come from a node of this cluster (the nodes' secret); the body, well formed. */
    const fromNode = <T>(request: FastifyRequest, schema: z.ZodType<T>): T => {
      if (request.headers[SECRET_HEADER] !== this.p.secret) throw new DomainError('forbidden', 'not a node of this cluster');
      return parseOrFail(schema, request.body, 'body');
    };
    /**
     * A write another node sent on: from a node of this cluster (the secret),
     * well formed, sent by a session of this meeting (looked up here, never
     * taken from the forwarding node's say-so), to the meeting's owner (another
     * node that is asked sends it back round: it will find the owner).
     */
    const forwarded = async <T extends { meetingId: string; tokenHash: string }>(request: FastifyRequest, schema: z.ZodType<T>) => {
      const body = fromNode(request, schema);
      const who = await auth.bySessionHash(body.tokenHash);
      if (!who) throw new DomainError('unauthenticated', 'the session has ended');
      if (who.session?.meetingId !== body.meetingId) throw new DomainError('forbidden', 'this session belongs to another meeting');
      if (!(await this.ownership.claim(body.meetingId))) throw notOwnerRefusal();
      return { body, actor: who.actor };
    };
    app.post('/internal/cluster/command', async (request) => {
      const { body, actor } = await forwarded(request, CommandForward);
      return meetings.execute(body.meetingId, actor, parseCommand(body.command));
    });
    app.post('/internal/cluster/update', async (request) => {
      const { body, actor } = await forwarded(request, UpdateForward);
      // The node the client is connected to checked the pen on its copy; here it is checked on the meeting as it is.
      const gate: UpdateGate = { check: () => null };
      try {
        await docs.submitHere(body.meetingId, body.docName, new Uint8Array(Buffer.from(body.update, 'base64')), actor, body.sender, gate);
        return { ok: true };
      } catch (e) {
        if (e instanceof DocRefused) return { refused: { reason: e.reason, message: e.message, hostile: e.hostile } };
        // Taken over meanwhile: the node that sent it finds the new owner (an update sent twice changes nothing).
        if (e instanceof LeaseLostError) throw notOwnerRefusal();
        throw e;
      }
    });
    /**
     * A node that loaded a starting text empty asks the owner to start it (the
     * server's own edit, on no one's behalf: only the nodes' secret is asked;
     * the owner starts only the texts a meeting starts with, only when empty).
     */
    app.post('/internal/cluster/start', async (request) => {
      const body = fromNode(request, StartForward);
      if (!(await meetings.state(body.meetingId))) throw new DomainError('not_found', `no meeting ${body.meetingId}`);
      if (!(await this.ownership.claim(body.meetingId))) throw notOwnerRefusal();
      try {
        await docs.start(body.meetingId, body.docName);
      } catch (e) {
        if (e instanceof LeaseLostError || (e instanceof DomainError && e.code === 'busy')) {
          throw notOwnerRefusal();
        }
        throw e;
      }
      return { ok: true };
    });
    // HTTP writes to a meeting are made by its owner: passed on as they came (the owner authenticates them).
    app.addHook('preHandler', async (request, reply) => {
      const meetingId = writeTo(request);
      if (!meetingId || request.headers[FORWARDED_HEADER]) return;
      if (await this.ownership.claim(meetingId)) return;
      const answer = await this.toOwner(
        meetingId,
        async () => undefined,
        (url) => this.pass(url, request),
        (e) => refusedAtConnect(e),
      );
      if (!answer) return;
      reply.status(answer.status).headers(answer.headers).send(answer.body);
      return reply;
    });
  }

  /** The same request, to the owner; its answer as it is. */
  private async pass(url: string, request: FastifyRequest): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    const headers: Record<string, string> = { [FORWARDED_HEADER]: this.nodeId, 'x-forwarded-for': request.ip };
    for (const h of ['authorization', 'content-type', 'accept', 'accept-language']) {
      const v = request.headers[h];
      if (typeof v === 'string') headers[h] = v;
    }
    const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : JSON.stringify(request.body);
    const response = await fetch(`${url}${request.url}`, { method: request.method, headers, body, signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS * 4) });
    const out: Record<string, string> = {};
    for (const h of ['content-type', 'content-disposition', 'retry-after']) {
      const v = response.headers.get(h);
      if (v) out[h] = v;
    }
    return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
  }

  // ---- fan-out --------------------------------------------------------------

  private wireFanOut(): void {
    const { meetings, docs, integrity, auth, log } = this.p;
    const ownership = this.ownership;
    const publish = (meetingId: string, message: MeetingMessage) => this.bus.publish(meetingChannel(meetingId), message);
    meetings.onLoaded((meetingId) => this.follow(meetingId));
    meetings.onEvents((meetingId, events) => {
      if (ownership.owns(meetingId)) publish(meetingId, { t: 'events', from: this.nodeId, events });
    });
    docs.onRelay((meetingId, doc, update, senders, range) => {
      if (ownership.owns(meetingId)) publish(meetingId, { t: 'doc', from: this.nodeId, doc, update: Buffer.from(update).toString('base64'), senders: [...senders], range });
    });
    integrity.onBroken((meetingId, problem) => {
      if (ownership.owns(meetingId)) publish(meetingId, { t: 'broken', from: this.nodeId, problem });
    });
    // Signed out, expired or revoked on one node: the sockets on every node close.
    auth.onSessionsEnded((ended) => {
      if (!this.relayingSessions) this.bus.publish(SESSIONS_CHANNEL, { from: this.nodeId, ended });
    });
    this.bus.subscribe(NODES_CHANNEL, (m) => {
      const { instance } = m as { instance?: unknown };
      if (typeof instance === 'string') this.heardFrom(instance);
    });
    this.bus.subscribe(SESSIONS_CHANNEL, (m) => {
      const { from, ended } = m as { from: string; ended: SessionsEnded };
      if (from === this.nodeId) return;
      this.relayingSessions = true;
      try {
        auth.announceEnded(ended);
      } finally {
        this.relayingSessions = false;
      }
    });
    // Back after Redis was away: what was missed is read from the store.
    this.bus.onReconnect(() => {
      for (const meetingId of meetings.loadedIds()) if (!ownership.owns(meetingId)) this.catchUp(meetingId);
    });
    // The owner's own connection back: its followers may have read the store before what it could not send.
    this.bus.onMissed((channels) => {
      const missed = new Set(channels);
      for (const meetingId of meetings.loadedIds()) {
        if (ownership.owns(meetingId) && missed.has(meetingChannel(meetingId))) publish(meetingId, { t: 'resync', from: this.nodeId });
      }
    });
  }

  /** Reads from the store what this node's copy of a meeting it follows lacks: events, then texts. */
  private catchUp(meetingId: string): void {
    const { meetings, docs, log } = this.p;
    void meetings.catchUp(meetingId).then(() => docs.catchUp(meetingId)).catch((err: unknown) => log.warn({ err, meetingId }, 'catching up after Redis came back failed'));
  }

  /** Listens to a meeting loaded here; then reads what was stored before the subscription took. */
  private follow(meetingId: string): void {
    const { meetings, docs, integrity, log } = this.p;
    this.bus.subscribe(meetingChannel(meetingId), (raw) => {
      const m = raw as MeetingMessage;
      if (m.from === this.nodeId) return;
      switch (m.t) {
        case 'events':
          return void meetings.follow(meetingId, m.events).catch((err: unknown) => log.warn({ err, meetingId }, 'following events failed'));
        case 'doc':
          return void docs
            .follow(meetingId, m.doc, new Uint8Array(Buffer.from(m.update, 'base64')), new Set(m.senders), m.range)
            .catch((err: unknown) => log.warn({ err, meetingId, doc: m.doc }, 'following a text failed'));
        case 'presence':
          this.heardFrom(m.instance);
          for (const l of this.presenceListeners) l(meetingId, m.presence, m.instance);
          return;
        case 'broken':
          return integrity.fail(meetingId, m.problem);
        case 'resync':
          return this.catchUp(meetingId);
      }
    });
  }
}

/** The session a forwarded write is sent under: its token's hash, which the owner looks up itself. */
function sessionOf(actor: Actor): string {
  const tokenHash = sessionHashOf(actor);
  if (!tokenHash) throw new DomainError('forbidden', 'only a signed-in session writes to a meeting');
  return tokenHash;
}

/** The connection was refused: the request never reached the node. */
function refusedAtConnect(e: unknown): boolean {
  const cause = (e as { cause?: { code?: string } })?.cause;
  return cause?.code === 'ECONNREFUSED';
}

function notOwner(e: DomainError): boolean {
  return (e.details as { notOwner?: boolean } | undefined)?.notOwner === true;
}

/** The meeting an HTTP write is for (`POST /api/meetings/:id/…`, never a read, never the record's check). */
function writeTo(request: FastifyRequest): string | undefined {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const m = /^\/api\/meetings\/([^/?]+)\/([^?]*)/.exec(request.url);
  if (!m || m[2].startsWith('ledger/verify') || m[2].startsWith('slips')) return undefined;
  return decodeURIComponent(m[1]);
}
