import {
  createMeeting,
  decide,
  DomainError,
  evolve,
  initialState,
  type Actor,
  type Command,
  type CommandFacts,
  type DomainEvent,
  type IssuedCode,
  type LedgerEvent,
  type MeetingInfoInput,
  type MeetingState,
} from '@gavel/shared';
import { hashAccessCode, newAccessCode, newId } from '../auth/secrets';
import { GENESIS_HASH, sealEvents, verifyChain, type TextAnchors } from '../ledger/chain';
import type { RecordIntegrity } from '../record/integrity';
import { ConcurrencyError, LeaseLostError, type CredentialRecord, type LedgerAppend, type Store } from '../store/store';

/** The meeting after its last durable event, and where it stood before. */
interface Entry {
  /** As recorded durably: what readers see and what listeners were told. */
  durable: MeetingState;
  durableHead: string;
  /** Durable plus what is decided and on its way to the store: what the next command is decided on. */
  state: MeetingState;
  head: string;
  /** Commits on their way to the store, oldest first. */
  inFlight: number;
  /** Seq of the last state checkpoint written (or loaded). */
  checkpointSeq: number;
}

export interface Outcome {
  events: LedgerEvent[];
  issuedCodes: IssuedCode[];
}

type Listener = (meetingId: string, events: LedgerEvent[]) => void;

/**
 * Wraps the execution of commands: may read what a command needs from
 * elsewhere (the texts) and pass it to `decide` as facts, and act on what
 * was recorded (apply it to a text) before the caller hears of it. Both
 * transports go through it.
 */
export type CommandInterceptor = (
  meetingId: string,
  actor: Actor,
  command: Command,
  next: (facts?: CommandFacts) => Promise<Outcome>,
) => Promise<Outcome>;

/**
 * The texts' heads to bind into the ledger with events that fix words (an
 * adoption, an applied decision): returns undefined when the events need none.
 */
export type AnchorSource = (meetingId: string, events: readonly DomainEvent[]) => Promise<TextAnchors | undefined>;

/**
 * Where a meeting's commands are decided when several nodes share the store
 * (cluster/): undefined when this node owns the meeting (it decides them
 * itself), or how to send them to the node that does.
 */
export type CommandRouter = (meetingId: string) => Promise<((actor: Actor, command: Command) => Promise<Outcome>) | undefined>;

export interface MeetingServiceOptions {
  clock?: () => Date;
  /** A state checkpoint after this many events. */
  checkpointEvery?: number;
  /**
   * Under load (the last commit carried LOADED_BATCH commands or more), at most one ledger commit per
   * this many ms; otherwise a commit goes as soon as the last one returned.
   */
  commitIntervalMs?: number;
  integrity?: RecordIntegrity;
}

/** How often a command is decided again after losing a race to another writer. */
const MAX_ATTEMPTS = 8;

/**
 * A commit of this many commands or more means load: the next one keeps the interval, so that what
 * arrives meanwhile shares one transaction and one fsync. Below it, waiting only leaves the writer idle
 * while commands wait: at 10 clients (commits of 5-7) a 2 ms interval kept it idle about 1 ms between
 * commits; at 50 (commits of about 20) the interval kept the server's CPU a command lower
 * (bench:commands, issue 14; docs/PERFORMANCE.md).
 */
const LOADED_BATCH = 8;

/** A commit waiting for the group commit. */
interface Queued {
  append: LedgerAppend;
  done: (error: Error | undefined) => void;
}

/**
 * Runs commands against meetings: decide on the current state, append to the
 * ledger with the expected sequence number, apply, tell the listeners.
 *
 * Commands on one meeting are decided one at a time in this process, each on
 * the state that includes the commands decided before it, even while those
 * are still on their way to the store: so commands arriving together are
 * stored together, in one transaction and one flush (group commit), across
 * meetings too. A command is acknowledged, and its events broadcast and
 * visible to readers (`state`), only once they are durable. Should a commit
 * fail, the meeting is reloaded from the store and what was decided on top of
 * it is decided again (or refused); against other processes on the same
 * store, optimistic concurrency decides.
 *
 * The state is kept in signed checkpoints (record/integrity.ts), so that
 * loading a meeting replays only the events after the last one.
 */
