/**
 * The SQLite store's writing connection, in a worker thread (store/sqlite.ts
 * starts it): every write of the store is a transaction here, so that its
 * fsync (synchronous=FULL) blocks this thread, not the event loop that serves
 * the sockets. The main thread reads through its own connection; in WAL mode
 * it sees every transaction this one committed before answering. One thread
 * per process, with a connection for each store opened in it.
 *
 * Messages in: { id, conn, op, args } ('open' with the file first), handled
 * one at a time in the order sent. Out: { id, result } once the transaction
 * is committed (durable), or { id, error } (SerializedError) if it was not.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { LedgerEvent } from '@gavel/shared';
import { GENESIS_HASH, hashDocUpdate } from '../ledger/chain';
import { ConcurrencyError, type CredentialRecord, type DocHead, type DocSnapshotRecord, type DocUpdateInput, type LedgerAppend, type SessionRecord, type StateCheckpointRecord } from './store';

/** An error as it crosses to the main thread: what the callers look at (the class, SQLite's code, the meeting). */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  meetingId?: string;
  expectedSeq?: number;
}

export const serializeError = (e: unknown): SerializedError => {
  const { name, message, code, meetingId, expectedSeq } = (e instanceof Error ? e : new Error(String(e))) as Error & Partial<SerializedError>;
  return { name, message, ...(typeof code === 'string' ? { code } : {}), ...(meetingId !== undefined ? { meetingId, expectedSeq } : {}) };
};

/**
 * An append as it crosses to the writer: each event as the row it becomes,
 * its JSON made on the main thread (copying a string between threads costs
 * far less than copying the object).
 */
export interface WireAppend {
  meetingId: string;
  expectedSeq: number;
  /** The first event's prevHash (undefined without events). */
  prevHash: string | undefined;
  /** [seq, meetingId, type, hash, JSON of the event] */
  events: [number, string, string, string, string][];
  credentials: CredentialRecord[];
}

export const toWire = ({ meetingId, expectedSeq, events, credentials }: LedgerAppend): WireAppend => ({
  meetingId,
  expectedSeq,
  prevHash: events[0]?.prevHash,
  events: events.map((e: LedgerEvent) => [e.seq, e.meetingId, e.type, e.hash, JSON.stringify(e)]),
  credentials: credentials ?? [],
});

/** SQLite errors that roll a whole transaction back: the batch fails with the store's own error (a 503), not a later "no transaction". */
const FATAL = /^SQLITE_(FULL|IOERR|READONLY|CORRUPT|NOTADB|CANTOPEN)/;

/** A Buffer over a Uint8Array's memory, as better-sqlite3 binds bytes. */
const blob = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * A connection to the file, WAL with synchronous=FULL, as both threads open
 * theirs; refuses to run with weaker durability than Gavel promises.
 */
export function connect(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const mode = String(db.pragma('journal_mode', { simple: true }));
  const sync = Number(db.pragma('synchronous', { simple: true }));
  // 2 is FULL.
  if (mode !== 'wal' || sync !== 2) {
    db.close();
    throw new Error(`SQLite at ${file} runs journal_mode=${mode}, synchronous=${sync}; Gavel needs wal and FULL (2)`);
  }
  return db;
}

