/**
 * The meeting's collaborative texts on the server: one live Y.Doc per
 * document in use, the pipeline every update goes through, durable storage
 * with group commit, checkpoints, and the server's own (trusted) edits.
 *
 * An update from a client, in order per document:
 *   1. authorize   (asked at this moment: the pen may have moved)
 *   2. inspect     (validate.ts: decodes, applies completely, client ids owned)
 *   3. guards      (UpdateGuard hooks, e.g. "adopted paragraphs are read-only")
 *   4. apply       to the live doc (in try/catch; on a throw the doc is reloaded from the store)
 *   5. store       appended with the updates of the same turn (under load: of
 *                  the last few ms) in one transaction
 *   6. ack, relay  only after the store said it is durable; relays of one turn
 *                  and document are merged into one message
 * Steps 1-4 run one update at a time per document; storing overlaps with the
 * next update's checks, so a busy document still commits once per turn.
 *
 * Nothing a client receives (a relay, a sync answer) contains an update that
 * is not stored yet: sync answers wait for the moment when everything applied
 * is stored.
 */
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { canWriteDoc, DomainError, isMeetingText, type Actor, type DocRefusalReason, type MeetingState } from '@gavel/shared';
import { GENESIS_HASH, verifyDocChain, type TextAnchors } from '../ledger/chain';
import type { MeetingService } from '../meetings/service';
import { SIGNED } from '../record/keys';
import { LeaseLostError, type DocHead, type DocUpdateInput, type DocUpdateRecord, type Store } from '../store/store';
import { CheckpointSkipped, CheckpointThread } from './checkpoints';
import { clientsIn, inspectUpdate, InvalidUpdate } from './validate';

export interface UpdateGuardContext {
  meetingId: string;
  docName: string;
  /** Who sent the update, from the session. */
  actor: Actor;
  /** The meeting now (the pen, paragraph statuses, …). */
  state: MeetingState;
  /**
   * The live document BEFORE the update: read it, never change it. To see
   * the result, apply the update to a copy (`Y.applyUpdate(copyOf(doc), update)`).
   */
  doc: Y.Doc;
  /** The update, already checked to decode and to apply completely. */
  update: Uint8Array;
}

/**
 * A rule of the text: returns why the update is refused, or null. Runs after
 * the permission and structure checks and before the update is applied to the
 * live document or stored, one update at a time per document (the next waits
 * for it, so keep it quick). Refused updates are reported to the sender
 * (`doc:refused`, reason `guard`) who is not disconnected for it.
 */
export type UpdateGuard = (ctx: UpdateGuardContext) => string | null | Promise<string | null>;

export class DocRefused extends Error {
  override readonly name = 'DocRefused';
  constructor(
    readonly reason: DocRefusalReason,
    message: string,
    /** A client that follows the protocol would never have sent it: disconnect. */
    readonly hostile: boolean,
  ) {
    super(message);
  }
}

/** Who may write, for one connection's updates. */
export interface UpdateGate {
  /** Asked when the update's turn comes, with the meeting as it is then: why it is refused, or null. */
  check(state: MeetingState): DocRefused | null;
  /** Told at once, in order, when an update is refused (for whatever reason), before the next one is looked at. */
  refused?(refusal: DocRefused): void;
}

export interface DocIncident {
  meetingId: string;
  docName?: string;
  actor: Actor;
  /** What happened: refused an update, dropped presence, disconnected the socket. */
  action: 'refused' | 'disconnected';
  reason: string;
  message: string;
}

export interface DocServiceOptions {
  /** A checkpoint after this many updates … */
  checkpointEvery?: number;
  /** … or when the document has been quiet this long with updates since the last one. */
  checkpointIdleMs?: number;
  /** A document nobody has open is dropped from memory after this long. */
  unloadIdleMs?: number;
  /** The checkpoints' thread is stopped after this long without a checkpoint (started again by the next). */
  checkpointThreadIdleMs?: number;
  /**
   * While a text is typed into, its updates wait for a commit (and relay) at
   * most this many ms after that text's last commit, less if two wait; an
   * update to a text idle that long is committed at once (config textCommitMs).
   */
  commitIntervalMs?: number;
  clock?: () => Date;
}

/** Who edits when the server edits on its own account (an import, say) and no actor is given. */
export const SERVER_ACTOR: Actor = { role: 'admin', name: 'Gavel server' };
const SERVER_OWNER = 'server';

/** Transaction origin of updates this service applies: already stored or being stored. */
const APPLIED = Symbol('gavel-applied');

/**
 * Decisions recorded in the ledger whose edit a text does not hold (after a
 * crash between the two writes): each with the ledger seq that names it and
 * who decided, applied when the text is loaded, before anyone writes.
 */
export type DecisionRecovery = (
  meetingId: string,
  docName: string,
  applied: ReadonlySet<number>,
) => Promise<{ cause: number; actor: Actor; edit: (doc: Y.Doc) => void }[]>;

/** The stored updates a relay carries: those after seq `after`, up to `upTo` (whose hash is `hash`). */
export interface RelayRange {
  after: number;
  upTo: number;
  hash: string;
}

type RelayListener = (meetingId: string, docName: string, update: Uint8Array, senders: ReadonlySet<string>, range: RelayRange) => void;

