import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { startThread, ThreadCalls } from '../thread';
import Database from 'better-sqlite3';
import type { Actor, LedgerEvent } from '@gavel/shared';
import { GENESIS_HASH, hashDocUpdate } from '../ledger/chain';
import { connect, toWire, type SerializedError, type Writer, type WriterOp } from './sqlite-writer';
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

/** An error from the writer, as the callers know it: a ConcurrencyError again, SQLite's code kept (a full disk is a 503). */
function revive(e: SerializedError): Error {
  if (e.name === 'ConcurrencyError' && e.meetingId !== undefined) return new ConcurrencyError(e.meetingId, e.expectedSeq ?? 0);
  return Object.assign(new Error(e.message), { name: e.name }, e.code === undefined ? {} : { code: e.code });
}

/**
 * The writer thread (store/sqlite-writer.ts), one per process, shared by the
 * stores opened in it (each with a connection of its own there): the compiled
 * server's `sqlite-writer.js` beside it, or from the TypeScript sources (tests,
 * `pnpm dev`) compiled by tsx as the rest is. Started by the first write.
 */
class WriterThread {
  private readonly calls = new ThreadCalls({
    start: () => startThread(import.meta.url, 'sqlite-writer', { gavelSqliteWriter: true }),
    refused: (error) => revive(error as SerializedError),
    // Every later write fails with the store's own error (a 503), never written by a thread that is gone.
    died: (why) => Object.assign(new Error(`the SQLite writer has stopped: ${why.message}`), { code: 'SQLITE_IOERR_WRITER', cause: why }),
    restart: false,
    // The process does not exit with a write on its way.
    refWhilePending: true,
  });
  private nextConnection = 1;

  /** Why the thread is gone (it crashed): every later call fails with it. */
  get gone(): Error | undefined {
    return this.calls.gone;
  }

  /** A connection to `file` in the thread; its number for call(). A failure to open shows on the first write. */
  open(file: string): number {
    const conn = this.nextConnection++;
    this.call(conn, 'open', file).catch(() => undefined);
    return conn;
  }

  call(conn: number, op: WriterOp | 'open', ...args: unknown[]): Promise<unknown> {
    return this.calls.call({ conn, op, args });
  }
}

let writerThread: WriterThread | undefined;

/**
 * The embedded store: one SQLite file, WAL with synchronous=FULL so that a
 * transaction that returned is on disk, power cut or not.
 *
 * Writes are made by a worker thread with a connection of its own
 * (store/sqlite-writer.ts), one at a time in the order asked, so that the
 * fsync of a commit never holds the event loop; each resolves once committed.
 * Reads use this thread's connection, which (WAL) sees every write that has
 * resolved.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  /** For reads (and the schema's migration, before the writer starts). */
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly writer: WriterThread;
  /** This store's connection in the writer thread, opened with its first write. */
  private connection: number | undefined;
  private closing: Promise<void> | undefined;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = connect(file);
    this.migrate();
    this.stmts = {
      readEvents: this.db.prepare<[string, number], { body: string }>(
        'SELECT body FROM events WHERE meeting_id = ? AND seq > ? ORDER BY seq',
      ),
      meetingIds: this.db.prepare<[], { meeting_id: string }>(
        "SELECT meeting_id FROM events WHERE seq = 1 ORDER BY json_extract(body, '$.at'), meeting_id",
      ),
      findCredential: this.db.prepare<[string, string], { code_id: string }>(
        'SELECT code_id FROM credentials WHERE meeting_id = ? AND code_hash = ?',
      ),
      findSession: this.db.prepare<[string], { body: string }>('SELECT body FROM sessions WHERE token_hash = ?'),
      docHead: this.db.prepare<[string, string], { seq: number; hash: string }>(
        'SELECT seq, hash FROM doc_updates WHERE meeting_id = ? AND doc_name = ? ORDER BY seq DESC LIMIT 1',
      ),
      docCauses: this.db.prepare<[string, string], { cause: number }>(
        'SELECT cause FROM doc_updates WHERE meeting_id = ? AND doc_name = ? AND cause IS NOT NULL ORDER BY cause',
      ),
      readDocUpdates: this.db.prepare<
        [string, string, number, number],
        { seq: number; at: string; actor: string; body: Buffer; prev_hash: string; hash: string; cause: number | null }
      >(
        'SELECT seq, at, actor, body, prev_hash, hash, cause FROM doc_updates WHERE meeting_id = ? AND doc_name = ? AND seq > ? AND seq <= ? ORDER BY seq',
      ),
      readDocSnapshot: this.db.prepare<
        [string, string, number],
        { seq: number; at: string; clients: string; state: Buffer; hash: string; signature: string }
      >(
        'SELECT seq, at, clients, state, hash, signature FROM doc_snapshots WHERE meeting_id = ? AND doc_name = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
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
    if (!writerThread || writerThread.gone) writerThread = new WriterThread();
    this.writer = writerThread;
  }

  /** One write, made by the writer thread; resolves once committed. */
  private write<K extends WriterOp>(op: K, ...args: Parameters<Writer[K]>): Promise<ReturnType<Writer[K]>> {
    if (this.closing) return Promise.reject(new Error('the store is closed'));
    // (Calls are answered in the order sent: the opening before this write.)
    this.connection ??= this.writer.open(this.file);
    return this.writer.call(this.connection, op, ...args) as Promise<ReturnType<Writer[K]>>;
  }

  /** A setting of the writer's connection (`max_page_count = N`), or its value: for tests and checks. */
  writerPragma(setting: string): Promise<unknown> {
    return this.write('pragma', setting);
  }

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
    await this.write('append', toWire({ meetingId, expectedSeq, events, credentials }));
  }

  async appendMany(appends: LedgerAppend[]): Promise<(Error | undefined)[]> {
    if (appends.length === 0) return [];
    return (await this.write('appendMany', appends.map(toWire))).map((e) => e && revive(e));
  }

  async saveStateCheckpoint(meetingId: string, c: StateCheckpointRecord): Promise<void> {
    await this.write('saveStateCheckpoint', meetingId, c);
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
    await this.write('createSession', s);
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = this.stmts.findSession.get(tokenHash);
    return row && (JSON.parse(row.body) as SessionRecord);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.write('deleteSession', tokenHash);
  }

  async deleteSessionsOfCode(meetingId: string, codeId: string): Promise<void> {
    await this.write('deleteSessionsOfCode', meetingId, codeId);
  }

  private head(meetingId: string, docName: string): DocHead {
    return this.stmts.docHead.get(meetingId, docName) ?? { seq: 0, hash: GENESIS_HASH };
  }

  async appendDocUpdates(updates: DocUpdateInput[]): Promise<DocHead[]> {
    if (updates.length === 0) return [];
    // One transaction, one fsync, for every update that arrived in the same turn (group commit).
    return this.write('appendDocUpdates', updates);
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

  async saveDocSnapshot(meetingId: string, docName: string, snapshot: DocSnapshotRecord): Promise<void> {
    await this.write('saveDocSnapshot', meetingId, docName, snapshot);
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

  /** After the writes already asked for are committed. */
  async close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.connection !== undefined) await this.writer.call(this.connection, 'close').catch(() => undefined);
      if (this.db.open) this.db.close();
    })();
    return this.closing;
  }
}
