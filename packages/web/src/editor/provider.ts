/**
 * A Yjs provider over the meeting's socket.io connection (protocol/yjs.ts),
 * shaped as Lexical's CollaborationPlugin expects: `awareness`, `connect`,
 * `disconnect`, and on/off for `sync` (boolean), `status`, `update`,
 * `reload`; created disconnected. It does not own the socket (the app's
 * MeetingConnection does) and uses no DOM API, so it runs in Node too.
 *
 * - Joins the document when connected (again after every reconnection) and
 *   syncs with state vectors: its step 1 brings what it lacks; the server's
 *   step 1 (sent to writers only) is answered with everything the server
 *   lacks, which is how edits typed offline or left unacknowledged reach it.
 * - Sends each local change as an update with an acknowledgement; `unsaved`
 *   is true until every local change is acknowledged (= stored). Until the
 *   first push after a join, changes wait and go in that push, so that no
 *   update reaches the server before what it builds on.
 * - `canWrite` (and the `writable` event) follow the pen. A reader sends no
 *   updates and no presence.
 * - If the server refuses a change (`refused` event), the local copy has
 *   something the server's has not: the provider stops sending (`diverged`).
 *   Lexical 0.52 does not rebind on `reload`, so the editor should be
 *   remounted with a fresh provider (and doc); that one starts from the
 *   server's copy.
 *
 * With Lexical: providerFactory = (id, docMap) => { const p = new
 * SocketIoYjsProvider(socket, id); docMap.set(id, p.doc); return p; }.
 */
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Socket } from 'socket.io-client';
import type { Provider as LexicalProvider, ProviderAwareness } from '@lexical/yjs';
import { asBytes, toWire, Y_MESSAGE, Y_SYNC, YWS, type DocAck, type DocJoinResult, type DocRefusal } from '@gavel/shared';

export type ProviderStatus = 'connecting' | 'connected' | 'disconnected';

export interface SocketIoYjsProviderOptions {
  /** The document to sync; a new one by default. */
  doc?: Y.Doc;
  /** Publish this client's presence (cursor) while it may write. Default true. */
  presence?: boolean;
  /** How long to wait for an acknowledgement before syncing again. Default 10 s. */
  ackTimeoutMs?: number;
  /**
   * At most one presence message per this many ms. Default 250: cursors are
   * relative positions, so a remote cursor moves with the text it sits in
   * between two presence messages; more often only multiplies messages to
   * every reader.
   */
  presenceIntervalMs?: number;
  /** Delay before joining again after a failed join. Default 1 s. */
  retryMs?: number;
}

interface ProviderEvents {
  sync: (synced: boolean) => void;
  status: (event: { status: ProviderStatus }) => void;
  update: (update: unknown) => void;
  reload: (doc: Y.Doc) => void;
  /** The pen moved: this client may (true) or may not (false) write now. */
  writable: (canWrite: boolean) => void;
  /** A change was refused; see `diverged`. */
  refused: (refusal: DocRefusal) => void;
  /** `unsaved` changed. */
  saved: (allSaved: boolean) => void;
  /** Joining failed (no such document, not allowed, …). */
  error: (error: { code: string; message: string }) => void;
}
type EventName = keyof ProviderEvents;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any socket of the meeting, typed or not
type AnySocket = Socket<any, any>;

/** The provider currently syncing each document on each socket: a new one takes over. */
const active = new WeakMap<AnySocket, Map<string, SocketIoYjsProvider>>();
/** Who wants to know when a document's provider on a socket changes (editor/liveText.ts mirrors ride on it). */
const watchers = new WeakMap<AnySocket, Map<string, Set<(provider: SocketIoYjsProvider | null) => void>>>();

function announce(socket: AnySocket, docName: string): void {
  const provider = active.get(socket)?.get(docName) ?? null;
  for (const listener of [...(watchers.get(socket)?.get(docName) ?? [])]) listener(provider);
}

/** The provider syncing a document on this socket now, if any. */
export function activeProvider(socket: AnySocket, docName: string): SocketIoYjsProvider | null {
  return active.get(socket)?.get(docName) ?? null;
}