/** A client's update waiting for its turn to reach the meeting's owner. */
interface RoutedUpdate {
  update: Uint8Array;
  actor: Actor;
  gate: UpdateGate;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface PendingRelay {
  update: Uint8Array;
  sender: string;
  seq: number;
}

/**
 * On several nodes (cluster/): only the node that owns a meeting applies,
 * checks and stores its texts' updates; the others keep copies that follow
 * the owner's relays (`follow`) and send their clients' updates to it.
 */
export interface DocOwnership {
  /** Whether this node writes the meeting now (it holds its lease). */
  owns(meetingId: string): boolean;
  /** True when this node owns the meeting, taking it over if no node does; false when another node does. */
  claim(meetingId: string): Promise<boolean>;
  /**
   * Sends a client's update to the owner (called one at a time per sender and
   * document, in order: the next once this one settled); resolves when
   * stored there, rejects with DocRefused if refused there.
   */
  forward(meetingId: string, docName: string, update: Uint8Array, actor: Actor, sender: string, gate: UpdateGate): Promise<void>;
  /** The store refused a write under this node's lease: another node holds the meeting now. */
  lost(meetingId: string): void;
  /**
   * Has the owner give a starting text its first content (`DocService.start`
   * there), resolving once stored; resolves at once when this node took the
   * meeting meanwhile (nobody held it): it then starts the text itself.
   */
  start(meetingId: string, docName: string): Promise<void>;
}

/** Which texts start with content, and what it is (drafting/service.ts: one empty paragraph). */
export interface TextStarter {
  applies(docName: string): boolean;
  /** Whether the text still lacks it (read only). */
  needed(doc: Y.Doc): boolean;
  /** Gives it, in a transaction on the live doc. */
  edit(doc: Y.Doc): void;
}

class LiveDoc {
  doc = new Y.Doc();
  /** Yjs client id → access code that wrote with it. */
  owners = new Map<number, string>();
  /** Seq of the last stored update. */
  storedSeq = 0;
  /** Its hash: the head of the text's chain. */
  storedHash = GENESIS_HASH;
  /** Applied to `doc`, not yet durable. */
  unstored = 0;
  /** When its last commit was sent (performance.now()): the next waits for the commit interval after it. */
  lastCommitAt = -Infinity;
  /** Its updates waiting for a commit. */
  held = 0;
  checkpointSeq = 0;
  /** The checkpoint being written, if one is: one at a time per text. */
  checkpointing: Promise<void> | undefined;
  /** Run when everything applied is stored. */
  settledWaiters: (() => void)[] = [];
  tail: Promise<unknown> = Promise.resolve();
  /** Sockets (or other users) holding it open. */
  refs = 0;
  outbox: PendingRelay[] = [];
  /** The seq up to which relays were sent (or, on a node that follows, received). */
  relayedSeq = 0;
  idleTimer: NodeJS.Timeout | undefined;
  unloadTimer: NodeJS.Timeout | undefined;
  /** The live doc may hold something the store does not: reload before the next task. */
  broken = false;
  /** Bumped at each reload, so that late store results of the old contents are not relayed. */
  generation = 0;
  loadedFrom = { checkpointSeq: 0, updates: 0, ms: 0 };
  /** The whole state as last encoded for a newcomer, and at which version. */
  wholeState: { seq: number; generation: number; update: Uint8Array } | undefined;
  closed = false;

  constructor(
    readonly meetingId: string,
    readonly docName: string,
  ) {}
}

/** An update with nothing in it (no structs, no deletions), as Yjs encodes it. */
const isEmptyUpdate = (u: Uint8Array) => u.byteLength === 2 && u[0] === 0 && u[1] === 0;

/**
 * A text's updates are committed as soon as this many wait, whatever is left
 * of its commit interval: the interval merges the updates of several writers
 * into one commit and one frame per reader, and two are enough to halve the
 * frames without holding every update for the whole interval
 * (docs/PERFORMANCE.md, fan-out).
 */
const COMMIT_AT_UPDATES = 2;

const key = (meetingId: string, docName: string) => `${meetingId}\u0000${docName}`;

export class DocService {
  private readonly live = new Map<string, LiveDoc>();
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private readonly guards: UpdateGuard[] = [];
  private readonly relayListeners = new Set<RelayListener>();
  private readonly incidentListeners = new Set<(incident: DocIncident) => void>();
  /** Updates applied to their texts, waiting for a commit, in order (all of a text's due together). */
  private batch: { live: LiveDoc; input: DocUpdateInput; done: (head: DocHead | Error) => void }[] = [];
  private recovery: DecisionRecovery | undefined;
  private starter: TextStarter | undefined;
  /** A commit the store has not answered yet: the next one waits for it, and takes all that came meanwhile. */
  private committing = false;
  /** The next commit, when one is scheduled: when, and how to call it off (to bring it forward). */
  private nextCommit: { at: number; cancel: () => void } | undefined;
  private readonly commitIntervalMs: number;
  private readonly relayDue = new Set<LiveDoc>();
  private readonly checkpointEvery: number;
  private readonly checkpointIdleMs: number;
  private readonly unloadIdleMs: number;
  private readonly clock: () => Date;
  private closing = false;
  private readonly integrity;
  private ownership: DocOwnership | undefined;
  /** Per sender and document (on several nodes): its updates waiting to be routed, so that they keep their order. */
  private readonly routes = new Map<string, RoutedUpdate[]>();
  /** Per meeting: moved whenever what a reader of its texts sees here may have changed (see `textsVersion`). */
  private readonly versions = new Map<string, number>();
  /**
   * Per meeting this node owns: the names of its stored documents, asked of
   * the store once and then kept up to date by each commit (only the owner
   * stores a meeting's texts).
   */
  private readonly names = new Map<string, Promise<Set<string>>>();
  /** Builds every text's checkpoints off the event loop (started with the first, stopped when idle). */
  readonly checkpoints: CheckpointThread;

  constructor(
    private readonly store: Store,
    private readonly meetings: MeetingService,
    private readonly log: FastifyBaseLogger,
    options: DocServiceOptions = {},
  ) {
    this.checkpointEvery = options.checkpointEvery ?? 500;
    this.commitIntervalMs = options.commitIntervalMs ?? 15;
    this.checkpointIdleMs = options.checkpointIdleMs ?? 10_000;
    this.unloadIdleMs = options.unloadIdleMs ?? 60_000;
    this.checkpoints = new CheckpointThread(options.checkpointThreadIdleMs);
    this.clock = options.clock ?? (() => new Date());
    this.integrity = meetings.integrity;
  }

  /** Registers a rule of the text; returns a function that removes it. */
  addGuard(guard: UpdateGuard): () => void {
    this.guards.push(guard);
    return () => {
      const i = this.guards.indexOf(guard);
      if (i >= 0) this.guards.splice(i, 1);
    };
  }

  /**
   * The texts that must never be empty (a new meeting's text: its first
   * paragraph): given their first content by the node that writes the
   * meeting when they are loaded there empty, before anyone reads them.
   */
  startTextsWith(starter: TextStarter): void {
    this.starter = starter;
  }

  /** On several nodes: who owns a meeting, and how updates reach the owner. */
  clusterWith(ownership: DocOwnership): void {
    this.ownership = ownership;
  }

  /** Whether this node may write the meeting's texts itself (always, on one node). */
  private owns(meetingId: string): boolean {
    return !this.ownership || this.ownership.owns(meetingId);
  }

  /** How recorded decisions missing from a text are found and applied when it loads. */
  recoverDecisionsWith(recovery: DecisionRecovery): void {
    this.recovery = recovery;
  }

  /** Stored updates to send to a document's readers, merged per turn. `senders` may be excluded. */
  onRelay(listener: RelayListener): () => void {
    this.relayListeners.add(listener);
    return () => this.relayListeners.delete(listener);
  }

  onIncident(listener: (incident: DocIncident) => void): () => void {
    this.incidentListeners.add(listener);
    return () => this.incidentListeners.delete(listener);
  }

