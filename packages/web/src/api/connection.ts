import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import {
  evolve,
  headCovers,
  rollbackFrom,
  WS,
  type ClaimResult,
  type RecordProblemInfo,
  type ResumeResult,
  type SignedHead,
  type Command,
  type CommandResult,
  type IssuedCode,
  type LedgerEvent,
  type MeetingState,
  type SessionInfo,
  type SyncResult,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@gavel/shared';
import { takePrefetchedState } from '../boot/prefetch';
import { ApiError } from './http';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';
export type EndReason = 'revoked' | 'expired';

export interface Snapshot {
  state: MeetingState | null;
  session: SessionInfo | null;
  status: ConnectionStatus;
  /** Server clock minus this browser's, in ms, so that every screen shows the same countdown. */
  clockOffsetMs: number;
  /**
   * The record failed a check: the server says so, or this device saw a
   * later record than the server now shows (a rollback). Shown as an alarm
   * to the secretariat and the chair.
   */
  recordAlarm: RecordProblemInfo | null;
}

/** Where this browser keeps the latest signed head it has seen of a meeting. */
const headKey = (meetingId: string) => `gavel.head.${meetingId}`;

function keptHead(meetingId: string): SignedHead | null {
  try {
    const raw = localStorage.getItem(headKey(meetingId));
    return raw ? (JSON.parse(raw) as SignedHead) : null;
  } catch {
    return null;
  }
}

const COMMAND_TIMEOUT_MS = 15_000;

/**
 * One live connection to a meeting: holds its state, applies the events the
 * server broadcasts with the same `evolve` as the server, and resyncs on any
 * gap (after a reconnection, say).
 */
export class MeetingConnection {
  /** The meeting's one socket: the Yjs providers of the texts (editor/provider.ts) ride on it too. */
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private snapshot: Snapshot = { state: null, session: null, status: 'connecting', clockOffsetMs: 0, recordAlarm: null };
  private readonly subscribers = new Set<() => void>();

  constructor(
    token: string,
    private readonly onEnd: (reason: EndReason) => void,
  ) {
    this.socket = io({ auth: { token }, parser: msgpackParser, transports: ['websocket'] });
    this.socket.on('connect', () => void this.sync());
    this.socket.on('disconnect', () => this.set({ status: 'offline' }));
    this.socket.on('connect_error', (err) => {
      if (err.message === 'unauthenticated') {
        this.socket.disconnect();
        this.onEnd('expired');
      } else this.set({ status: 'offline' });
    });
    this.socket.on(WS.events, (events: LedgerEvent[]) => this.receive(events));
    this.socket.on(WS.revoked, () => this.onEnd('revoked'));
    this.socket.on(WS.recordHead, (head: SignedHead) => this.seeHead(head));
    this.socket.on(WS.recordBroken, (problem: RecordProblemInfo) => this.set({ recordAlarm: problem }));
    // The state the page's first script fetched while the app downloaded: shown
    // at once, then brought up to date by the socket's resume (sync, below).
    void takePrefetchedState(token)?.then((state) => {
      if (state && !this.snapshot.state) this.set({ state });
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  };

  getSnapshot = (): Snapshot => this.snapshot;

  close(): void {
    this.socket.disconnect();
  }

  /** Sends a command; resolves with the recorded events, or throws ApiError. */
  async send(command: Command): Promise<{ events: LedgerEvent[]; issuedCodes: IssuedCode[] }> {
    // A view shown from the prefetched state may be used before the first connection is up: wait for it.
    if (this.snapshot.status === 'connecting') await this.firstConnection();
    if (!this.socket.connected) throw new ApiError('network', 'not connected');
    let result: CommandResult;
    try {
      result = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(WS.command, command);
    } catch {
      throw new ApiError('network', 'the server did not answer');
    }
    if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
    // Apply at once rather than wait for the broadcast: the sender sees its change without a round trip more.
    this.receive(result.events);
    return { events: result.events, issuedCodes: result.issuedCodes ?? [] };
  }

  /** Resolves when the first connection has been made (and synced) or has failed, or after the command timeout. */
  private firstConnection(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, COMMAND_TIMEOUT_MS);
      const unsubscribe = this.subscribe(() => {
        if (this.snapshot.status !== 'connecting') done();
      });
    });
  }

  /**
   * On (re)connecting: the events since the state this client has (a
   * resume), or the whole state; then the latest head this browser kept is
   * shown to the server, which must still hold it.
   */
  private async sync(): Promise<void> {
    const sentAt = Date.now();
    const had = this.snapshot.state;
    let result: SyncResult | ResumeResult;
    try {
      result = had
        ? await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(WS.resume, had.seq)
        : await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(WS.sync);
      if (!result.ok && had) result = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(WS.sync);
    } catch {
      return;
    }
    if (!result.ok) return;
    const receivedAt = Date.now();
    // The server's time is taken at the middle of the round trip.
    const clockOffsetMs = Date.parse(result.serverTime) - (sentAt + receivedAt) / 2;
    const kept = keptHead(result.session.meetingId);
    if ('state' in result) this.set({ state: result.state, session: result.session, status: 'online', clockOffsetMs });
    else {
      this.set({ session: result.session, status: 'online', clockOffsetMs });
      this.receive(result.events);
    }
    if (result.problem) this.set({ recordAlarm: result.problem });
    if (result.head) this.seeHead(result.head);
    if (kept) void this.claim(kept);
  }

  /** Shows the server the latest head this browser kept; an alarm if the record no longer holds it. */
  private async claim(head: SignedHead): Promise<void> {
    try {
      const answer: ClaimResult = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(WS.recordClaim, head);
      if (!answer.ok) this.set({ recordAlarm: answer.problem });
    } catch {
      // No answer: the next connection asks again.
    }
  }

  /** A head from the server: an alarm if it stands behind the one kept, else kept if it is later. */
  private seeHead(signed: SignedHead): void {
    const kept = keptHead(signed.head.meetingId);
    const rollback = kept ? rollbackFrom(kept.head, signed.head) : null;
    if (rollback) {
      this.set({ recordAlarm: rollback });
      return;
    }
    if (!kept || headCovers(signed.head, kept.head)) {
      try {
        localStorage.setItem(headKey(signed.head.meetingId), JSON.stringify(signed));
      } catch {
        // Private mode or a full storage: the alarm then rests on the server's own checks.
      }
    }
  }

  private receive(events: LedgerEvent[]): void {
    let state = this.snapshot.state;
    if (!state) return;
    for (const e of events) {
      if (e.seq <= state.seq) continue;
      if (e.seq !== state.seq + 1) {
        void this.sync();
        return;
      }
      state = evolve(state, e);
    }
    if (state !== this.snapshot.state) this.set({ state });
  }

  private set(patch: Partial<Snapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const s of this.subscribers) s();
  }
}
