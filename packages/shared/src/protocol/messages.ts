import type { Role } from '../access/roles';
import type { ErrorBody } from '../core/errors';
import type { LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import type { DocClientToServerEvents, DocServerToClientEvents } from './yjs';

/** Bumped when a client of an older version could misread the server. */
export const PROTOCOL_VERSION = 1;

/** socket.io event names. */
export const WS = {
  /** client → server, with ack: a command ({ type, ...payload }). */
  command: 'command',
  /** client → server, with ack: the meeting's state now. */
  sync: 'sync',
  /** server → client: events just recorded, in order. */
  events: 'events',
  /** server → client: the session's code was revoked; the socket closes. */
  revoked: 'revoked',
  /**
   * server → client, to everyone in the meeting: a shared text of the
   * meeting changed (`TextsChanged`), so that a view of the report can read
   * it again. At most one per text per second, the last change always
   * announced; never for an amendment's draft (private to its sponsors).
   */
  textsChanged: 'texts:changed',
} as const;

/** The payload of `texts:changed`: which text changed (`recommendations`, `introduction`, `adoption`, `summary:…`). */
export interface TextsChanged {
  doc: string;
}

/** Who the session belongs to, as the server knows it. */
export interface SessionInfo {
  meetingId: string;
  role: Role;
  name: string;
  delegationId?: string;
  codeId: string;
}

/** An access code in clear: shown once, to the secretariat that issued it. */
export interface IssuedCode {
  codeId: string;
  code: string;
}

export type CommandResult =
  | { ok: true; events: LedgerEvent[]; issuedCodes?: IssuedCode[] }
  | { ok: false; error: ErrorBody };

export type SyncResult = { ok: true; state: MeetingState; session: SessionInfo; serverTime: string } | { ok: false; error: ErrorBody };

/** What a client may send; every payload is untrusted and parsed on arrival. */
export interface ClientToServerEvents extends DocClientToServerEvents {
  command: (command: unknown, ack: (result: CommandResult) => void) => void;
  sync: (ack: (result: SyncResult) => void) => void;
}

export interface ServerToClientEvents extends DocServerToClientEvents {
  events: (events: LedgerEvent[]) => void;
  revoked: () => void;
  'texts:changed': (change: TextsChanged) => void;
}

/** Largest command accepted, in bytes of JSON. */
export const MAX_COMMAND_BYTES = 256 * 1024;