  /** Logs a refused write or a disconnected offender, and tells the listeners. */
  incident(incident: DocIncident): void {
    const { actor, ...rest } = incident;
    this.log.warn({ ...rest, codeId: actor.codeId, role: actor.role, who: actor.name }, `drafting: ${incident.action} (${incident.reason})`);
    for (const listener of this.incidentListeners) listener(incident);
  }

  // ---- opening and closing -------------------------------------------------

  /** Holds a document open (loading it if needed) until `release`. */
  async acquire(meetingId: string, docName: string): Promise<void> {
    const live = await this.get(meetingId, docName);
    live.refs++;
    clearTimeout(live.unloadTimer);
  }

  release(meetingId: string, docName: string): void {
    const live = this.live.get(key(meetingId, docName));
    if (!live) return;
    live.refs = Math.max(0, live.refs - 1);
    this.scheduleUnload(live);
  }

  private async get(meetingId: string, docName: string): Promise<LiveDoc> {
    if (this.closing) throw new Error('the document service is closing');
    const k = key(meetingId, docName);
    const existing = this.live.get(k);
    if (existing) return existing;
    let loading = this.loading.get(k);
    if (!loading) {
      loading = this.load(new LiveDoc(meetingId, docName)).finally(() => this.loading.delete(k));
      this.loading.set(k, loading);
    }
    return loading;
  }

  /**
   * The latest checkpoint the server signed, then the updates after it, each
   * checked to chain to the one before; a starting text found empty is given
   * its first content (startLive); then the recorded decisions the text
   * lacks. A checkpoint or a link that does not hold breaks the meeting's
   * record (it then refuses writes); the text is still loaded for reading.
   */
  private async load(live: LiveDoc): Promise<LiveDoc> {
    const started = performance.now();
    const { meetingId, docName } = live;
    let stored = await this.readStored(meetingId, docName);
    // A starting text with nothing in it, on a node that does not write the meeting: its owner starts it
    // (only the owner writes), then what is stored is read again, so that the first reader here has it.
    if (this.ownership && this.needsStart(meetingId, docName, stored.doc) && !this.owns(meetingId)) {
      try {
        await this.ownership.start(meetingId, docName);
        const again = await this.readStored(meetingId, docName);
        stored.doc.destroy();
        stored = again;
      } catch (e) {
        this.log.warn({ err: e, meetingId, docName }, 'the owner could not start an empty text; asked again at its next load');
      }
    }
    const { doc, owners, snapshot, updates } = stored;
    const previous = live.doc;
    live.doc = doc;
    live.owners = owners;
    live.broken = false;
    previous.destroy();
    live.storedSeq = updates.at(-1)?.seq ?? snapshot?.seq ?? 0;
    live.storedHash = updates.at(-1)?.hash ?? snapshot?.hash ?? GENESIS_HASH;
    live.checkpointSeq = snapshot?.seq ?? 0;
    live.relayedSeq = live.storedSeq;
    live.loadedFrom = { checkpointSeq: live.checkpointSeq, updates: updates.length, ms: performance.now() - started };
    this.watchUntracked(live);
    this.live.set(key(meetingId, docName), live);
    // In the same turn as the copy appears (no client's update can come before), and stored before anyone reads it.
    try {
      await this.startLive(live);
    } catch (e) {
      this.log.warn({ err: e, meetingId, docName }, 'an empty text could not be started; tried again at its next load');
    }
    await this.recoverDecisions(live);
    // A long tail of updates since the last checkpoint: make one now (in the thread), so the next load is quick.
    if (updates.length >= this.checkpointEvery && !live.checkpointing) void this.checkpoint(live);
    this.scheduleUnload(live);
    return live;
  }

  /** The text as stored: the latest checkpoint the server signed, then the updates after it, checked to chain. */
  private async readStored(meetingId: string, docName: string) {
    const doc = new Y.Doc();
    const owners = new Map<number, string>();
    const snapshot = await this.trustedCheckpoint(meetingId, docName);
    if (snapshot) {
      Y.applyUpdate(doc, snapshot.state, APPLIED);
      for (const [client, owner] of Object.entries(snapshot.clients)) owners.set(Number(client), owner);
    }
    const updates = await this.store.readDocUpdates(meetingId, docName, snapshot?.seq ?? 0);
    const chain = verifyDocChain(meetingId, docName, updates, snapshot ?? undefined);
    if (!chain.ok) this.integrity?.fail(meetingId, { where: 'text', doc: docName, seq: chain.brokenAt, reason: chain.reason });
    for (const u of updates) {
      try {
        Y.applyUpdate(doc, u.update, APPLIED);
      } catch (e) {
        // Updates are checked before they are stored; this would be a bug, not an attack. Keep the rest.
        this.log.error({ err: e, meetingId, docName, seq: u.seq }, 'a stored update does not apply');
      }
      const owner = ownerOf(u.actor);
      for (const client of clientsIn(u.update)) if (!owners.has(client)) owners.set(client, owner);
    }
    return { doc, owners, snapshot, updates };
  }

  /** Whether `doc` is a starting text that is still empty (and the meeting's record may be written). */
  private needsStart(meetingId: string, docName: string, doc: Y.Doc): boolean {
    return !!this.starter?.applies(docName) && this.starter.needed(doc) && !this.integrity?.problem(meetingId);
  }

  /**
   * Gives a loaded starting text its first content if it is empty and this
   * node writes the meeting: applied at once (call it in the document's turn,
   * or before anyone else can reach the copy), stored like any trusted edit.
   * Returns the store's promise, or undefined when nothing was to be done.
   * A failed store marks the copy broken: it is loaded (and started) again
   * before its next use.
   */
  private startLive(live: LiveDoc): Promise<void> | undefined {
    const { meetingId, docName } = live;
    const starter = this.starter;
    if (!starter || !this.owns(meetingId) || !this.needsStart(meetingId, docName, live.doc)) return undefined;
    return this.trustedEdit(live, SERVER_ACTOR, (doc) => starter.edit(doc));
  }

  /**
   * Gives a starting text its first content now if it has none (idempotent:
   * in the document's turn, after the emptiness check). Only the meeting's
   * owner writes: elsewhere it is refused as busy (the owner starts the text
   * when it loads it). Resolves once stored.
   */
  async start(meetingId: string, docName: string): Promise<void> {
    if (!this.starter?.applies(docName)) throw new DomainError('not_found', `${docName} is not a text a meeting starts with`);
    if (!(await this.meetings.state(meetingId))) throw new DomainError('not_found', `no meeting ${meetingId}`);
    await this.mustOwn(meetingId);
    const live = await this.get(meetingId, docName);
    await this.enqueue(live, async () => {
      // Read again if it must be (and started there, if it is still empty) …
      await this.healthy(live);
      // … or started now.
      await this.startLive(live);
      // Stored before this resolves, also when another task made it (the load of this copy, still storing it): a node
      // that asked for the start reads the store next.
      await this.settled(live);
      // A start the store refused leaves the copy broken (the paragraph in it, not stored).
      if (live.broken) throw new Error(`${docName} could not be started: the store refused its first paragraph`);
    });
  }

