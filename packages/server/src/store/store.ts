import type { Actor, LedgerEvent, Role } from '@gavel/shared';

/** Another writer appended to the ledger first; reload and decide again. */
export class ConcurrencyError extends Error {
  constructor(
    readonly meetingId: string,
    readonly expectedSeq: number,
  ) {
    super(`meeting ${meetingId} has moved past seq ${expectedSeq}`);
    this.name = 'ConcurrencyError';
  }
}

/** The hash of an access code, kept so that the code itself never is. */
export interface CredentialRecord {
  meetingId: string;
  codeId: string;
  codeHash: string;
}

export interface SessionRecord {
  tokenHash: string;
  meetingId: string;
  codeId: string;
  role: Role;
  delegationId?: string;
  name: string;
  createdAt: string;
  expiresAt: string;
}

/** A Yjs update accepted on a meeting's document, stamped by the server. */
export interface DocUpdateInput {
  meetingId: string;
  docName: string;
  /** A Yjs update (v1 encoding), as applied to the server's copy. */
  update: Uint8Array;
  /** Who sent it, from the session; for the server's own edits, who asked for them. */
  actor: Actor;
  /** Server time, ISO 8601. */
  at: string;
  /**
   * The ledger seq of the recorded decision this edit carries out (an
   * amendment accepted, brackets lifted): how Gavel knows, after a crash,
   * which decisions are in the text already.
   */
  cause?: number;
}

/** Where a document's chain of updates stands: its last update and that update's hash. */
export interface DocHead {
  seq: number;
  /** GENESIS_HASH when the document has no update. */
  hash: string;
}

export interface DocUpdateRecord extends DocHead {
  /** Numbered 1, 2, … per document, in the order they were applied. */
  seq: number;
  update: Uint8Array;
  actor: Actor;
  at: string;
  cause?: number;
  /** The hash of the update before it (GENESIS_HASH for the first): the chain `hashDocUpdate` checks. */
  prevHash: string;
}

/**
 * A checkpoint of a document: its whole state after update `seq`. Loading
 * starts from the latest checkpoint and applies the updates after it.
 * Checkpoints do not replace the updates they cover: every update is kept, so
 * that the text can be rebuilt at any earlier point (paragraph history) and
 * who wrote what stays known.
 */
export interface DocSnapshotRecord {
  /** The last update it covers. */
  seq: number;
  /** The hash of update `seq`: what it claims to contain. */
  hash: string;
  /** The server's signature over the checkpoint (record/keys.ts): a checkpoint edited in the store is not trusted. */
  signature: string;
  /** Y.encodeStateAsUpdate of the document after update `seq`. */
  state: Uint8Array;
  at: string;
  /**
   * Which access code wrote with which Yjs client id, up to `seq`: the server
   * refuses one writer's updates under another's client id.
   */
  clients: Record<string, string>;
}

/**
 * The meeting's state as replayed up to `seq` (JSON), so that loading a
 * meeting reads the checkpoint and the events after it, not the whole ledger.
 */
export interface StateCheckpointRecord {
  seq: number;
  /** The hash of event `seq`. */
  hash: string;
  /** JSON of the MeetingState after event `seq`. */
  state: string;
  at: string;
  /** The server's signature over the checkpoint (record/keys.ts). */
  signature: string;
}

/** One meeting's part of a group commit (`appendMany`). */
export interface LedgerAppend {
  meetingId: string;
  expectedSeq: number;
  events: LedgerEvent[];
  credentials?: CredentialRecord[];
}

/**
 * Where Gavel keeps what must survive a restart. The embedded default is
 * SQLite; a PostgreSQL store for several nodes implements the same contract
 * (see contract.ts). Redis is never the system of record.
 */