/** The writes, each one transaction on this thread's connection. */
export function openWriter(file: string) {
  const db = connect(file);
  const stmts = {
    lastEvent: db.prepare<[string], { seq: number; hash: string }>('SELECT seq, hash FROM events WHERE meeting_id = ? ORDER BY seq DESC LIMIT 1'),
    insertEvent: db.prepare('INSERT INTO events (meeting_id, seq, type, body, hash) VALUES (?, ?, ?, ?, ?)'),
    insertCredential: db.prepare('INSERT INTO credentials (meeting_id, code_id, code_hash) VALUES (?, ?, ?)'),
    insertSession: db.prepare('INSERT INTO sessions (token_hash, meeting_id, code_id, body, expires_at) VALUES (?, ?, ?, ?, ?)'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
    deleteSessionsOfCode: db.prepare('DELETE FROM sessions WHERE meeting_id = ? AND code_id = ?'),
    docHead: db.prepare<[string, string], { seq: number; hash: string }>(
      'SELECT seq, hash FROM doc_updates WHERE meeting_id = ? AND doc_name = ? ORDER BY seq DESC LIMIT 1',
    ),
    insertDocUpdate: db.prepare(
      'INSERT INTO doc_updates (meeting_id, doc_name, seq, at, actor, body, prev_hash, hash, cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    saveDocSnapshot: db.prepare(
      'INSERT OR REPLACE INTO doc_snapshots (meeting_id, doc_name, seq, at, clients, state, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    saveStateCheckpoint: db.prepare(
      `INSERT INTO state_checkpoints (meeting_id, seq, hash, at, state, signature) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (meeting_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at, state = excluded.state,
         signature = excluded.signature WHERE excluded.seq >= state_checkpoints.seq`,
    ),
  };
  const head = (meetingId: string, docName: string): DocHead => stmts.docHead.get(meetingId, docName) ?? { seq: 0, hash: GENESIS_HASH };

  const appendOne = db.transaction((a: WireAppend) => {
    const { meetingId, expectedSeq, events, prevHash } = a;
    const last = stmts.lastEvent.get(meetingId);
    // The seq and the hash: events decided on top of others that never made it (a pipelined commit
    // that failed) name a head the ledger does not have, even where the seq happens to match.
    if ((last?.seq ?? 0) !== expectedSeq || (prevHash !== undefined && prevHash !== (last?.hash ?? prevHash))) {
      throw new ConcurrencyError(meetingId, expectedSeq);
    }
    events.forEach(([seq, eventMeetingId, type, hash, body], i) => {
      if (seq !== expectedSeq + i + 1 || eventMeetingId !== meetingId) {
        throw new Error(`event ${seq} of ${eventMeetingId} does not follow ${meetingId}#${expectedSeq + i}`);
      }
      stmts.insertEvent.run(meetingId, seq, type, body, hash);
    });
    for (const c of a.credentials) stmts.insertCredential.run(c.meetingId, c.codeId, c.codeHash);
  });

  /** Each append in its own savepoint (appendOne nested), all in one transaction: one fsync. */
  const appendMany = db.transaction((appends: WireAppend[]): (SerializedError | undefined)[] =>
    appends.map((a) => {
      try {
        appendOne(a);
        return undefined;
      } catch (e) {
        if (FATAL.test(String((e as { code?: unknown }).code))) throw e;
        return serializeError(e);
      }
    }),
  );

  const appendDocUpdates = db.transaction((updates: DocUpdateInput[]): DocHead[] => {
    const heads = new Map<string, DocHead>();
    return updates.map((u) => {
      const key = `${u.meetingId}\u0000${u.docName}`;
      const prev = heads.get(key) ?? head(u.meetingId, u.docName);
      const seq = prev.seq + 1;
      const hash = hashDocUpdate({ ...u, seq, prevHash: prev.hash });
      stmts.insertDocUpdate.run(u.meetingId, u.docName, seq, u.at, JSON.stringify(u.actor), blob(u.update), prev.hash, hash, u.cause ?? null);
      const next = { seq, hash };
      heads.set(key, next);
      return next;
    });
  });

  const saveDocSnapshot = db.transaction((meetingId: string, docName: string, s: DocSnapshotRecord) => {
    const last = head(meetingId, docName).seq;
    if (!Number.isInteger(s.seq) || s.seq < 0 || s.seq > last) {
      throw new Error(`a checkpoint of ${meetingId}/${docName} at seq ${s.seq} is beyond its last update (${last})`);
    }
    stmts.saveDocSnapshot.run(meetingId, docName, s.seq, s.at, JSON.stringify(s.clients), blob(s.state), s.hash, s.signature);
  });

  return {
    // IMMEDIATE takes the write lock before reading the last seq, so two
    // processes on the same file cannot both pass the check.
    append: (a: WireAppend) => appendOne.immediate(a),
    appendMany: (appends: WireAppend[]) => appendMany.immediate(appends),
    appendDocUpdates: (updates: DocUpdateInput[]) => appendDocUpdates.immediate(updates),
    saveDocSnapshot: (meetingId: string, docName: string, s: DocSnapshotRecord) => saveDocSnapshot.immediate(meetingId, docName, s),
    saveStateCheckpoint: (meetingId: string, c: StateCheckpointRecord) => {
      stmts.saveStateCheckpoint.run(meetingId, c.seq, c.hash, c.at, c.state, c.signature);
    },
    createSession: (s: SessionRecord) => {
      stmts.insertSession.run(s.tokenHash, s.meetingId, s.codeId, JSON.stringify(s), s.expiresAt);
    },
    deleteSession: (tokenHash: string) => {
      stmts.deleteSession.run(tokenHash);
    },
    deleteSessionsOfCode: (meetingId: string, codeId: string) => {
      stmts.deleteSessionsOfCode.run(meetingId, codeId);
    },
    /** A setting of this connection (`max_page_count`: a disk that fills, in a test), or its value. */
    pragma: (setting: string) => db.pragma(setting, { simple: true }),
    close: () => {
      if (db.open) db.close();
    },
  };
}

export type Writer = ReturnType<typeof openWriter>;
export type WriterOp = keyof Writer;

if (parentPort && (workerData as { gavelSqliteWriter?: boolean } | undefined)?.gavelSqliteWriter) {
  const port = parentPort;
  /** The stores' connections by number (the main thread numbers them); a failed opening's error in place of one. */
  const connections = new Map<number, Writer | SerializedError>();
  port.on('message', ({ id, conn, op, args }: { id: number; conn: number; op: WriterOp | 'open'; args: unknown[] }) => {
    try {
      if (op === 'open') {
        try {
          connections.set(conn, openWriter(args[0] as string));
        } catch (e) {
          connections.set(conn, serializeError(e));
          throw e;
        }
        return port.postMessage({ id });
      }
      const writer = connections.get(conn);
      if (!writer || !('close' in writer)) throw writer ? Object.assign(new Error(writer.message), writer) : new Error(`no connection ${conn}`);
      const result = (writer[op] as (...a: unknown[]) => unknown)(...args);
      if (op === 'close') connections.delete(conn);
      port.postMessage({ id, result });
    } catch (e) {
      port.postMessage({ id, error: serializeError(e) });
    }
  });
}