  /** The latest text checkpoint if the server signed it and the text still holds the update it covers. */
  private async trustedCheckpoint(meetingId: string, docName: string) {
    const cp = await this.store.readDocSnapshot(meetingId, docName);
    // Unsigned (written before checkpoints were signed): not trusted, the text is rebuilt from its updates.
    if (!cp?.signature || !this.integrity) return undefined;
    const body = this.integrity.docCheckpointBody(meetingId, docName, cp.seq, cp.hash, cp.state, cp.clients);
    if (!this.integrity.keys.verify(SIGNED.docCheckpoint, body, cp.signature)) {
      this.integrity.fail(meetingId, { where: 'checkpoint', doc: docName, seq: cp.seq, reason: 'a text checkpoint is not the one the server signed' });
      return undefined;
    }
    const [covered] = await this.store.readDocUpdates(meetingId, docName, cp.seq - 1, cp.seq);
    if (covered?.hash !== cp.hash) {
      this.integrity.fail(meetingId, {
        where: 'text',
        doc: docName,
        seq: cp.seq,
        reason: `the text no longer holds update ${cp.seq} as a signed checkpoint saw it: its tail was cut or rewritten`,
      });
      return undefined;
    }
    return cp;
  }

  /** Applies, once each, the recorded decisions whose edit the text does not hold. */
  private async recoverDecisions(live: LiveDoc): Promise<void> {
    if (!this.recovery || !this.owns(live.meetingId)) return;
    const applied = new Set(await this.store.docCauses(live.meetingId, live.docName));
    const missing = await this.recovery(live.meetingId, live.docName, applied);
    for (const m of missing) {
      this.log.warn({ meetingId: live.meetingId, docName: live.docName, decision: m.cause }, 'applying a recorded decision the text did not hold');
      try {
        await this.trustedEdit(live, m.actor, m.edit, m.cause);
      } catch (e) {
        this.log.error({ err: e, meetingId: live.meetingId, docName: live.docName, decision: m.cause }, 'a recorded decision could not be applied to the text');
      }
    }
  }