export interface Store {
  readonly kind: string;
  /**
   * Appends events (numbered expectedSeq + 1, …) and the credentials they
   * create, in one transaction, if the ledger's last event is still
   * `expectedSeq` and the first event chains to it (its prevHash is that
   * event's hash); otherwise throws ConcurrencyError and writes nothing.
   * Durable when it resolves.
   */
  append(meetingId: string, expectedSeq: number, events: LedgerEvent[], credentials?: CredentialRecord[]): Promise<void>;
  /**
   * Group commit: several appends (of one meeting or several) in one
   * transaction and one flush. Each succeeds or fails on its own, as `append`
   * would, in order (a later append of the same meeting sees the earlier
   * ones); resolves with undefined for each that was written and the error
   * (ConcurrencyError, …) for each that was not. Durable when it resolves.
   */
  appendMany(appends: LedgerAppend[]): Promise<(Error | undefined)[]>;
  /** A meeting's events after `afterSeq`, oldest first. */
  readEvents(meetingId: string, afterSeq?: number): Promise<LedgerEvent[]>;
  meetingIds(): Promise<string[]>;
  /** Answers when the store can be read (a health check: as cheap as a query gets). */
  ping(): Promise<void>;
  findCredential(meetingId: string, codeHash: string): Promise<CredentialRecord | undefined>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOfCode(meetingId: string, codeId: string): Promise<void>;

  /** Records a checkpoint of the meeting's state; a later seq replaces an earlier one. */
  saveStateCheckpoint(meetingId: string, checkpoint: StateCheckpointRecord): Promise<void>;
  readStateCheckpoint(meetingId: string): Promise<StateCheckpointRecord | undefined>;

  // Collaborative texts (Yjs): updates, append-only, and checkpoints.
  /**
   * Appends updates, in order, in one transaction (group commit); each gets
   * the next seq of its document and its link in the document's hash chain
   * (`hashDocUpdate`, computed in the transaction, so that two writers can
   * never fork a chain). Durable when it resolves; resolves with each
   * update's seq and hash, in the order given. Writes nothing if it throws.
   */
  appendDocUpdates(updates: DocUpdateInput[]): Promise<DocHead[]>;
  /** A document's updates with afterSeq < seq <= upToSeq, oldest first. */
  readDocUpdates(meetingId: string, docName: string, afterSeq?: number, upToSeq?: number): Promise<DocUpdateRecord[]>;
  /** A document's last update and its hash; seq 0 and GENESIS_HASH if it has none. */
  docHead(meetingId: string, docName: string): Promise<DocHead>;
  /** The ledger seqs of the decisions whose edits a document holds (`cause`), ascending. */
  docCauses(meetingId: string, docName: string): Promise<number[]>;
  /**
   * Records a checkpoint. Refuses one beyond the document's last update; a
   * second checkpoint at the same seq replaces the first. Keeps the updates.
   */
  saveDocSnapshot(meetingId: string, docName: string, snapshot: DocSnapshotRecord): Promise<void>;
  /** The latest checkpoint with seq <= atOrBeforeSeq (default: the latest of all). */
  readDocSnapshot(meetingId: string, docName: string, atOrBeforeSeq?: number): Promise<DocSnapshotRecord | undefined>;
  /** Every checkpoint of a document, oldest first, without their state: for history. */
  listDocSnapshots(meetingId: string, docName: string): Promise<{ seq: number; at: string }[]>;
  /** The documents of a meeting that have updates, by name. */
  docNames(meetingId: string): Promise<string[]>;

  close(): Promise<void>;
}

/**
 * The meeting is leased to another node (or to this one under a newer token):
 * this store's writes to it are refused. Not a ConcurrencyError: reloading
 * and deciding again would not help; the node no longer owns the meeting.
 */
export class LeaseLostError extends Error {
  constructor(
    readonly meetingId: string,
    readonly heldToken: number | undefined,
    readonly currentToken: number,
  ) {
    super(`meeting ${meetingId} is leased under token ${currentToken}; this node holds ${heldToken ?? 'none'}`);
    this.name = 'LeaseLostError';
  }
}
