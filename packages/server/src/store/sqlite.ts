import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Actor, LedgerEvent } from '@gavel/shared';
import {
  ConcurrencyError,
  type CredentialRecord,
  type DocSnapshotRecord,
  type DocUpdateInput,
  type DocUpdateRecord,
  type SessionRecord,
  type Store,
} from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  meeting_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (meeting_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS credentials (
  meeting_id TEXT NOT NULL,
  code_id TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  PRIMARY KEY (meeting_id, code_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  code_id TEXT NOT NULL,
  body TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sessions_by_code ON sessions (meeting_id, code_id);
CREATE TABLE IF NOT EXISTS doc_updates (
  meeting_id TEXT NOT NULL,
  doc_name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  body BLOB NOT NULL,
  PRIMARY KEY (meeting_id, doc_name, seq)
);
CREATE TABLE IF NOT EXISTS doc_snapshots (
  meeting_id TEXT NOT NULL,
  doc_name TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  clients TEXT NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (meeting_id, doc_name, seq)
);
`;

/** A BLOB as better-sqlite3 returns it (a Buffer) seen as a plain Uint8Array, without copying. */
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
/** Bytes as better-sqlite3 binds them: a Buffer over the same memory. */
const blob = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * The embedded store: one SQLite file, WAL with synchronous=FULL so that a
 * transaction that returned is on disk, power cut or not.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    const mode = String(this.db.pragma('journal_mode', { simple: true }));
    const sync = Number(this.db.pragma('synchronous', { simple: true }));
    // 2 is FULL. Refuse to run with weaker durability than we promise.
    if (mode !== 'wal' || sync !== 2) {
      this.db.close();
      throw new Error(`SQLite at ${file} runs journal_mode=${mode}, synchronous=${sync}; Gavel needs wal and FULL (2)`);
    }
    this.db.exec(SCHEMA);
    this.stmts = {
      lastSeq: this.db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events WHERE meeting_id = ?'),
      insertEvent: this.db.prepare('INSERT INTO events (meeting_id, seq, type, body) VALUES (?, ?, ?, ?)'),
      readEvents: this.db.prepare<[string, number], { body: string }>(
        'SELECT body FROM events WHERE meeting_id = ? AND seq > ? ORDER BY seq',
      ),
      meetingIds: this.db.prepare<[], { meeting_id: string }>(
        "SELECT meeting_id FROM events WHERE seq = 1 ORDER BY json_extract(body, '$.at'), meeting_id",
      ),
      insertCredential: this.db.prepare('INSERT INTO credentials (meeting_id, code_id, code_hash) VALUES (?, ?, ?)'),
      findCredential: this.db.prepare<[string, string], { code_id: string }>(
        'SELECT code_id FROM credentials WHERE meeting_id = ? AND code_hash = ?',
      ),
      insertSession: this.db.prepare(
        'INSERT INTO sessions (token_hash, meeting_id, code_id, body, expires_at) VALUES (?, ?, ?, ?, ?)',
      ),
      findSession: this.db.prepare<[string], { body: string }>('SELECT body FROM sessions WHERE token_hash = ?'),
      deleteSession: this.db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      deleteSessionsOfCode: this.db.prepare('DELETE FROM sessions WHERE meeting_id = ? AND code_id = ?'),
      lastDocSeq: this.db.prepare<[string, string], { seq: number | null }>(
        'SELECT MAX(seq) AS seq FROM doc_updates WHERE meeting_id = ? AND doc_name = ?',
      ),
      insertDocUpdate: this.db.prepare('INSERT INTO doc_updates (meeting_id, doc_name, seq, at, actor, body) VALUES (?, ?, ?, ?, ?, ?)'),
      readDocUpdates: this.db.prepare<[string, string, number, number], { seq: number; at: string; actor: string; body: Buffer }>(
        'SELECT seq, at, actor, body FROM doc_updates WHERE meeting_id = ? AND doc_name = ? AND seq > ? AND seq <= ? ORDER BY seq',
      ),
      saveDocSnapshot: this.db.prepare(
        'INSERT OR REPLACE INTO doc_snapshots (meeting_id, doc_name, seq, at, clients, state) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      readDocSnapshot: this.db.prepare<[string, string, number], { seq: number; at: string; clients: string; state: Buffer }>(
        'SELECT seq, at, clients, state FROM doc_snapshots WHERE meeting_id = ? AND doc_name = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      ),
      listDocSnapshots: this.db.prepare<[string, string], { seq: number; at: string }>(
        'SELECT seq, at FROM doc_snapshots WHERE meeting_id = ? AND doc_name = ? ORDER BY seq',
      ),
      docNames: this.db.prepare<[string], { doc_name: string }>(
        'SELECT DISTINCT doc_name FROM doc_updates WHERE meeting_id = ? ORDER BY doc_name',
      ),
    };
  }

  private readonly appendTxn = (
    meetingId: string,
    expectedSeq: number,
    events: LedgerEvent[],
    credentials: CredentialRecord[],
  ) => {
    const last = this.stmts.lastSeq.get(meetingId)?.seq ?? 0;
    if (last !== expectedSeq) throw new ConcurrencyError(meetingId, expectedSeq);
    events.forEach((e, i) => {
      if (e.seq !== expectedSeq + i + 1 || e.meetingId !== meetingId) {
        throw new Error(`event ${e.seq} of ${e.meetingId} does not follow ${meetingId}#${expectedSeq + i}`);
      }
      this.stmts.insertEvent.run(meetingId, e.seq, e.type, JSON.stringify(e));
    });
    for (const c of credentials) this.stmts.insertCredential.run(c.meetingId, c.codeId, c.codeHash);
  };

  async append(meetingId: string, expectedSeq: number, events: LedgerEvent[], credentials: CredentialRecord[] = []) {
    // IMMEDIATE takes the write lock before reading the last seq, so two
    // processes on the same file cannot both pass the check.
    this.db.transaction(this.appendTxn).immediate(meetingId, expectedSeq, events, credentials);
  }

  async readEvents(meetingId: string, afterSeq = 0): Promise<LedgerEvent[]> {
    return this.stmts.readEvents.all(meetingId, afterSeq).map((r) => JSON.parse(r.body) as LedgerEvent);
  }

  async meetingIds(): Promise<string[]> {
    return this.stmts.meetingIds.all().map((r) => r.meeting_id);
  }

  async findCredential(meetingId: string, codeHash: string): Promise<CredentialRecord | undefined> {
    const row = this.stmts.findCredential.get(meetingId, codeHash);
    return row && { meetingId, codeId: row.code_id, codeHash };
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.stmts.insertSession.run(s.tokenHash, s.meetingId, s.codeId, JSON.stringify(s), s.expiresAt);
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = this.stmts.findSession.get(tokenHash);
    return row && (JSON.parse(row.body) as SessionRecord);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.stmts.deleteSession.run(tokenHash);
  }

  async deleteSessionsOfCode(meetingId: string, codeId: string): Promise<void> {
    this.stmts.deleteSessionsOfCode.run(meetingId, codeId);
  }

  private readonly appendDocTxn = (updates: DocUpdateInput[]): number[] => {
    const next = new Map<string, number>();
    return updates.map((u) => {
      const key = `${u.meetingId}\u0000${u.docName}`;
      const seq = (next.get(key) ?? this.stmts.lastDocSeq.get(u.meetingId, u.docName)?.seq ?? 0) + 1;
      next.set(key, seq);
      this.stmts.insertDocUpdate.run(u.meetingId, u.docName, seq, u.at, JSON.stringify(u.actor), blob(u.update));
      return seq;
    });
  };

  async appendDocUpdates(updates: DocUpdateInput[]): Promise<number[]> {
    if (updates.length === 0) return [];
    // One transaction, one fsync, for every update that arrived in the same turn (group commit).
    return this.db.transaction(this.appendDocTxn).immediate(updates);
  }

  async readDocUpdates(meetingId: string, docName: string, afterSeq = 0, upToSeq = Number.MAX_SAFE_INTEGER): Promise<DocUpdateRecord[]> {
    return this.stmts.readDocUpdates.all(meetingId, docName, afterSeq, upToSeq).map((r) => ({
      seq: r.seq,
      update: bytes(r.body),
      actor: JSON.parse(r.actor) as Actor,
      at: r.at,
    }));
  }

  async lastDocSeq(meetingId: string, docName: string): Promise<number> {
    return this.stmts.lastDocSeq.get(meetingId, docName)?.seq ?? 0;
  }

  private readonly saveSnapshotTxn = (meetingId: string, docName: string, s: DocSnapshotRecord) => {
    const last = this.stmts.lastDocSeq.get(meetingId, docName)?.seq ?? 0;
    if (!Number.isInteger(s.seq) || s.seq < 0 || s.seq > last) {
      throw new Error(`a checkpoint of ${meetingId}/${docName} at seq ${s.seq} is beyond its last update (${last})`);
    }
    this.stmts.saveDocSnapshot.run(meetingId, docName, s.seq, s.at, JSON.stringify(s.clients), blob(s.state));
  };

  async saveDocSnapshot(meetingId: string, docName: string, snapshot: DocSnapshotRecord): Promise<void> {
    this.db.transaction(this.saveSnapshotTxn).immediate(meetingId, docName, snapshot);
  }

  async readDocSnapshot(meetingId: string, docName: string, atOrBeforeSeq = Number.MAX_SAFE_INTEGER): Promise<DocSnapshotRecord | undefined> {
    const row = this.stmts.readDocSnapshot.get(meetingId, docName, atOrBeforeSeq);
    return row && { seq: row.seq, at: row.at, state: bytes(row.state), clients: JSON.parse(row.clients) as Record<string, string> };
  }

  async listDocSnapshots(meetingId: string, docName: string): Promise<{ seq: number; at: string }[]> {
    return this.stmts.listDocSnapshots.all(meetingId, docName).map((r) => ({ seq: r.seq, at: r.at }));
  }

  async docNames(meetingId: string): Promise<string[]> {
    return this.stmts.docNames.all(meetingId).map((r) => r.doc_name);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
