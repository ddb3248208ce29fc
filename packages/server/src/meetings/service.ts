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
  type MeetingInfo,
  type MeetingState,
} from '@gavel/shared';
import { hashAccessCode, newAccessCode, newId } from '../auth/secrets';
import { GENESIS_HASH, sealEvents, verifyChain } from '../ledger/chain';
import { ConcurrencyError, type CredentialRecord, type Store } from '../store/store';

interface Entry {
  state: MeetingState;
  head: string;
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

/** How often a command is decided again after losing a race to another writer. */
const MAX_ATTEMPTS = 8;

/**
 * Runs commands against meetings: decide on the current state, append to the
 * ledger with the expected sequence number, apply, tell the listeners.
 * Commands on one meeting run one at a time in this process; against other
 * processes on the same store, optimistic concurrency decides.
 */
export class MeetingService {
  private readonly entries = new Map<string, Entry>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<Listener>();
  private readonly interceptors: CommandInterceptor[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  onEvents(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async create(info: MeetingInfo, actor: Actor): Promise<{ meetingId: string } & Outcome> {
    const meetingId = newId('m');
    const now = this.clock().toISOString();
    const decided = createMeeting(meetingId, info, { now, newId });
    const outcome = await this.commit(meetingId, { seq: 0, hash: GENESIS_HASH }, decided, actor, now);
    return { meetingId, ...outcome };
  }

  /** The meeting as this process knows it, or undefined if there is none. */
  async state(meetingId: string): Promise<MeetingState | undefined> {
    return (await this.load(meetingId))?.state;
  }

  /**
   * The meeting as the store has it now, with what other nodes appended since
   * this one last looked: for decisions that must not rest on a stale copy,
   * such as whether an access code is still valid.
   */
  async freshState(meetingId: string): Promise<MeetingState | undefined> {
    return this.serialized(meetingId, async () => {
      await this.catchUp(meetingId);
      return this.entries.get(meetingId)?.state;
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
    const run = (index: number, facts: CommandFacts | undefined): Promise<Outcome> => {
      const interceptor = this.interceptors[index];
      if (!interceptor) return this.decideAndCommit(meetingId, actor, command, facts);
      return interceptor(meetingId, actor, command, (given) => run(index + 1, given ?? facts));
    };
    return run(0, undefined);
  }

  private async decideAndCommit(meetingId: string, actor: Actor, command: Command, facts: CommandFacts | undefined): Promise<Outcome> {
    return this.serialized(meetingId, async () => {
      for (let attempt = 1; ; attempt++) {
        const entry = await this.load(meetingId);
        if (!entry) throw new DomainError('not_found', `no meeting ${meetingId}`);
        const now = this.clock().toISOString();
        const decided = decide(entry.state, command, actor, { now, newId, ...(facts ? { facts } : {}) });
        if (decided.length === 0) return { events: [], issuedCodes: [] };
        try {
          return await this.commit(meetingId, { seq: entry.state.seq, hash: entry.head }, decided, actor, now);
        } catch (e) {
          if (!(e instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw e;
          await this.catchUp(meetingId);
        }
      }
    });
  }

  async readEvents(meetingId: string, afterSeq = 0): Promise<LedgerEvent[]> {
    return this.store.readEvents(meetingId, afterSeq);
  }

  async verify(meetingId: string) {
    return verifyChain(await this.store.readEvents(meetingId));
  }

  async meetingIds(): Promise<string[]> {
    return this.store.meetingIds();
  }

  private async commit(
    meetingId: string,
    after: { seq: number; hash: string },
    decided: DomainEvent[],
    actor: Actor,
    now: string,
  ): Promise<Outcome> {
    const events = sealEvents(meetingId, after, decided, actor, now);
    // Access codes exist in clear only here, in the answer to the secretariat.
    const issuedCodes: IssuedCode[] = [];
    const credentials: CredentialRecord[] = [];
    for (const e of events) {
      if (e.type !== 'AccessCodeIssued') continue;
      const code = newAccessCode();
      issuedCodes.push({ codeId: e.payload.code.id, code });
      credentials.push({ meetingId, codeId: e.payload.code.id, codeHash: hashAccessCode(code) });
    }
    await this.store.append(meetingId, after.seq, events, credentials);
    this.apply(meetingId, events);
    for (const listener of this.listeners) listener(meetingId, events);
    return { events, issuedCodes };
  }

  private apply(meetingId: string, events: LedgerEvent[]): void {
    if (events.length === 0) return;
    let entry = this.entries.get(meetingId);
    for (const e of events) {
      if (!entry) {
        entry = { state: initialState(e), head: e.hash };
      } else if (e.seq === entry.state.seq + 1) {
        entry = { state: evolve(entry.state, e), head: e.hash };
      }
    }
    if (entry) this.entries.set(meetingId, entry);
  }

  private async load(meetingId: string): Promise<Entry | undefined> {
    if (!this.entries.has(meetingId)) await this.catchUp(meetingId);
    return this.entries.get(meetingId);
  }

  /** Reads what other writers appended since this process last looked. */
  async catchUp(meetingId: string): Promise<LedgerEvent[]> {
    const known = this.entries.get(meetingId)?.state.seq ?? 0;
    const events = await this.store.readEvents(meetingId, known);
    this.apply(meetingId, events);
    if (known > 0 && events.length > 0) for (const listener of this.listeners) listener(meetingId, events);
    return events;
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
