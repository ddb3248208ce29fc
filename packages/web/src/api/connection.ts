import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import {
  evolve,
  WS,
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
import { ApiError } from './http';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';
export type EndReason = 'revoked' | 'expired';

export interface Snapshot {
  state: MeetingState | null;
  session: SessionInfo | null;
  status: ConnectionStatus;
  /** Server clock minus this browser's, in ms, so that every screen shows the same countdown. */
  clockOffsetMs: number;
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
  private snapshot: Snapshot = { state: null, session: null, status: 'connecting', clockOffsetMs: 0 };
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

  private async sync(): Promise<void> {
    const sentAt = Date.now();
    let result: SyncResult;
    try {
      result = await this.socket.timeout(COMMAND_TIMEOUT_MS).emitWithAck(WS.sync);
    } catch {
      return;
    }
    if (!result.ok) return;
    const receivedAt = Date.now();
    // The server's time is taken at the middle of the round trip.
    const clockOffsetMs = Date.parse(result.serverTime) - (sentAt + receivedAt) / 2;
    this.set({ state: result.state, session: result.session, status: 'online', clockOffsetMs });
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