export class MeetingService {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry | undefined>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<Listener>();
  private readonly loadedListeners = new Set<(meetingId: string) => void>();
  private readonly interceptors: CommandInterceptor[] = [];
  private readonly clock: () => Date;
  private readonly checkpointEvery: number;
  private readonly commitIntervalMs: number;
  private anchorSource: AnchorSource | undefined;
  private router: CommandRouter | undefined;
  /** Told when the store refused a write because another node now holds the meeting's lease. */
  onLeaseLost: ((meetingId: string) => void) | undefined;
  /** Per meeting, the last seq the listeners were told of: a meeting loaded again tells them what they missed. */
  private readonly told = new Map<string, number>();
  private batch: Queued[] = [];
  private batchScheduled = false;
  /** A group commit is on its way to the store. */
  private flushing = false;
  private lastCommitAt = -Infinity;
  /** Commands in the last commit (how loaded the writer is). */
  private lastBatch = 0;
  readonly integrity: RecordIntegrity | undefined;

  constructor(
    private readonly store: Store,
    options: MeetingServiceOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.checkpointEvery = options.checkpointEvery ?? 500;
    this.commitIntervalMs = options.commitIntervalMs ?? 2;
    this.integrity = options.integrity;
  }

  onEvents(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told when a meeting is first loaded in this process (on several nodes: to follow what its owner stores). */
  onLoaded(listener: (meetingId: string) => void): void {
    this.loadedListeners.add(listener);
  }

  /** Where the texts' heads come from for the events that bind them (the document service). */
  anchorTextsWith(source: AnchorSource): void {
    this.anchorSource = source;
  }

  /** On several nodes: the commands of meetings another node owns are sent there (cluster/). */
  routeCommandsWith(router: CommandRouter): void {
    this.router = router;
  }

  async create(info: MeetingInfoInput, actor: Actor): Promise<{ meetingId: string } & Outcome> {
    const meetingId = newId('m');
    const now = this.clock().toISOString();
    const decided = createMeeting(meetingId, info, { now, newId });
    const events = sealEvents(meetingId, { seq: 0, hash: GENESIS_HASH }, decided, actor, now);
    const credentials = this.credentialsFor(meetingId, events);
    await this.store.append(meetingId, 0, events, credentials.records);
    const state = events.slice(1).reduce(evolve, initialState(events[0]));
    const head = events.at(-1)!.hash;
    this.entries.set(meetingId, { durable: state, durableHead: head, state, head, inFlight: 0, checkpointSeq: 0 });
    for (const l of this.loadedListeners) l(meetingId);
    this.tell(meetingId, events);
    return { meetingId, events, issuedCodes: credentials.issued };
  }

  /** The meeting as durably recorded, or undefined if there is none. */
  async state(meetingId: string): Promise<MeetingState | undefined> {
    return (await this.load(meetingId))?.durable;
  }

  /** The last durable event's seq and hash (the ledger's head as readers see it). */
  async head(meetingId: string): Promise<{ seq: number; hash: string } | undefined> {
    const entry = await this.load(meetingId);
    return entry && { seq: entry.durable.seq, hash: entry.durableHead };
  }

  /**
   * The meeting as the store has it now, with what other nodes appended since
   * this one last looked: for decisions that must not rest on a stale copy,
   * such as whether an access code is still valid.
   */
  async freshState(meetingId: string): Promise<MeetingState | undefined> {
    return this.serialized(meetingId, async () => {
      await this.catchUp(meetingId);
      return this.entries.get(meetingId)?.durable;
    });
  }

  /** Adds an interceptor (the first added runs outermost); returns a function that removes it. */
  use(interceptor: CommandInterceptor): () => void {
    this.interceptors.push(interceptor);
    return () => {
      const i = this.interceptors.indexOf(interceptor);
      if (i >= 0) this.interceptors.splice(i, 1);
    };
  }

  async execute(meetingId: string, actor: Actor, command: Command): Promise<Outcome> {
    const forward = await this.router?.(meetingId);
    if (forward) return forward(actor, command);
    const run = (index: number, facts: CommandFacts | undefined): Promise<Outcome> => {
      const interceptor = this.interceptors[index];
      if (!interceptor) return this.decideAndCommit(meetingId, actor, command, facts);
      return interceptor(meetingId, actor, command, (given) => run(index + 1, given ?? facts));
    };
    return run(0, undefined);
  }

  private async decideAndCommit(meetingId: string, actor: Actor, command: Command, facts: CommandFacts | undefined): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      // Decided in turn; stored with whatever else is decided meanwhile.
      const decided = await this.serialized(meetingId, () => this.decideNext(meetingId, actor, command, facts));
      if (!decided) return { events: [], issuedCodes: [] };
      try {
        await decided.durable;
        return decided.outcome;
      } catch (e) {
        if (e instanceof LeaseLostError) {
          // Another node took the meeting over (this one was paused, or cut off): nothing was stored; the client sends it again.
          this.onLeaseLost?.(meetingId);
          throw new DomainError('busy', 'the meeting moved to another server: send it again', { notOwner: true, retryAfter: 1 });
        }
        if (!(e instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw e;
      }
    }
  }

  /** Decides a command on the meeting as decided so far and queues its events for the store. */
  private async decideNext(meetingId: string, actor: Actor, command: Command, facts: CommandFacts | undefined) {
    const entry = await this.load(meetingId);
    if (!entry) throw new DomainError('not_found', `no meeting ${meetingId}`);
    this.integrity?.assertWritable(meetingId);
    const now = this.clock().toISOString();
    const decided = decide(entry.state, command, actor, { now, newId, ...(facts ? { facts } : {}) });
    if (decided.length === 0) return undefined;
    const anchors = await this.anchorSource?.(meetingId, decided);
    const events = sealEvents(meetingId, { seq: entry.state.seq, hash: entry.head }, decided, actor, now, anchors);
    const credentials = this.credentialsFor(meetingId, events);
    const durable = this.commit(meetingId, entry, events, credentials.records);
    return { durable, outcome: { events, issuedCodes: credentials.issued } };
  }

  /** Access codes exist in clear only here, in the answer to the secretariat. */
  private credentialsFor(meetingId: string, events: LedgerEvent[]): { issued: IssuedCode[]; records: CredentialRecord[] } {
    const issued: IssuedCode[] = [];
    const records: CredentialRecord[] = [];
    for (const e of events) {
      if (e.type !== 'AccessCodeIssued') continue;
      const code = newAccessCode();
      issued.push({ codeId: e.payload.code.id, code });
      records.push({ meetingId, codeId: e.payload.code.id, codeHash: hashAccessCode(code) });
    }
    return { issued, records };
  }

  async readEvents(meetingId: string, afterSeq = 0): Promise<LedgerEvent[]> {
    const events = await this.store.readEvents(meetingId, afterSeq);
    // Readers never see what is not durable yet… nor, through this node, more than it has told its listeners.
    const durable = this.entries.get(meetingId)?.durable.seq;
    return durable === undefined ? events : events.filter((e) => e.seq <= durable);
  }

  async meetingIds(): Promise<string[]> {
    return this.store.meetingIds();
  }

  /**
   * Applies the events to the decided state at once and queues them for the
   * group commit; resolves when they are durable (and told to the listeners).
   */
  private commit(meetingId: string, entry: Entry, events: LedgerEvent[], credentials: CredentialRecord[]): Promise<void> {
    const expectedSeq = entry.state.seq;
    const after = events.reduce(evolve, entry.state);
    entry.state = after;
    entry.head = events.at(-1)!.hash;
    entry.inFlight++;
    return new Promise<void>((resolve, reject) => {
      this.batch.push({
        append: { meetingId, expectedSeq, events, credentials },
        done: (error) => {
          entry.inFlight--;
          if (error) {
            // What was decided on top of this commit cannot stand either: start again from the store.
            if (this.entries.get(meetingId) === entry) this.entries.delete(meetingId);
            return reject(error);
          }
          entry.durable = after;
          entry.durableHead = events.at(-1)!.hash;
          this.tell(meetingId, events);
          if (after.seq - entry.checkpointSeq >= this.checkpointEvery) void this.checkpoint(meetingId, entry);
          resolve();
        },
      });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    // One commit on its way at a time: what arrives meanwhile waits for it and goes in the next one (group commit).
    if (this.batchScheduled || this.flushing) return;
    this.batchScheduled = true;
    // After this turn, so that what else it decides shares the commit; under load, not before the
    // interval since the last commit began.
    const interval = this.lastBatch >= LOADED_BATCH ? this.commitIntervalMs : 0;
    const wait = this.lastCommitAt + interval - performance.now();
    if (wait <= 0) setImmediate(() => void this.flush());
    else setTimeout(() => void this.flush(), wait);
  }

  private async flush(): Promise<void> {
    this.batchScheduled = false;
    this.lastCommitAt = performance.now();
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    this.lastBatch = batch.length;
    this.flushing = true;
    let results: (Error | undefined)[];
    try {
      results = await this.store.appendMany(batch.map((b) => b.append));
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      results = batch.map(() => error);
    } finally {
      this.flushing = false;
    }
    try {
      // A meeting whose commit failed: the ones decided on top of it fail too (the store refused them as stale).
      batch.forEach((b, i) => b.done(results[i]));
    } finally {
      // What gathered meanwhile goes now, whatever a listener threw.
      if (this.batch.length > 0) this.scheduleFlush();
    }
  }

  private tell(meetingId: string, events: LedgerEvent[]): void {
    const last = events.at(-1);
    if (last) this.told.set(meetingId, last.seq);
    for (const listener of this.listeners) listener(meetingId, events);
  }

  /** Writes a signed checkpoint of the durable state (in the background; failures are logged by integrity). */
  private async checkpoint(meetingId: string, entry: Entry): Promise<void> {
    if (!this.integrity) return;
    const seq = entry.durable.seq;
    entry.checkpointSeq = seq;
    await this.integrity.saveStateCheckpoint(meetingId, entry.durable, entry.durableHead);
  }

  /** Checkpoints every loaded meeting that moved since its last one (at shutdown). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
    await Promise.allSettled(
      [...this.entries].filter(([, e]) => e.durable.seq > e.checkpointSeq && e.inFlight === 0).map(([id, e]) => this.checkpoint(id, e)),
    );
  }

  private async load(meetingId: string): Promise<Entry | undefined> {
    const entry = this.entries.get(meetingId);
    if (entry) return entry;
    let loading = this.loading.get(meetingId);
    if (!loading) {
      loading = this.loadEntry(meetingId).finally(() => this.loading.delete(meetingId));
      this.loading.set(meetingId, loading);
    }
    return loading;
  }

  /** From the latest trusted checkpoint and the events after it; the whole record is checked in the background. */
  private async loadEntry(meetingId: string): Promise<Entry | undefined> {
    let start = await this.integrity?.trustedStateCheckpoint(meetingId);
    let events = await this.store.readEvents(meetingId, start ? start.seq - 1 : 0);
    if (start) {
      // The event the checkpoint covers must still be there, as it was: a cut tail takes it away.
      const covered = events.shift();
      if (covered?.seq !== start.seq || covered.hash !== start.hash) {
        this.integrity?.fail(meetingId, {
          where: 'ledger',
          seq: start.seq,
          reason: `the ledger no longer holds event ${start.seq} as a signed checkpoint saw it: its tail was cut or rewritten`,
        });
        start = undefined;
        events = await this.store.readEvents(meetingId);
      }
    }
    const chain = verifyChain(events, start);
    if (!chain.ok) this.integrity?.fail(meetingId, { where: 'ledger', seq: chain.brokenAt, reason: chain.reason });
    let state = start?.state;
    for (const e of events) state = state ? evolve(state, e) : initialState(e);
    const head = events.at(-1)?.hash ?? start?.hash ?? GENESIS_HASH;
    if (!state) return undefined;
    // Another load (a command's catch-up) may have raced this one: keep the first.
    const existing = this.entries.get(meetingId);
    if (existing) return existing;
    const entry: Entry = { durable: state, durableHead: head, state, head, inFlight: 0, checkpointSeq: start?.seq ?? 0 };
    this.entries.set(meetingId, entry);
    for (const l of this.loadedListeners) l(meetingId);
    // Loaded again (after a failed commit, a lost lease): what the listeners were not told yet, they are told now.
    const told = this.told.get(meetingId);
    if (told !== undefined && state.seq > told) this.tell(meetingId, (await this.store.readEvents(meetingId, told)).filter((e) => e.seq <= state.seq));
    this.integrity?.checkInBackground(meetingId);
    if (events.length >= this.checkpointEvery) void this.checkpoint(meetingId, entry);
    return entry;
  }

  /** Reads what other writers appended since this process last looked. */
  async catchUp(meetingId: string): Promise<LedgerEvent[]> {
    const entry = await this.load(meetingId);
    if (!entry || entry.inFlight > 0) return [];
    const events = await this.store.readEvents(meetingId, entry.durable.seq);
    if (events.length === 0 || this.entries.get(meetingId) !== entry || entry.inFlight > 0) return [];
    const next = events.filter((e, i) => e.seq === entry.durable.seq + i + 1);
    const chain = verifyChain(next, { seq: entry.durable.seq, hash: entry.durableHead });
    if (!chain.ok) this.integrity?.fail(meetingId, { where: 'ledger', seq: chain.brokenAt, reason: chain.reason });
    this.applyStored(meetingId, entry, next);
    return next;
  }

  /**
   * Events another node decided and stored (relayed between nodes, cluster/):
   * applied to the copy here and told to the listeners, in order; a gap
   * (a relay lost) is filled from the store.
   */
  async follow(meetingId: string, events: LedgerEvent[]): Promise<void> {
    const entry = this.entries.get(meetingId);
    if (!entry || entry.inFlight > 0 || events.length === 0) return;
    await this.serialized(meetingId, async () => {
      if (this.entries.get(meetingId) !== entry || entry.inFlight > 0) return;
      const fresh = events.filter((e) => e.seq > entry.durable.seq);
      if (fresh.length === 0) return;
      // Not the next link of the chain this node holds (a relay lost, or not what the store has): read the store.
      if (!verifyChain(fresh, { seq: entry.durable.seq, hash: entry.durableHead }).ok) {
        await this.catchUp(meetingId);
        return;
      }
      this.applyStored(meetingId, entry, fresh);
    });
  }

  /** Events stored by another writer, next in the chain this node holds: applied and told. */
  private applyStored(meetingId: string, entry: Entry, events: LedgerEvent[]): void {
    entry.durable = entry.state = events.reduce(evolve, entry.durable);
    entry.durableHead = entry.head = events.at(-1)?.hash ?? entry.durableHead;
    this.tell(meetingId, events);
  }

  /** The meetings loaded here (on several nodes: those to catch up after a lost connection). */
  loadedIds(): string[] {
    return [...this.entries.keys()];
  }

  private serialized<T>(meetingId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(meetingId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    this.queues.set(meetingId, tail);
    void tail.then(() => {
      if (this.queues.get(meetingId) === tail) this.queues.delete(meetingId);
    });
    return run;
  }
}
