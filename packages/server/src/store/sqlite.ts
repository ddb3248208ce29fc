import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Actor, LedgerEvent } from '@gavel/shared';
import { GENESIS_HASH, hashDocUpdate } from '../ledger/chain';
import {
  ConcurrencyError,
  type CredentialRecord,
  type DocHead,
  type DocSnapshotRecord,
  type DocUpdateInput,
  type DocUpdateRecord,
  type LedgerAppend,
  type SessionRecord,
  type StateCheckpointRecord,
  type Store,
} from './store';

/** The schema as the first version made it; MIGRATIONS bring it up to date (PRAGMA user_version). */
const SCHEMA_V1 = `
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

/** Each runs once, in order, in one transaction with the version bump; index i brings the file to version i + 2. */
const MIGRATIONS: ((db: Database.Database) => void)[] = [
  // 2: the texts in the hash chain; decisions' edits marked; meeting state checkpoints.
  (db) => {
    db.exec(`
      ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
      UPDATE events SET hash = json_extract(body, '$.hash');
      ALTER TABLE doc_updates ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE doc_updates ADD COLUMN hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE doc_updates ADD COLUMN cause INTEGER;
      CREATE INDEX IF NOT EXISTS doc_updates_by_cause ON doc_updates (meeting_id, doc_name, cause) WHERE cause IS NOT NULL;
      ALTER TABLE doc_snapshots ADD COLUMN hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE doc_snapshots ADD COLUMN signature TEXT NOT NULL DEFAULT '';
      CREATE TABLE IF NOT EXISTS state_checkpoints (
        meeting_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        at TEXT NOT NULL,
        state TEXT NOT NULL,
        signature TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    // Updates stored before the chain existed are chained now, in their order; their old checkpoints stay unsigned (not trusted, rebuilt).
    const rows = db
      .prepare<[], { meeting_id: string; doc_name: string; seq: number; at: string; actor: string; body: Buffer }>(
        'SELECT meeting_id, doc_name, seq, at, actor, body FROM doc_updates ORDER BY meeting_id, doc_name, seq',
      )
      .iterate();
    const set = db.prepare('UPDATE doc_updates SET prev_hash = ?, hash = ? WHERE meeting_id = ? AND doc_name = ? AND seq = ?');
    const updates = [...rows];
    let doc = '';
    let prevHash = GENESIS_HASH;
    for (const r of updates) {
      if (`${r.meeting_id}\u0000${r.doc_name}` !== doc) {
        doc = `${r.meeting_id}\u0000${r.doc_name}`;
        prevHash = GENESIS_HASH;
      }
      const hash = hashDocUpdate({ meetingId: r.meeting_id, docName: r.doc_name, seq: r.seq, at: r.at, actor: JSON.parse(r.actor) as Actor, update: bytes(r.body), prevHash });
      set.run(prevHash, hash, r.meeting_id, r.doc_name, r.seq);
      prevHash = hash;
    }
    db.exec(`UPDATE doc_snapshots SET hash = (SELECT u.hash FROM doc_updates u WHERE u.meeting_id = doc_snapshots.meeting_id AND u.doc_name = doc_snapshots.doc_name AND u.seq = doc_snapshots.seq)`);
  },
];

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
    this.migrate();
    this.stmts = {
      lastEvent: this.db.prepare<[string], { seq: number; hash: string }>(
        'SELECT seq, hash FROM events WHERE meeting_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      insertEvent: this.db.prepare('INSERT INTO events (meeting_id, seq, type, body, hash) VALUES (?, ?, ?, ?, ?)'),
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
      docHead: this.db.prepare<[string, string], { seq: number; hash: string }>(
        'SELECT seq, hash FROM doc_updates WHERE meeting_id = ? AND doc_name = ? ORDER BY seq DESC LIMIT 1',
      ),
      docCauses: this.db.prepare<[string, string], { cause: number }>(
        'SELECT cause FROM doc_updates WHERE meeting_id = ? AND doc_name = ? AND cause IS NOT NULL ORDER BY cause',
      ),
      insertDocUpdate: this.db.prepare(
        'INSERT INTO doc_updates (meeting_id, doc_name, seq, at, actor, body, prev_hash, hash, cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      readDocUpdates: this.db.prepare<
        [string, string, number, number],
        { seq: number; at: string; actor: string; body: Buffer; prev_hash: string; hash: string; cause: number | null }
      >(
        'SELECT seq, at, actor, body, prev_hash, hash, cause FROM doc_updates WHERE meeting_id = ? AND doc_name = ? AND seq > ? AND seq <= ? ORDER BY seq',
      ),
      saveDocSnapshot: this.db.prepare(
        'INSERT OR REPLACE INTO doc_snapshots (meeting_id, doc_name, seq, at, clients, state, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      readDocSnapshot: this.db.prepare<
        [string, string, number],
        { seq: number; at: string; clients: string; state: Buffer; hash: string; signature: string }
      >(
        'SELECT seq, at, clients, state, hash, signature FROM doc_snapshots WHERE meeting_id = ? AND doc_name = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      ),
      saveStateCheckpoint: this.db.prepare(
        `INSERT INTO state_checkpoints (meeting_id, seq, hash, at, state, signature) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at, state = excluded.state,
           signature = excluded.signature WHERE excluded.seq >= state_checkpoints.seq`,
      ),
      readStateCheckpoint: this.db.prepare<[string], { seq: number; hash: string; at: string; state: string; signature: string }>(
        'SELECT seq, hash, at, state, signature FROM state_checkpoints WHERE meeting_id = ?',
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
    const last = this.stmts.lastEvent.get(meetingId);
    // The seq and the hash: events decided on top of others that never made it (a pipelined commit
    // that failed) name a head the ledger does not have, even where the seq happens to match.
    if ((last?.seq ?? 0) !== expectedSeq || (events[0] && events[0].prevHash !== (last?.hash ?? events[0].prevHash))) {
      throw new ConcurrencyError(meetingId, expectedSeq);
    }
    events.forEach((e, i) => {
      if (e.seq !== expectedSeq + i + 1 || e.meetingId !== meetingId) {
        throw new Error(`event ${e.seq} of ${e.meetingId} does not follow ${meetingId}#${expectedSeq + i}`);
      }
      this.stmts.insertEvent.run(meetingId, e.seq, e.type, JSON.stringify(e), e.hash);
    });
    for (const c of credentials) this.stmts.insertCredential.run(c.meetingId, c.codeId, c.codeHash);
  };

  private migrate(): void {
    const version = Number(this.db.pragma('user_version', { simple: true }));
    if (version === 0) this.db.exec(SCHEMA_V1);
    for (let v = Math.max(version, 1); v < MIGRATIONS.length + 1; v++) {
      this.db
        .transaction(() => {
          MIGRATIONS[v - 1](this.db);
          this.db.pragma(`user_version = ${v + 1}`);
        })
        .immediate();
    }
  }

  async append(meetingId: string, expectedSeq: number, events: LedgerEvent[], credentials: CredentialRecord[] = []) {
    // IMMEDIATE takes the write lock before reading the last seq, so two
    // processes on the same file cannot both pass the check.
    this.db.transaction(this.appendTxn).immediate(meetingId, expectedSeq, events, credentials);
  }

  /** Each append in its own savepoint (a nested transaction), all in one transaction: one fsync. */
  private readonly appendManyTxn = (appends: LedgerAppend[]): (Error | undefined)[] => {
    const one = this.db.transaction(this.appendTxn);
    return appends.map((a) => {
      try {
        one(a.meetingId, a.expectedSeq, a.events, a.credentials ?? []);
        return undefined;
      } catch (e) {
        // A full disk or an I/O error rolls SQLite back whole: the batch fails with the store's own error (a 503), not a later "no transaction".
        if (/^SQLITE_(FULL|IOERR|READONLY|CORRUPT|NOTADB|CANTOPEN)/.test(String((e as { code?: unknown }).code))) throw e;
        return e instanceof Error ? e : new Error(String(e));
      }
    });
  };

  async appendMany(appends: LedgerAppend[]): Promise<(Error | undefined)[]> {
    if (appends.length === 0) return [];
    return this.db.transaction(this.appendManyTxn).immediate(appends);
  }

  async saveStateCheckpoint(meetingId: string, c: StateCheckpointRecord): Promise<void> {
    this.stmts.saveStateCheckpoint.run(meetingId, c.seq, c.hash, c.at, c.state, c.signature);
  }

  async readStateCheckpoint(meetingId: string): Promise<StateCheckpointRecord | undefined> {
    return this.stmts.readStateCheckpoint.get(meetingId);
  }

  async readEvents(meetingId: string, afterSeq = 0): Promise<LedgerEvent[]> {
    return this.stmts.readEvents.all(meetingId, afterSeq).map((r) => JSON.parse(r.body) as LedgerEvent);
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
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

  private readonly appendDocTxn = (updates: DocUpdateInput[]): DocHead[] => {
    const heads = new Map<string, DocHead>();
    return updates.map((u) => {
      const key = `${u.meetingId}\u0000${u.docName}`;
      const head = heads.get(key) ?? this.head(u.meetingId, u.docName);
      const seq = head.seq + 1;
      const hash = hashDocUpdate({ ...u, seq, prevHash: head.hash });
      this.stmts.insertDocUpdate.run(u.meetingId, u.docName, seq, u.at, JSON.stringify(u.actor), blob(u.update), head.hash, hash, u.cause ?? null);
      const next = { seq, hash };
      heads.set(key, next);
      return next;
    });
  };

  private head(meetingId: string, docName: string): DocHead {
    return this.stmts.docHead.get(meetingId, docName) ?? { seq: 0, hash: GENESIS_HASH };
  }

  async appendDocUpdates(updates: DocUpdateInput[]): Promise<DocHead[]> {
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
      prevHash: r.prev_hash,
      hash: r.hash,
      ...(r.cause === null ? {} : { cause: r.cause }),
    }));
  }

  async docHead(meetingId: string, docName: string): Promise<DocHead> {
    return this.head(meetingId, docName);
  }

  async docCauses(meetingId: string, docName: string): Promise<number[]> {
    return this.stmts.docCauses.all(meetingId, docName).map((r) => r.cause);
  }

  private readonly saveSnapshotTxn = (meetingId: string, docName: string, s: DocSnapshotRecord) => {
    const last = this.head(meetingId, docName).seq;
    if (!Number.isInteger(s.seq) || s.seq < 0 || s.seq > last) {
      throw new Error(`a checkpoint of ${meetingId}/${docName} at seq ${s.seq} is beyond its last update (${last})`);
    }
    this.stmts.saveDocSnapshot.run(meetingId, docName, s.seq, s.at, JSON.stringify(s.clients), blob(s.state), s.hash, s.signature);
  };

  async saveDocSnapshot(meetingId: string, docName: string, snapshot: DocSnapshotRecord): Promise<void> {
    this.db.transaction(this.saveSnapshotTxn).immediate(meetingId, docName, snapshot);
  }

  async readDocSnapshot(meetingId: string, docName: string, atOrBeforeSeq = Number.MAX_SAFE_INTEGER): Promise<DocSnapshotRecord | undefined> {
    const row = this.stmts.readDocSnapshot.get(meetingId, docName, atOrBeforeSeq);
    return (
      row && {
        seq: row.seq,
        at: row.at,
        state: bytes(row.state),
        clients: JSON.parse(row.clients) as Record<string, string>,
        hash: row.hash,
        signature: row.signature,
      }
    );
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
