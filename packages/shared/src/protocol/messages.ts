import type { Role } from '../access/roles';
import type { ErrorBody } from '../core/errors';
import type { Lang } from '../languages';
import type { LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import type { ClaimResult, RecordProblemInfo, SignedHead } from './record';
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
   * server → client, to the meeting's sockets that follow its texts
   * (`texts:follow`): a shared text of the meeting changed (`TextsChanged`),
   * so that a view of the report can read it again. At most one per text per
   * second, the last change always announced; never for an amendment's draft
   * (private to its sponsors).
   */
  textsChanged: 'texts:changed',
  /**
   * client → server, with ack: `true` to be told of the meeting's text
   * changes (`texts:changed`), `false` to stop. Only those who ask are told:
   * a participant typing or reading a text has it already, and a message to
   * the whole meeting once a second per text is a tenth more frames for
   * every reader of a text being typed (docs/PERFORMANCE.md, fan-out).
   */
  textsFollow: 'texts:follow',
  /** client → server, with ack: the events after the seq given (`ResumeResult`), for a client that has a state. */
  resume: 'resume',
  /** server → client, to everyone in the meeting: the record's signed head (`SignedHead`) when it moved: at most once a second after a ledger event, every five seconds while only its texts move (record/service.ts). */
  recordHead: 'record:head',
  /** client → server, with ack: the latest signed head this client kept, to be found in the record (`ClaimResult`). Once per connection. */
  recordClaim: 'record:claim',
  /** server → client, to everyone in the meeting: the record failed its check (`RecordProblemInfo`); writes are refused. */
  recordBroken: 'record:broken',
  /**
   * client → server, with ack: follow the report (draft edition) in the
   * language given, or `null` to stop. The server sends the report as it
   * stands (`report`), then again each time it changes, built at most once a
   * second while someone types (one build and one message for all who follow
   * it, instead of a request from each).
   */
  reportWatch: 'report:watch',
  /** server → client, to those following the report in its language (`ReportPush`). */
  report: 'report',
} as const;

/** The payload of `texts:changed`: which text changed (`recommendations`, `introduction`, `adoption`, `summary:…`). */
export interface TextsChanged {
  doc: string;
}

/**
 * The report's JSON answer as GET /api/meetings/{id}/report?format=json
 * sends it (`Report` with its `recordHead`), pushed to those following it:
 * its bytes (gzip when the report is large enough to be worth it, made once
 * for everyone) and their ETag. Read it with `readReportPush`.
 */
export interface ReportPush {
  lang: Lang;
  etag: string;
  encoding: 'gzip' | 'identity';
  body: Uint8Array;
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

export type SyncResult =
  | { ok: true; state: MeetingState; session: SessionInfo; serverTime: string; head?: SignedHead; problem?: RecordProblemInfo }
  | { ok: false; error: ErrorBody };

/** Events a resume may carry; a client further behind asks for the whole state (`sync`). */
export const MAX_RESUME_EVENTS = 1_000;

/**
 * A reconnecting client that has a state asks only for the events after its
 * last seq (`resume`); `behind` says it is too far behind (or the seq is not
 * the server's): ask for the whole state.
 */
export type ResumeResult =
  | { ok: true; events: LedgerEvent[]; session: SessionInfo; serverTime: string; head?: SignedHead; problem?: RecordProblemInfo }
  | { ok: false; error: ErrorBody; behind?: true };

/** What a client may send; every payload is untrusted and parsed on arrival. */
export interface ClientToServerEvents extends DocClientToServerEvents {
  command: (command: unknown, ack: (result: CommandResult) => void) => void;
  sync: (ack: (result: SyncResult) => void) => void;
  resume: (after: unknown, ack: (result: ResumeResult) => void) => void;
  'record:claim': (head: unknown, ack: (result: ClaimResult) => void) => void;
  'report:watch': (lang: unknown, ack: (result: { ok: true } | { ok: false; error: ErrorBody }) => void) => void;
  'texts:follow': (follow: unknown, ack: (result: { ok: true } | { ok: false; error: ErrorBody }) => void) => void;
}

export interface ServerToClientEvents extends DocServerToClientEvents {
  events: (events: LedgerEvent[]) => void;
  revoked: () => void;
  'texts:changed': (change: TextsChanged) => void;
  'record:head': (head: SignedHead) => void;
  'record:broken': (problem: RecordProblemInfo) => void;
  report: (push: ReportPush) => void;
}

/** Largest command accepted, in bytes of JSON. */
export const MAX_COMMAND_BYTES = 256 * 1024;
