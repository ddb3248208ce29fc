import type { LedgerEvent, Role } from '@gavel/shared';

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
   * `expectedSeq`; otherwise throws ConcurrencyError and writes nothing.
   * Durable when it resolves.
   */
  append(meetingId: string, expectedSeq: number, events: LedgerEvent[], credentials?: CredentialRecord[]): Promise<void>;
  /** A meeting's events after `afterSeq`, oldest first. */
  readEvents(meetingId: string, afterSeq?: number): Promise<LedgerEvent[]>;
  meetingIds(): Promise<string[]>;
  findCredential(meetingId: string, codeHash: string): Promise<CredentialRecord | undefined>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOfCode(meetingId: string, codeId: string): Promise<void>;
  close(): Promise<void>;
}