/** Calls `listener` whenever another provider (or none) syncs the document on this socket; returns the unsubscribe. */
export function watchActiveProvider(socket: AnySocket, docName: string, listener: (provider: SocketIoYjsProvider | null) => void): () => void {
  let bySocket = watchers.get(socket);
  if (!bySocket) watchers.set(socket, (bySocket = new Map()));
  let set = bySocket.get(docName);
  if (!set) bySocket.set(docName, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

export class SocketIoYjsProvider {
  readonly doc: Y.Doc;
  /** y-protocols Awareness; its states are Lexical's cursor states, with `name`/`user`/`color` set by the server. */
  readonly awareness: Awareness & Pick<ProviderAwareness, 'getLocalState' | 'getStates'>;
  /** Whether the server lets this session write the document now (the pen). */
  canWrite = false;
  /** Received the server's copy since the last join. */
  synced = false;
  status: ProviderStatus = 'disconnected';
  /** A change was refused: nothing more is sent; remount with a fresh provider. */
  diverged = false;

  private readonly listeners = new Map<EventName, Set<(...args: unknown[]) => void>>();
  private readonly options: Required<Omit<SocketIoYjsProviderOptions, 'doc'>>;
  private wanted = false;
  private joined = false;
  /** Bumped at every join and leave: answers to an older one are ignored. */
  private epoch = 0;
  /** Local changes are numbered; `acked` is the highest acknowledged. */
  private localVersion = 0;
  private ackedVersion = 0;
  private ackEpoch = 0;
  /** Until the first push after a join, local changes wait for it. */
  private pushPending = true;
  private presenceTimer: ReturnType<typeof setTimeout> | undefined;
  private presenceDue = false;
  private presenceSent = false;
  private lastPresenceAt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the last resync after a refusal was asked for, and the pause before the next (0 after a success). */
  private lastResyncAt = 0;
  private resyncPause = 0;

  constructor(
    readonly socket: AnySocket,
    readonly docName: string,
    options: SocketIoYjsProviderOptions = {},
  ) {
    this.doc = options.doc ?? new Y.Doc();
    this.awareness = new Awareness(this.doc) as SocketIoYjsProvider['awareness'];
    this.options = {
      presence: options.presence ?? true,
      ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
      presenceIntervalMs: options.presenceIntervalMs ?? 250,
      retryMs: options.retryMs ?? 1_000,
    };
    this.doc.on('update', this.onLocalUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  // ---- Lexical's Provider ----------------------------------------------------

  connect(): void {
    if (this.wanted) return;
    this.wanted = true;
    let bySocket = active.get(this.socket);
    if (!bySocket) active.set(this.socket, (bySocket = new Map()));
    const previous = bySocket.get(this.docName);
    if (previous && previous !== this) previous.supersede();
    bySocket.set(this.docName, this);
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on(YWS.msg, this.onMessage);
    this.socket.on(YWS.writable, this.onWritable);
    this.socket.on(YWS.refused, this.onRefused);
    if (this.socket.connected) this.join();
    else this.setStatus('connecting');
    announce(this.socket, this.docName);
  }

  disconnect(): void {
    if (!this.wanted) return;
    const mine = active.get(this.socket)?.get(this.docName) === this;
    if (mine && this.socket.connected) this.socket.emit(YWS.leave, this.docName);
    if (mine) active.get(this.socket)!.delete(this.docName);
    this.stop();
    if (mine) announce(this.socket, this.docName);
  }

  on<E extends EventName>(event: E, listener: ProviderEvents[E]): void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (...args: unknown[]) => void);
  }

  off<E extends EventName>(event: E, listener: ProviderEvents[E]): void {
    this.listeners.get(event)?.delete(listener as (...args: unknown[]) => void);
  }

  /** Disconnects and releases the doc's and the awareness' listeners. */
  destroy(): void {
    this.disconnect();
    this.doc.off('update', this.onLocalUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.listeners.clear();
  }

  // ---- state -------------------------------------------------------------

  /** Some local change is not yet acknowledged (stored) by the server. */
  get unsaved(): boolean {
    return this.ackedVersion < this.localVersion;
  }

  /** Local changes made so far (each local Yjs transaction counts one). */
  get localChanges(): number {
    return this.localVersion;
  }

  /** How many of them the server has acknowledged, i.e. stored: the first n. */
  get savedChanges(): number {
    return this.ackedVersion;
  }

  /** Resolves once synced with the server's copy. */
  whenSynced(): Promise<void> {
    return this.until('sync', () => this.synced);
  }

  /** Resolves once every local change is acknowledged. */
  whenSaved(): Promise<void> {
    return this.until('saved', () => !this.unsaved);
  }

  // ---- internals ------------------------------------------------------------

  private emit<E extends EventName>(event: E, ...args: Parameters<ProviderEvents[E]>): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  private until(event: 'sync' | 'saved', done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        this.off(event, check);
        resolve();
      };
      this.on(event, check);
    });
  }

  private setStatus(status: ProviderStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', { status });
  }

  private setSynced(synced: boolean): void {
    if (this.synced === synced) return;
    this.synced = synced;
    this.emit('sync', synced);
  }

  private setCanWrite(canWrite: boolean): void {
    if (this.canWrite === canWrite) return;
    this.canWrite = canWrite;
    this.emit('writable', canWrite);
  }

  private noteAcked(version: number): void {
    this.resyncPause = 0;
    this.lastResyncAt = 0;
    const was = this.unsaved;
    this.ackedVersion = Math.max(this.ackedVersion, version);
    if (was && !this.unsaved) this.emit('saved', true);
  }

  /** Another provider took this document over on the same socket: stop without leaving. */
  private supersede(): void {
    this.stop();
  }

  private stop(): void {
    this.wanted = false;
    this.joined = false;
    this.epoch++;
    clearTimeout(this.retryTimer);
    clearTimeout(this.resyncTimer);
    this.resyncTimer = undefined;
    clearTimeout(this.presenceTimer);
    this.presenceTimer = undefined;
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off(YWS.msg, this.onMessage);
    this.socket.off(YWS.writable, this.onWritable);
    this.socket.off(YWS.refused, this.onRefused);
    this.dropRemotePresence();
    this.setSynced(false);
    this.setStatus('disconnected');
  }

  private join(): void {
    const epoch = ++this.epoch;
    this.joined = false;
    this.pushPending = true;
    this.setStatus('connecting');
    this.socket.timeout(this.options.ackTimeoutMs).emit(YWS.join, this.docName, (err: Error | null, result: DocJoinResult) => {
      if (epoch !== this.epoch || !this.wanted) return;
      if (err) return this.retryJoin();
      if (!result.ok) {
        this.setStatus('disconnected');
        this.emit('error', result.error);
        return;
      }
      this.joined = true;
      this.setCanWrite(result.canWrite);
      this.setStatus('connected');
      this.sendStep1();
      if (this.canWrite) this.schedulePresence();
    });
  }

  private retryJoin(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.wanted && this.socket.connected) this.join();
    }, this.options.retryMs);
  }

  private send(kind: 'sync' | 'awareness', sub: number, payload: Uint8Array, onAck?: (ok: boolean, result?: DocAck) => void): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kind === 'sync' ? Y_MESSAGE.sync : Y_MESSAGE.awareness);
    if (kind === 'sync') encoding.writeVarUint(encoder, sub);
    encoding.writeVarUint8Array(encoder, payload);
    const message = toWire(encoding.toUint8Array(encoder));
    if (!onAck) {
      this.socket.emit(YWS.msg, this.docName, message);
      return;
    }
    const epoch = this.epoch;
    this.socket.timeout(this.options.ackTimeoutMs).emit(YWS.msg, this.docName, message, (err: Error | null, result: DocAck) => {
      if (epoch !== this.epoch) return;
      onAck(!err && result?.ok === true, err ? undefined : result);
    });
  }

  /**
   * What was sent was not stored (the server could not, or no answer came):
   * sync again, which resends all it lacks. Once for all the refusals of
   * what was in flight (each keystroke sent before the first refusal came
   * back is refused too: a sync request for each would be a flood the server
   * cuts), and, while the server keeps refusing, after a pause that doubles
   * each time (from `retryMs` up to 8 s) until something is stored.
   */
  private resync(): void {
    if (!this.wanted || !this.joined || !this.socket.connected) return;
    this.pushPending = true;
    if (this.resyncTimer !== undefined) return;
    const wait = Math.max(0, this.lastResyncAt + this.resyncPause - Date.now());
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined;
      if (!this.joined || !this.socket.connected) return;
      // A resync that ends refused again waits longer before the next.
      if (this.lastResyncAt > 0) this.resyncPause = Math.min(this.resyncPause * 2 || this.options.retryMs, 8_000);
      this.lastResyncAt = Date.now();
      this.sendStep1();
    }, wait);
  }

  private sendStep1(): void {
    this.send('sync', Y_SYNC.step1, Y.encodeStateVector(this.doc));
  }

  /**
   * Sends an update (or the answer to the server's step 1) and notes what its
   * ack covers: every local change so far, since those before it were sent
   * before it or are in it. After a failure that no longer holds, so acks
   * count again only from the next full push.
   */
  private sendUpdate(kind: number, update: Uint8Array): void {
    const covers = this.localVersion;
    const ackEpoch = this.ackEpoch;
    this.send('sync', kind, update, (ok, result) => {
      if (ackEpoch !== this.ackEpoch) return;
      if (ok) return this.noteAcked(covers);
      this.ackEpoch++;
      // Refused: `refused` tells why. Not stored, or no answer in time: sync again, which resends all.
      if (result && !result.ok && result.error.code !== 'internal') return;
      this.resync();
    });
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    this.localVersion++;
    if (this.localVersion === this.ackedVersion + 1) this.emit('saved', false);
    // Sent now only when nothing sent before it is missing on the server.
    if (this.joined && this.canWrite && !this.pushPending && !this.diverged && this.socket.connected) {
      this.sendUpdate(Y_SYNC.update, update);
    }
  };

  private readonly onConnect = (): void => {
    if (this.wanted) this.join();
  };

  private readonly onDisconnect = (): void => {
    this.epoch++;
    this.joined = false;
    this.pushPending = true;
    this.dropRemotePresence();
    this.setSynced(false);
    if (this.wanted) this.setStatus('connecting');
  };

  private readonly onMessage = (docName: string, raw: unknown): void => {
    if (docName !== this.docName || !this.joined) return;
    const bytes = asBytes(raw);
    if (!bytes) return;
    try {
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      if (type === Y_MESSAGE.sync) {
        const kind = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (kind === Y_SYNC.step1) {
          // The server asks for what it lacks: everything typed offline or not yet acknowledged.
          if (!this.canWrite || this.diverged) return;
          this.pushPending = false;
          this.sendUpdate(Y_SYNC.step2, Y.encodeStateAsUpdate(this.doc, payload));
        } else {
          Y.applyUpdate(this.doc, payload, this);
          if (kind === Y_SYNC.step2) this.setSynced(true);
        }
      } else if (type === Y_MESSAGE.awareness) {
        applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
      }
    } catch (e) {
      console.error(`[gavel] a message for ${this.docName} could not be read`, e);
    }
  };

  private readonly onWritable = (docName: string, canWrite: boolean): void => {
    if (docName !== this.docName) return;
    this.setCanWrite(canWrite);
    // Gaining the pen: the server sends its step 1, answered with what waited here.
    if (canWrite) {
      this.pushPending = true;
      this.schedulePresence();
    }
  };

  private readonly onRefused = (docName: string, refusal: DocRefusal): void => {
    if (docName !== this.docName) return;
    if (refusal.reason === 'internal') {
      this.resync();
    } else {
      this.diverged = true;
    }
    this.emit('refused', refusal);
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === this) return;
    const mine = this.doc.clientID;
    if ([...added, ...updated, ...removed].includes(mine)) this.schedulePresence();
  };

  /** Sends this client's presence, at most once per interval, while it may write. */
  private schedulePresence(): void {
    if (!this.options.presence) return;
    this.presenceDue = true;
    if (this.presenceTimer !== undefined) return;
    const wait = Math.max(0, this.lastPresenceAt + this.options.presenceIntervalMs - Date.now());
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      if (!this.presenceDue || !this.joined || !this.canWrite || !this.socket.connected) return;
      if (this.awareness.getLocalState() === null && !this.presenceSent) return;
      this.presenceDue = false;
      this.presenceSent = true;
      this.lastPresenceAt = Date.now();
      this.send('awareness', 0, encodeAwarenessUpdate(this.awareness, [this.doc.clientID]));
    }, wait);
  }

  /** Others' cursors go when the connection does; they come back with the next join. */
  private dropRemotePresence(): void {
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    if (others.length) removeAwarenessStates(this.awareness, others, this);
  }
}

// Fails to compile if the provider stops fitting Lexical's CollaborationPlugin.
const _fitsLexical = (p: SocketIoYjsProvider): LexicalProvider => p;
void _fitsLexical;