  /**
   * Edits made to the live doc by anyone but this service (a headless editor
   * bound to it that normalizes, say) are stored and relayed like the
   * server's own edits.
   */
  private watchUntracked(live: LiveDoc): void {
    const doc = live.doc;
    // A new copy (loaded or reloaded), then every transaction that changed it, whoever made it.
    this.moved(live.meetingId);
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (live.doc === doc && (tr.changed.size > 0 || tr.deleteSet.clients.size > 0)) this.moved(live.meetingId);
    });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === APPLIED || live.doc !== doc) return;
      if (!this.owns(live.meetingId)) {
        // A copy that follows the owner must stay the owner's: read it again from the store.
        this.log.error({ meetingId: live.meetingId, docName: live.docName }, 'a text this node does not own was changed here; reloading it');
        live.broken = true;
        return;
      }
      this.log.debug({ meetingId: live.meetingId, docName: live.docName }, 'storing an edit made on the server');
      live.owners.set(doc.clientID, SERVER_OWNER);
      this.persist(live, update, SERVER_ACTOR, SERVER_OWNER).catch(() => undefined);
    });
  }

  private scheduleUnload(live: LiveDoc): void {
    clearTimeout(live.unloadTimer);
    if (live.refs > 0 || live.closed) return;
    live.unloadTimer = setTimeout(() => {
      void this.enqueue(live, async () => {
        if (live.refs > 0 || live.closed) return;
        await this.settled(live);
        if (live.refs > 0) return;
        if (live.storedSeq > live.checkpointSeq) await this.checkpoint(live);
        if (live.refs > 0) return;
        this.drop(live);
      });
    }, this.unloadIdleMs);
    live.unloadTimer.unref();
  }

  private drop(live: LiveDoc): void {
    live.closed = true;
    clearTimeout(live.idleTimer);
    clearTimeout(live.unloadTimer);
    this.live.delete(key(live.meetingId, live.docName));
    live.doc.destroy();
  }

  /** Waits for what is queued and stored, writes checkpoints of what changed, and stops. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.loading.values()]);
    const docs = [...this.live.values()];
    await Promise.allSettled(docs.map((live) => live.tail));
    this.flushBatch();
    await Promise.allSettled(
      docs.map(async (live) => {
        await this.settled(live);
        if (live.storedSeq > live.checkpointSeq) await this.checkpoint(live);
        this.drop(live);
      }),
    );
    await this.checkpoints.close();
  }

  // ---- the update pipeline -------------------------------------------------

  /** Runs `task` after everything queued on the document, one at a time. */
  private enqueue<T>(live: LiveDoc, task: () => Promise<T>): Promise<T> {
    const run = live.tail.then(task, task);
    live.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Submits a client's update. Resolves when it is stored (and queued for
   * relay); rejects with DocRefused if it is refused (the document is then
   * unchanged), or another error if it could not be stored.
   *
   * An open document (acquired) takes the update into its queue at once, so
   * updates submitted one after the other are applied in that order.
   *
   * @param sender an id of the connection, excluded from the relay
   * @param gate who may write, asked when the update's turn comes; told at once of a refusal
   */
  submit(meetingId: string, docName: string, update: Uint8Array, actor: Actor, sender: string, gate: UpdateGate): Promise<void> {
    if (!this.ownership) return this.submitHere(meetingId, docName, update, actor, sender, gate);
    const k = `${sender}\u0000${key(meetingId, docName)}`;
    let queue = this.routes.get(k);
    const running = queue !== undefined;
    if (!queue) this.routes.set(k, (queue = []));
    const done = new Promise<void>((resolve, reject) => queue.push({ update, actor, gate, resolve, reject }));
    if (!running) void this.route(k, queue, meetingId, docName, sender);
    return done;
  }

  /**
   * Routes one sender's updates to a text in the order sent, whoever owns the
   * meeting: into the text's queue here when this node owns it; otherwise to
   * the owner one request at a time (two in flight could arrive swapped, and
   * an update whose predecessor the owner lacks is refused as hostile), what
   * arrived meanwhile merged into the next request. Updates sent on are
   * settled before any goes into the queue here (a takeover meanwhile).
   */
  private async route(k: string, queue: RoutedUpdate[], meetingId: string, docName: string, sender: string): Promise<void> {
    const ownership = this.ownership!;
    try {
      while (queue.length > 0) {
        let here: boolean;
        let state: MeetingState | undefined;
        try {
          here = await ownership.claim(meetingId);
          // Loaded first, so that the batch goes into the text's queue at once, in order.
          if (here) await this.get(meetingId, docName);
          else state = await this.meetings.state(meetingId);
        } catch (e) {
          for (const u of queue.splice(0)) u.reject(e);
          continue;
        }
        let batch = queue.splice(0);
        if (here) {
          for (const u of batch) this.submitHere(meetingId, docName, u.update, u.actor, sender, u.gate).then(u.resolve, u.reject);
          continue;
        }
        // An update refused meanwhile may have made the later ones moot (their sender's copy diverged).
        batch = batch.filter((u) => {
          const refused = state ? u.gate.check(state) : new DocRefused('forbidden', 'the meeting is gone', false);
          if (refused) u.reject(refused);
          return !refused;
        });
        if (batch.length === 0) continue;
        const update = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((u) => u.update));
        const gate: UpdateGate = {
          check: (state) => batch.reduce<DocRefused | null>((refused, u) => refused ?? u.gate.check(state), null),
          refused: (refusal) => batch.forEach((u) => u.gate.refused?.(refusal)),
        };
        try {
          await ownership.forward(meetingId, docName, update, batch.at(-1)!.actor, sender, gate);
          for (const u of batch) u.resolve();
        } catch (e) {
          for (const u of batch) u.reject(e);
        }
      }
    } finally {
      this.routes.delete(k);
    }
  }

  /** Submits an update to a text this node owns (on one node, every text): `submit` without routing. */
  submitHere(meetingId: string, docName: string, update: Uint8Array, actor: Actor, sender: string, gate: UpdateGate): Promise<void> {
    const live = this.live.get(key(meetingId, docName));
    if (!live) return this.get(meetingId, docName).then(() => this.submitHere(meetingId, docName, update, actor, sender, gate));
    const outcome = this.enqueue(live, async () => {
      try {
        return await this.check(live, update, actor, sender, gate);
      } catch (e) {
        // Before the next update of the document is looked at: it may build on this one.
        if (e instanceof DocRefused) gate.refused?.(e);
        throw e;
      }
    });
    return outcome.then((o) => o?.stored);
  }

  /** Steps 1-4 of the pipeline for one update, in its turn; returns the store's promise (step 5). */
  private async check(live: LiveDoc, update: Uint8Array, actor: Actor, sender: string, gate: UpdateGate) {
    const { meetingId, docName } = live;
    await this.healthy(live);
    const problem = this.integrity?.problem(meetingId);
    if (problem) throw new DocRefused('record_broken', 'the record of this meeting failed its check: nothing can be written until it is restored', false);
    const state = await this.meetings.state(meetingId);
    if (!state) throw new DocRefused('forbidden', 'the meeting is gone', false);
    const gated = gate.check(state);
    if (gated) throw gated;
    // Whatever the caller checked, the document's own rule: the pen for a text, the sponsor for an amendment's draft.
    if (actor.role !== 'admin' && !canWriteDoc(actor, state, docName)) {
      throw new DocRefused('forbidden', 'you may not write this document', false);
    }
    const writer = actor.codeId ?? SERVER_OWNER;
    let inspection;
    try {
      const doc = live.doc;
      inspection = inspectUpdate(update, (client) => Y.getState(doc.store, client), live.owners, writer);
    } catch (e) {
      if (e instanceof InvalidUpdate) throw new DocRefused('invalid_update', e.message, true);
      throw e;
    }
    if (inspection.empty) return undefined;
    for (const guard of this.guards) {
      let why: string | null;
      try {
        why = await guard({ meetingId, docName, actor, state, doc: live.doc, update });
      } catch (e) {
        this.log.error({ err: e, meetingId, docName }, 'an update guard failed');
        why = 'the server could not check this change';
      }
      if (why) throw new DocRefused('guard', why, false);
    }
    this.apply(live, update);
    for (const client of inspection.newClients) live.owners.set(client, writer);
    // Not awaited here: the next update is checked while this one is being stored.
    return { stored: this.persist(live, update, actor, sender) };
  }

  /**
   * Applies a checked update to the live doc. Should Yjs throw anyway, the
   * doc may be half-changed: it is marked broken, so that the next task
   * reloads it from the store (which never saw this update), and the update
   * is refused.
   */
  private apply(live: LiveDoc, update: Uint8Array): void {
    const started = performance.now();
    try {
      Y.applyUpdate(live.doc, update, APPLIED);
      const pending = live.doc.store.pendingStructs !== null || live.doc.store.pendingDs !== null;
      if (pending) throw new Error('the update left structs pending');
    } catch (e) {
      this.log.error({ err: e, meetingId: live.meetingId, docName: live.docName }, 'a checked update failed to apply; reloading the document');
      live.broken = true;
      throw new DocRefused('invalid_update', 'the update does not apply to the document', true);
    } finally {
      const ms = performance.now() - started;
      if (ms > 50) this.log.warn({ meetingId: live.meetingId, docName: live.docName, ms, bytes: update.byteLength }, 'a slow update');
    }
  }

  /** Reloads a broken live doc from the store; call at the start of a queued task. */
  private async healthy(live: LiveDoc): Promise<void> {
    if (!live.broken) return;
    await this.settled(live);
    live.generation++;
    live.outbox = [];
    const before = Y.encodeStateVector(live.doc);
    await this.load(live);
    // What the store had that the copy lacked (a takeover, a relay lost): this node's readers get it too.
    const missed = Y.encodeStateAsUpdate(live.doc, before);
    if (!isEmptyUpdate(missed)) this.emitRelay(live, missed, new Set(), { after: -1, upTo: live.storedSeq, hash: live.storedHash });
  }

  /** Stores an update already applied to the live doc; then relays it. */
  private persist(live: LiveDoc, update: Uint8Array, actor: Actor, sender: string, cause?: number): Promise<void> {
    live.unstored++;
    live.held++;
    const generation = live.generation;
    return new Promise<void>((resolve, reject) => {
      this.batch.push({
        live,
        input: { meetingId: live.meetingId, docName: live.docName, update, actor, at: this.clock().toISOString(), ...(cause === undefined ? {} : { cause }) },
        done: (result) => {
          live.unstored--;
          if (result instanceof Error) {
            // The live doc holds an update the store does not: start again from the store.
            if (generation === live.generation) live.broken = true;
            reject(result);
          } else {
            if (result.seq > live.storedSeq) {
              live.storedSeq = result.seq;
              live.storedHash = result.hash;
            }
            if (generation === live.generation) this.queueRelay(live, update, sender, result.seq);
            resolve();
          }
          if (live.unstored === 0) this.onSettled(live);
        },
      });
      this.scheduleCommit(this.commitDue(live));
    });
  }

  /**
   * When a text's waiting updates may be committed: at once (after this
   * turn) if its last commit is older than the commit interval or
   * `COMMIT_AT_UPDATES` of them wait; otherwise when the interval has
   * passed, so that what the text gets meanwhile shares one commit and one
   * relay to its readers. Per text: another text's typing does not hold
   * this one's updates back.
   */
  private commitDue(live: LiveDoc): number {
    return this.closing || live.held >= COMMIT_AT_UPDATES ? -Infinity : live.lastCommitAt + this.commitIntervalMs;
  }

  /** Makes sure a commit happens by `at` (unless one is in flight: its end schedules the next). */
  private scheduleCommit(at: number): void {
    if (this.committing || (this.nextCommit && this.nextCommit.at <= at)) return;
    this.nextCommit?.cancel();
    const wait = at - performance.now();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.flushBatch());
      this.nextCommit = { at, cancel: () => clearImmediate(immediate) };
    } else {
      const timer = setTimeout(() => this.flushBatch(), wait);
      this.nextCommit = { at, cancel: () => clearTimeout(timer) };
    }
  }

  /**
   * Group commit: every update of the texts that are due, in one
   * transaction; one commit in flight at a time. The others stay in order
   * for their turn.
   */
  private flushBatch(): void {
    this.nextCommit?.cancel();
    this.nextCommit = undefined;
    if (this.committing || this.batch.length === 0) return;
    const now = performance.now();
    const due: typeof this.batch = [];
    const later: typeof this.batch = [];
    // A timer may fire a little before its time (whole milliseconds): within 1 ms counts as due.
    for (const b of this.batch) (this.commitDue(b.live) <= now + 1 ? due : later).push(b);
    this.batch = later;
    for (const b of due) {
      b.live.lastCommitAt = now;
      b.live.held = 0;
    }
    if (due.length === 0) return this.scheduleNextCommit();
    this.committing = true;
    this.store.appendDocUpdates(due.map((b) => b.input)).then(
      (seqs) => {
        this.committing = false;
        for (const { input } of due) this.stored(input.meetingId, input.docName);
        due.forEach((b, i) => b.done(seqs[i]));
        this.flushRelays();
        this.scheduleNextCommit();
      },
      (e: unknown) => {
        this.committing = false;
        this.log.error({ err: e }, 'storing document updates failed');
        if (e instanceof LeaseLostError) this.ownership?.lost(e.meetingId);
        const error = e instanceof Error ? e : new Error(String(e));
        for (const b of due) b.done(error);
        this.scheduleNextCommit();
      },
    );
  }

  private scheduleNextCommit(): void {
    let at = Infinity;
    for (const b of this.batch) at = Math.min(at, this.commitDue(b.live));
    if (at < Infinity) this.scheduleCommit(at);
  }

  private queueRelay(live: LiveDoc, update: Uint8Array, sender: string, seq: number): void {
    live.outbox.push({ update, sender, seq });
    this.relayDue.add(live);
  }

  private flushRelays(): void {
    const due = [...this.relayDue];
    this.relayDue.clear();
    for (const live of due) this.flushRelay(live);
  }

  /** One message per document and turn: the updates merged. */
  private flushRelay(live: LiveDoc): void {
    const out = live.outbox;
    live.outbox = [];
    if (out.length === 0) return;
    const update = out.length === 1 ? out[0].update : Y.mergeUpdates(out.map((o) => o.update));
    const senders = new Set(out.map((o) => o.sender));
    const upTo = Math.max(...out.map((o) => o.seq));
    const range: RelayRange = { after: live.relayedSeq, upTo, hash: upTo === live.storedSeq ? live.storedHash : '' };
    live.relayedSeq = Math.max(live.relayedSeq, upTo);
    this.emitRelay(live, update, senders, range);
  }

  private emitRelay(live: { meetingId: string; docName: string }, update: Uint8Array, senders: ReadonlySet<string>, range: RelayRange): void {
    // On a node that follows the meeting, a text changed by its owner (kept here or not).
    this.moved(live.meetingId);
    for (const listener of this.relayListeners) listener(live.meetingId, live.docName, update, senders, range);
  }

  /**
   * Stored updates the owner of the meeting relayed (cluster/): applied to the
   * copy kept here and relayed to this node's readers. A relay that does not
   * follow the last one (one was lost) is replaced by a read of the store.
   */
  async follow(meetingId: string, docName: string, update: Uint8Array, senders: ReadonlySet<string>, range: RelayRange): Promise<void> {
    if (this.owns(meetingId)) return;
    const live = this.live.get(key(meetingId, docName));
    // No copy here (nobody on this node has the text open): only those who follow changes are told (texts:changed).
    if (!live) return this.emitRelay({ meetingId, docName }, update, senders, range);
    await this.enqueue(live, async () => {
      await this.healthy(live);
      if (range.upTo <= live.storedSeq) return;
      if (range.after === live.storedSeq && range.hash) {
        Y.applyUpdate(live.doc, update, APPLIED);
        live.storedSeq = live.relayedSeq = range.upTo;
        live.storedHash = range.hash;
        return this.emitRelay(live, update, senders, range);
      }
      await this.catchUpLive(live);
    });
  }

  /** Reads the updates stored after those this copy holds (a relay lost, a connection back), and relays them here. */
  private async catchUpLive(live: LiveDoc): Promise<void> {
    const updates = await this.store.readDocUpdates(live.meetingId, live.docName, live.storedSeq);
    if (updates.length === 0) return;
    const chain = verifyDocChain(live.meetingId, live.docName, updates, { seq: live.storedSeq, hash: live.storedHash });
    if (!chain.ok) this.integrity?.fail(live.meetingId, { where: 'text', doc: live.docName, seq: chain.brokenAt, reason: chain.reason });
    const merged = Y.mergeUpdates(updates.map((u) => u.update));
    Y.applyUpdate(live.doc, merged, APPLIED);
    const after = live.storedSeq;
    const last = updates.at(-1)!;
    live.storedSeq = live.relayedSeq = last.seq;
    live.storedHash = last.hash;
    this.emitRelay(live, merged, new Set(), { after, upTo: last.seq, hash: last.hash });
  }

  /** Catches up every copy of the meeting's texts kept here (on several nodes, after Redis was away). */
  async catchUp(meetingId: string): Promise<void> {
    const copies = [...this.live.values()].filter((l) => l.meetingId === meetingId && !l.closed);
    await Promise.all(copies.map((live) => this.enqueue(live, () => this.catchUpLive(live))));
  }

  /**
   * The meeting changed hands (this node took it over, or lost it): its texts
   * are read again from the store before their next use, so that the new
   * owner starts from exactly what is stored (and applies the decisions the
   * old one did not).
   */
  ownerChanged(meetingId: string): void {
    for (const live of this.live.values()) if (live.meetingId === meetingId) live.broken = true;
    this.names.delete(meetingId);
    this.moved(meetingId);
  }

  private onSettled(live: LiveDoc): void {
    const waiters = live.settledWaiters;
    live.settledWaiters = [];
    for (const w of waiters) w();
    // One being written covers most of these: the next is due `checkpointEvery` after the one it writes.
    if (live.storedSeq - live.checkpointSeq >= this.checkpointEvery && !live.checkpointing) void this.checkpoint(live);
    clearTimeout(live.idleTimer);
    if (live.storedSeq > live.checkpointSeq) {
      live.idleTimer = setTimeout(() => void this.checkpoint(live), this.checkpointIdleMs);
      live.idleTimer.unref();
    }
  }

  /** Runs `fn` synchronously at a moment when everything applied to the doc is stored. */
  private whenSettled(live: LiveDoc, fn: () => void): void {
    if (live.unstored === 0) fn();
    else live.settledWaiters.push(fn);
  }

  private settled(live: LiveDoc): Promise<void> {
    return new Promise((resolve) => this.whenSettled(live, resolve));
  }

  /**
   * Writes a signed checkpoint of the text as stored now (in the background;
   * failures are logged). It is built from the store (the previous checkpoint
   * and the updates after it), not from the live doc, so that it contains
   * exactly the updates up to its seq, whoever wrote them. One at a time per
   * text: asked while one is being written, it waits for it and then writes
   * what that one did not cover, if anything.
   */
  async checkpoint(live: LiveDoc): Promise<void> {
    while (live.checkpointing) await live.checkpointing;
    const writing = this.writeCheckpoint(live);
    live.checkpointing = writing;
    try {
      await writing;
    } finally {
      if (live.checkpointing === writing) live.checkpointing = undefined;
    }
  }

  private async writeCheckpoint(live: LiveDoc): Promise<void> {
    const upTo = await new Promise<DocHead | undefined>((resolve) =>
      this.whenSettled(live, () => {
        if ((live.closed && !this.closing) || live.broken || live.storedSeq <= live.checkpointSeq) return resolve(undefined);
        resolve({ seq: live.storedSeq, hash: live.storedHash });
      }),
    );
    if (!upTo || !this.integrity || !this.owns(live.meetingId)) return;
    const { meetingId, docName } = live;
    try {
      const previous = await this.trustedCheckpoint(meetingId, docName);
      const updates = await this.store.readDocUpdates(meetingId, docName, previous?.seq ?? 0, upTo.seq);
      const last = updates.at(-1);
      if (!last || last.seq !== upTo.seq || last.hash !== upTo.hash) return;
      // Applying them all and encoding the whole text (tens of ms for a long one) is the thread's; the rest stays here.
      const { state, clients } = await this.checkpoints.build(
        previous,
        updates.map((u) => ({ update: u.update, owner: ownerOf(u.actor) })),
      );
      const signature = this.integrity.keys.sign(SIGNED.docCheckpoint, this.integrity.docCheckpointBody(meetingId, docName, upTo.seq, upTo.hash, state, clients));
      await this.store.saveDocSnapshot(meetingId, docName, { seq: upTo.seq, hash: upTo.hash, state, at: this.clock().toISOString(), clients, signature });
      live.checkpointSeq = Math.max(live.checkpointSeq, upTo.seq);
    } catch (e) {
      // The thread died (or the server is stopping): an optimisation missed, the text still loads from its updates.
      if (e instanceof CheckpointSkipped) this.log.warn({ meetingId, docName, reason: e.message }, 'a text checkpoint was skipped');
      else this.log.error({ err: e, meetingId, docName }, 'writing a checkpoint failed');
    }
  }

  /**
   * The heads of the meeting's texts (not amendments' drafts), each taken at
   * a moment when everything applied to it is stored: what the ledger binds
   * with an event that fixes words.
   */
  async heads(meetingId: string): Promise<TextAnchors> {
    const heads: TextAnchors = {};
    for (const docName of await this.storedNames(meetingId)) {
      if (!isMeetingText(docName)) continue;
      const live = this.live.get(key(meetingId, docName));
      heads[docName] = live
        ? await new Promise<DocHead>((resolve) => this.whenSettled(live, () => resolve({ seq: live.storedSeq, hash: live.storedHash })))
        : await this.store.docHead(meetingId, docName);
    }
    return heads;
  }

  // ---- reading -------------------------------------------------------------

  /**
   * What a client with state vector `stateVector` lacks (sync step 2), taken
   * when everything applied is stored. Throws InvalidUpdate if the state
   * vector does not decode.
   */
  async missingFor(meetingId: string, docName: string, stateVector: Uint8Array): Promise<Uint8Array> {
    let empty: boolean;
    try {
      empty = Y.decodeStateVector(stateVector).size === 0;
    } catch (e) {
      throw new InvalidUpdate(`the state vector does not decode: ${(e as Error).message}`);
    }
    const live = await this.get(meetingId, docName);
    return this.whenCurrent(live, () => {
      if (!empty) return Y.encodeStateAsUpdate(live.doc, stateVector);
      // Newcomers (a room filling at the start of a session) get the same whole state: encode it once per version.
      if (live.wholeState?.seq !== live.storedSeq || live.wholeState.generation !== live.generation) {
        live.wholeState = { seq: live.storedSeq, generation: live.generation, update: Y.encodeStateAsUpdate(live.doc) };
      }
      return live.wholeState.update;
    });
  }

  /** The document's state vector (sync step 1), taken when everything applied is stored. */
  async stateVector(meetingId: string, docName: string): Promise<Uint8Array> {
    const live = await this.get(meetingId, docName);
    return this.whenCurrent(live, () => Y.encodeStateVector(live.doc));
  }

  /**
   * Runs `fn` once everything applied to the copy is stored and the copy
   * holds nothing the store refused: after a failed write it is read again
   * first. (Taken from a copy that still held refused updates, a state
   * vector would tell their sender they are here: its answer would leave
   * them out, be acknowledged, and they would be lost at the reload.)
   */
  private async whenCurrent<T>(live: LiveDoc, fn: () => T): Promise<T> {
    for (;;) {
      if (live.broken) await this.enqueue(live, () => this.healthy(live));
      else if (live.unstored > 0) await this.settled(live);
      else return fn();
    }
  }

  /**
   * Reads the live document (for exports, a headless editor, tests) after
   * everything queued before. Do not change it in `fn`: use `change`.
   */
  async read<T>(meetingId: string, docName: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const live = await this.get(meetingId, docName);
    return this.enqueue(live, async () => {
      await this.healthy(live);
      return fn(live.doc);
    });
  }

  /**
   * An edit by the server itself (an import, accepting an amendment, lifting
   * brackets): runs `fn` in one transaction on the live doc, stores the
   * result stamped with `actor`, and relays it. Resolves when stored.
   */
  async change(meetingId: string, docName: string, actor: Actor, fn: (doc: Y.Doc) => void): Promise<void> {
    await this.mustOwn(meetingId);
    const live = await this.get(meetingId, docName);
    const outcome = await this.enqueue(live, async () => {
      await this.healthy(live);
      return { stored: this.trustedEdit(live, actor, fn) };
    });
    await outcome?.stored;
  }

  /**
   * Runs `task` alone in the document's turn: no client update is checked or
   * applied until it ends, so what it reads of the live doc stays true while
   * it awaits (a decision recorded in the ledger, say). `edit` makes trusted
   * edits like `change`; the task resolves once they are stored.
   */
  async exclusive<T>(
    meetingId: string,
    docName: string,
    actor: Actor,
    task: (doc: Y.Doc, edit: (fn: (doc: Y.Doc) => void, cause?: number) => void) => Promise<T>,
  ): Promise<T> {
    await this.mustOwn(meetingId);
    const live = await this.get(meetingId, docName);
    return this.enqueue(live, async () => {
      await this.healthy(live);
      // What the task reads of the text (and the ledger binds of it) is all stored.
      await this.settled(live);
      const stored: Promise<void>[] = [];
      const result = await task(live.doc, (fn, cause) => {
        try {
          stored.push(this.trustedEdit(live, actor, fn, cause));
        } catch (e) {
          // Recorded but not applied: the ledger is the record; the edit is tried again when the text next loads.
          this.log.error({ err: e, meetingId, docName, decision: cause }, 'a recorded decision could not be applied to the text');
        }
      });
      await Promise.all(stored);
      return result;
    });
  }

  /** The server's own edits are made by the meeting's owner only (HTTP writes and commands are sent there). */
  private async mustOwn(meetingId: string): Promise<void> {
    if (this.ownership && !(await this.ownership.claim(meetingId))) {
      throw new DomainError('busy', 'another server holds this meeting now: send it again');
    }
  }

  /** Applies a trusted edit to the live doc in one transaction and stores it; resolves when stored. */
  private trustedEdit(live: LiveDoc, actor: Actor, fn: (doc: Y.Doc) => void, cause?: number): Promise<void> {
    const parts: Uint8Array[] = [];
    const collect = (u: Uint8Array, origin: unknown) => {
      if (origin === APPLIED) parts.push(u);
    };
    live.doc.on('update', collect);
    try {
      live.doc.transact(() => fn(live.doc), APPLIED);
    } finally {
      live.doc.off('update', collect);
    }
    if (parts.length === 0) return Promise.resolve();
    live.owners.set(live.doc.clientID, SERVER_OWNER);
    return this.persist(live, parts.length === 1 ? parts[0] : Y.mergeUpdates(parts), actor, SERVER_OWNER, cause);
  }

  /**
   * The document as it was after update `seq` (for history): a fresh Y.Doc
   * built from the latest checkpoint at or before `seq` and the updates up to it.
   */
  async docAt(meetingId: string, docName: string, seq: number): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const snapshot = await this.store.readDocSnapshot(meetingId, docName, seq);
    if (snapshot) Y.applyUpdate(doc, snapshot.state);
    const updates = await this.store.readDocUpdates(meetingId, docName, snapshot?.seq ?? 0, seq);
    for (const u of updates) Y.applyUpdate(doc, u.update);
    return doc;
  }

  /**
   * The meeting's documents that were ever written (have stored updates), by
   * name. Loads nothing: a reader that must not bring a never-written
   * document to life (the report) asks this before `read`.
   */
  async storedNames(meetingId: string): Promise<string[]> {
    // A node that follows the meeting asks the store: its owner writes there.
    if (!this.owns(meetingId)) return this.store.docNames(meetingId);
    let names = this.names.get(meetingId);
    if (!names) {
      const asked = this.store.docNames(meetingId).then((n) => new Set(n));
      names = asked;
      this.names.set(meetingId, asked);
      asked.catch(() => this.names.get(meetingId) === asked && this.names.delete(meetingId));
    }
    // In the store's order (by name).
    return [...(await names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /**
   * A number that moves (in this process) whenever what a reader of the
   * meeting's texts sees here may have changed: a change applied to a kept
   * copy, a copy (re)loaded, a text stored for the first time, a relay from
   * the owner. Equal numbers: the texts read the same. Undefined on a node
   * that follows a meeting another node owns (it cannot tell what the owner
   * stored): do not keep readings there.
   */
  textsVersion(meetingId: string): number | undefined {
    return this.owns(meetingId) ? (this.versions.get(meetingId) ?? 0) : undefined;
  }

  private moved(meetingId: string): void {
    this.versions.set(meetingId, (this.versions.get(meetingId) ?? 0) + 1);
  }

  /** A commit stored an update of `docName`: it is among the stored names from now on. */
  private stored(meetingId: string, docName: string): void {
    this.moved(meetingId);
    void this.names.get(meetingId)?.then(
      (names) => names.add(docName),
      () => undefined,
    );
  }

  /** The stored updates with who wrote them and when (for history). */
  updates(meetingId: string, docName: string, afterSeq = 0, upToSeq?: number): Promise<DocUpdateRecord[]> {
    return this.store.readDocUpdates(meetingId, docName, afterSeq, upToSeq);
  }

  /** Writes a checkpoint of a loaded text now if it has updates since its last (for tests and diagnostics). */
  async checkpointNow(meetingId: string, docName: string): Promise<void> {
    const live = this.live.get(key(meetingId, docName));
    if (live) await this.checkpoint(live);
  }

  /** How a loaded document was loaded, and where it stands (for tests and diagnostics). */
  status(meetingId: string, docName: string) {
    const live = this.live.get(key(meetingId, docName));
    return live && { refs: live.refs, storedSeq: live.storedSeq, checkpointSeq: live.checkpointSeq, loadedFrom: live.loadedFrom };
  }
}

function ownerOf(actor: Actor): string {
  return actor.codeId ?? SERVER_OWNER;
}
