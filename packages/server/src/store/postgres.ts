import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Actor, LedgerEvent } from '@gavel/shared';
import { GENESIS_HASH, hashDocUpdate } from '../ledger/chain';
import {
  LeaseLostError,
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
export { LeaseLostError } from './store';

/**
 * Versioned migrations: migration i brings the database to version i + 1,
 * in one transaction with its row in schema_migrations. Identifiers are
 * COLLATE "C" so that ordering (meeting ids, document names, ISO times) is
 * byte order, as in SQLite, whatever the database's locale.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE ledger_heads (
    meeting_id TEXT COLLATE "C" PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX ledger_heads_by_creation ON ledger_heads (created_at, meeting_id);
  CREATE TABLE events (
    meeting_id TEXT COLLATE "C" NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    hash TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
  );
  CREATE TABLE credentials (
    meeting_id TEXT COLLATE "C" NOT NULL,
    code_id TEXT NOT NULL,
    code_hash TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (meeting_id, code_hash)
  );
  CREATE TABLE sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    meeting_id TEXT COLLATE "C" NOT NULL,
    code_id TEXT COLLATE "C" NOT NULL,
    body TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX sessions_by_code ON sessions (meeting_id, code_id);
  CREATE TABLE doc_heads (
    meeting_id TEXT COLLATE "C" NOT NULL,
    doc_name TEXT COLLATE "C" NOT NULL,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (meeting_id, doc_name)
  );
  CREATE TABLE doc_updates (
    meeting_id TEXT COLLATE "C" NOT NULL,
    doc_name TEXT COLLATE "C" NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    body BYTEA NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    cause INTEGER,
    PRIMARY KEY (meeting_id, doc_name, seq)
  );
  CREATE INDEX doc_updates_by_cause ON doc_updates (meeting_id, doc_name, cause) WHERE cause IS NOT NULL;
  CREATE TABLE doc_snapshots (
    meeting_id TEXT COLLATE "C" NOT NULL,
    doc_name TEXT COLLATE "C" NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    clients TEXT NOT NULL,
    state BYTEA NOT NULL,
    hash TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (meeting_id, doc_name, seq)
  );
  CREATE TABLE state_checkpoints (
    meeting_id TEXT COLLATE "C" PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL,
    at TEXT NOT NULL,
    state TEXT NOT NULL,
    signature TEXT NOT NULL
  );
  `,
  // 2: one owner per meeting: a lease with a fencing token that only ever grows.
  `
  CREATE TABLE meeting_leases (
    meeting_id TEXT COLLATE "C" PRIMARY KEY,
    owner TEXT NOT NULL,
    token INTEGER NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
  );
  `,
  // 3: where the owner answers, so that the other nodes send it what they receive for the meeting.
  `
  ALTER TABLE meeting_leases ADD COLUMN owner_url TEXT NOT NULL DEFAULT '';
  `,
];

/** Any 64-bit number of our own: the lock that keeps two nodes starting at once from migrating together. */
const MIGRATION_LOCK = '7449351746916353';
/** seq columns are INTEGER: "no upper bound" in a query. */
const MAX_SEQ = 2 ** 31 - 1;

/** A bytea as pg returns it (a Buffer) seen as a plain Uint8Array, without copying. */
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const blob = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** `INSERT INTO table (columns) VALUES ($1, …), (…)` for several rows at once. */
function insertRows(table: string, columns: string[], rows: unknown[][]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((v) => `$${values.push(v)}`).join(', ')})`);
  return { text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values };
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * PostgreSQL away (restarting, unreachable, out of connections or disk): the
 * write was not made, or not acknowledged. The server answers 503
 * storage_unavailable (http/errors.ts) on this code, as for a full disk.
 */
export class StorageUnavailableError extends Error {
  readonly code = 'PG_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`PostgreSQL is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

/**
 * SQLSTATE classes 08 (connection), 53 (resources), 57P (shut down, starting), 58 (system), and 57014 (a statement
 * that outran its statement_timeout: the database too slow to answer in time); the socket's own errors; pg's own wording.
 */
function storageError(e: unknown): unknown {
  const code = String((e as { code?: unknown }).code ?? '');
  const message = e instanceof Error ? e.message : '';
  const away =
    /^(08|53|57P|58|57014$)/.test(code) ||
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH)$/.test(code) ||
    /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed/.test(message);
  return away && !(e instanceof StorageUnavailableError) ? new StorageUnavailableError(e) : e;
}

export interface PostgresStoreOptions {
  /** Connections in the pool for reads and writes (default 10); the leases have two of their own, the health probe one. */
  max?: number;
  /** Who holds the leases this store takes: unique per process (default: a random id), never reused by a restart. */
  nodeId?: string;
}

/** A node's right to write one meeting until `expiresAt` (PostgreSQL's clock); `token` fences out every earlier holder. */
export interface MeetingLease {
  meetingId: string;
  owner: string;
  token: number;
  expiresAt: Date;
}


/**
 * The store for several nodes: PostgreSQL, every write in a transaction
 * committed with synchronous_commit=on, so that a write that resolved is
 * flushed to the server's disk. Per-meeting and per-document head rows,
 * locked FOR UPDATE, serialize the writers of one ledger or one text across
 * every node.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres';
  private closed = false;
  /** The fencing token of each meeting this store leased: checked by PostgreSQL in every append's transaction. */
  private readonly leases = new Map<string, number>();

  private constructor(
    private readonly pool: pg.Pool,
    /**
     * The leases and the health probe: never queued behind the reads and
     * writes of a busy node (which would let its leases run out, and its
     * /health answer too late for the load balancer, only because it is busy).
     */
    private readonly control: pg.Pool,
    /** The health probe's one connection: not queued behind a takeover's lease either. */
    private readonly probe: pg.Pool,
    readonly nodeId: string,
  ) {}

  /** Connects, refuses weaker durability than promised, and brings the schema up to date. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pools = [
      { max: options.max ?? 10, name: 'gavel', statementMs: 30_000 },
      // A lease renewed later than this is no use: given up, the lease runs out as it would.
      { max: 2, name: 'gavel-control', statementMs: 2_000 },
      { max: 1, name: 'gavel-probe', statementMs: 1_000 },
    ].map(({ max, name, statementMs }) => {
      const pool = new pg.Pool({
        connectionString: url,
        max,
        application_name: name,
        // No statement waits without end (a lock held by a stuck peer); a transaction left open by a
        // paused or cut-off node is ended by PostgreSQL, so that its locks do not hold up a takeover.
        options: `-c synchronous_commit=on -c statement_timeout=${statementMs} -c idle_in_transaction_session_timeout=10000`,
        // While PostgreSQL is away, writes fail within seconds instead of waiting without end.
        connectionTimeoutMillis: 5000,
      });
      // An idle connection that PostgreSQL closes (a restart) is replaced on next use; it must not bring the process down.
      pool.on('error', () => {});
      return pool;
    });
    const store = new PostgresStore(pools[0], pools[1], pools[2], options.nodeId ?? randomUUID());
    try {
      const { rows } = await pools[0].query<{ synchronous_commit: string }>('SHOW synchronous_commit');
      if (rows[0].synchronous_commit === 'off') throw new Error('PostgreSQL runs synchronous_commit=off; Gavel needs it on');
      await store.transaction(migrate);
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  /** The version the schema stands at (schema_migrations). */
  async schemaVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
    return rows[0]?.v ?? 0;
  }

  private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[], pool = this.pool): Promise<pg.QueryResult<R>> {
    try {
      return await pool.query<R>(text, values);
    } catch (e) {
      throw storageError(e);
    }
  }

  /** Runs `fn` in a transaction on one connection; a connection that failed is thrown away, not reused. */
  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((e: unknown) => Promise.reject(storageError(e)));
    let lost: Error | undefined;
    // A checked-out connection that dies reports here as well as to the query in flight.
    const onError = (e: Error) => (lost = e);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch((r: Error) => (lost ??= r));
      throw storageError(e);
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  async append(meetingId: string, expectedSeq: number, events: LedgerEvent[], credentials: CredentialRecord[] = []): Promise<void> {
    await this.transaction((c) => appendIn(c, { meetingId, expectedSeq, events, credentials }, this.leases));
  }

  /**
   * A group commit: every append of the batch in one transaction, in a fixed
   * number of round trips whatever its size (the heads and leases read and
   * locked in one query each, checked here, then one update of the heads and
   * one insert of the events). A node's commits go one after the other, so a
   * commit that took a round trip per append and per statement held every
   * meeting of the node behind it. An append that fails its checks fails
   * alone, writing nothing; the others go through.
   */
  async appendMany(appends: LedgerAppend[]): Promise<(Error | undefined)[]> {
    if (appends.length === 0) return [];
    return this.transaction(async (c) => {
      // Two nodes' batches locking the same meetings in different orders would deadlock: lock in one order.
      const ids = [...new Set(appends.map((a) => a.meetingId))].sort();
      const { rows: headRows } = await c.query<{ meeting_id: string; seq: number; hash: string }>(
        'SELECT meeting_id, seq, hash FROM ledger_heads WHERE meeting_id = ANY($1) ORDER BY meeting_id FOR UPDATE',
        [ids],
      );
      // A meeting's first events create its head row (of two nodes creating it at once, the second finds it taken): one by one.
      if (headRows.length < ids.length) return this.appendOneByOne(c, appends);
      const { rows: leaseRows } = await c.query<{ meeting_id: string; token: number }>(
        'SELECT meeting_id, token FROM meeting_leases WHERE meeting_id = ANY($1) ORDER BY meeting_id FOR SHARE',
        [ids],
      );
      const heads = new Map(headRows.map((r) => [r.meeting_id, { seq: r.seq, hash: r.hash }]));
      const tokens = new Map(leaseRows.map((r) => [r.meeting_id, r.token]));
      const moved = new Set<string>();
      const results = appends.map((a): Error | undefined => {
        try {
          const token = tokens.get(a.meetingId);
          if (token !== undefined && token !== this.leases.get(a.meetingId)) throw new LeaseLostError(a.meetingId, this.leases.get(a.meetingId), token);
          const head = heads.get(a.meetingId)!;
          checkFollows(a, head);
          const last = a.events.at(-1);
          if (last) {
            heads.set(a.meetingId, { seq: last.seq, hash: last.hash });
            moved.add(a.meetingId);
          }
          return undefined;
        } catch (e) {
          return e instanceof Error ? e : new Error(String(e));
        }
      });
      const written = appends.filter((_, i) => !results[i]);
      if (moved.size > 0) {
        const updated = [...moved].map((id) => ({ id, ...heads.get(id)! }));
        await c.query(
          `UPDATE ledger_heads h SET seq = v.seq, hash = v.hash FROM unnest($1::text[], $2::int[], $3::text[]) AS v(meeting_id, seq, hash)
           WHERE h.meeting_id = v.meeting_id`,
          [updated.map((h) => h.id), updated.map((h) => h.seq), updated.map((h) => h.hash)],
        );
        await insertEvents(c, written.flatMap((a) => a.events.map((e) => ({ meetingId: a.meetingId, e }))));
      }
      const credentials = written.flatMap((a) => a.credentials ?? []);
      if (credentials.length > 0) {
        await c.query(insertRows('credentials', ['meeting_id', 'code_id', 'code_hash'], credentials.map((cr) => [cr.meetingId, cr.codeId, cr.codeHash])));
      }
      return results;
    });
  }

  /** The group commit append by append, each under a savepoint: for a batch that creates a meeting. */
  private async appendOneByOne(c: pg.PoolClient, appends: LedgerAppend[]): Promise<(Error | undefined)[]> {
    const results: (Error | undefined)[] = [];
    for (const a of appends) {
      await c.query('SAVEPOINT one_append');
      try {
        await appendIn(c, a, this.leases);
        await c.query('RELEASE SAVEPOINT one_append');
        results.push(undefined);
      } catch (e) {
        await c.query('ROLLBACK TO SAVEPOINT one_append');
        results.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return results;
  }

  async readEvents(meetingId: string, afterSeq = 0): Promise<LedgerEvent[]> {
    const { rows } = await this.query<{ body: string }>('SELECT body FROM events WHERE meeting_id = $1 AND seq > $2 ORDER BY seq', [
      meetingId,
      afterSeq,
    ]);
    return rows.map((r) => JSON.parse(r.body) as LedgerEvent);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1', [], this.probe);
  }

  async meetingIds(): Promise<string[]> {
    const { rows } = await this.query<{ meeting_id: string }>('SELECT meeting_id FROM ledger_heads ORDER BY created_at, meeting_id');
    return rows.map((r) => r.meeting_id);
  }

  async findCredential(meetingId: string, codeHash: string): Promise<CredentialRecord | undefined> {
    const { rows } = await this.query<{ code_id: string }>('SELECT code_id FROM credentials WHERE meeting_id = $1 AND code_hash = $2', [
      meetingId,
      codeHash,
    ]);
    return rows[0] && { meetingId, codeId: rows[0].code_id, codeHash };
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.query('INSERT INTO sessions (token_hash, meeting_id, code_id, body, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      s.tokenHash,
      s.meetingId,
      s.codeId,
      JSON.stringify(s),
      s.expiresAt,
    ]);
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.query<{ body: string }>('SELECT body FROM sessions WHERE token_hash = $1', [tokenHash]);
    return rows[0] && (JSON.parse(rows[0].body) as SessionRecord);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteSessionsOfCode(meetingId: string, codeId: string): Promise<void> {
    await this.query('DELETE FROM sessions WHERE meeting_id = $1 AND code_id = $2', [meetingId, codeId]);
  }

  async saveStateCheckpoint(meetingId: string, c: StateCheckpointRecord): Promise<void> {
    await this.query(
      `INSERT INTO state_checkpoints (meeting_id, seq, hash, at, state, signature) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (meeting_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at,
         state = excluded.state, signature = excluded.signature
       WHERE excluded.seq >= state_checkpoints.seq`,
      [meetingId, c.seq, c.hash, c.at, c.state, c.signature],
    );
  }

  async readStateCheckpoint(meetingId: string): Promise<StateCheckpointRecord | undefined> {
    const { rows } = await this.query<StateCheckpointRecord>(
      'SELECT seq, hash, at, state, signature FROM state_checkpoints WHERE meeting_id = $1',
      [meetingId],
    );
    const r = rows[0];
    return r && { seq: r.seq, hash: r.hash, state: r.state, at: r.at, signature: r.signature };
  }

  async appendDocUpdates(updates: DocUpdateInput[]): Promise<DocHead[]> {
    if (updates.length === 0) return [];
    return this.transaction(async (c) => {
      const key = (u: { meetingId: string; docName: string }) => `${u.meetingId}\u0000${u.docName}`;
      // Every document of the batch, locked in one order (no deadlock between two nodes' batches);
      // a document's first writer creates its head row, a second one waits for it.
      const docs = [...new Map(updates.map((u) => [key(u), u])).values()].sort(byKey(key));
      for (const meetingId of new Set(docs.map((d) => d.meetingId))) await checkLease(c, meetingId, this.leases);
      const heads = new Map<string, DocHead>();
      for (const { meetingId, docName } of docs) {
        await c.query('INSERT INTO doc_heads (meeting_id, doc_name, seq, hash) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING', [
          meetingId,
          docName,
          GENESIS_HASH,
        ]);
        const { rows } = await c.query<DocHead>('SELECT seq, hash FROM doc_heads WHERE meeting_id = $1 AND doc_name = $2 FOR UPDATE', [
          meetingId,
          docName,
        ]);
        heads.set(key({ meetingId, docName }), { seq: rows[0].seq, hash: rows[0].hash });
      }
      // The chain is computed here, under the lock: two writers can never both link to the same head.
      const written = updates.map((u) => {
        const head = heads.get(key(u))!;
        const next = { seq: head.seq + 1, hash: hashDocUpdate({ ...u, seq: head.seq + 1, prevHash: head.hash }) };
        heads.set(key(u), next);
        return { u, prevHash: head.hash, ...next };
      });
      await c.query(
        insertRows(
          'doc_updates',
          ['meeting_id', 'doc_name', 'seq', 'at', 'actor', 'body', 'prev_hash', 'hash', 'cause'],
          written.map(({ u, seq, hash, prevHash }) => [u.meetingId, u.docName, seq, u.at, JSON.stringify(u.actor), blob(u.update), prevHash, hash, u.cause ?? null]),
        ),
      );
      for (const { meetingId, docName } of docs) {
        const head = heads.get(key({ meetingId, docName }))!;
        await c.query('UPDATE doc_heads SET seq = $3, hash = $4 WHERE meeting_id = $1 AND doc_name = $2', [meetingId, docName, head.seq, head.hash]);
      }
      return written.map(({ seq, hash }) => ({ seq, hash }));
    });
  }

  async readDocUpdates(meetingId: string, docName: string, afterSeq = 0, upToSeq = MAX_SEQ): Promise<DocUpdateRecord[]> {
    const { rows } = await this.query<{ seq: number; at: string; actor: string; body: Buffer; prev_hash: string; hash: string; cause: number | null }>(
      `SELECT seq, at, actor, body, prev_hash, hash, cause FROM doc_updates
       WHERE meeting_id = $1 AND doc_name = $2 AND seq > $3 AND seq <= $4 ORDER BY seq`,
      [meetingId, docName, afterSeq, Math.min(upToSeq, MAX_SEQ)],
    );
    return rows.map((r) => ({
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
    const { rows } = await this.query<DocHead>('SELECT seq, hash FROM doc_heads WHERE meeting_id = $1 AND doc_name = $2', [meetingId, docName]);
    return rows[0] ? { seq: rows[0].seq, hash: rows[0].hash } : { seq: 0, hash: GENESIS_HASH };
  }

  async docCauses(meetingId: string, docName: string): Promise<number[]> {
    const { rows } = await this.query<{ cause: number }>(
      'SELECT cause FROM doc_updates WHERE meeting_id = $1 AND doc_name = $2 AND cause IS NOT NULL ORDER BY cause',
      [meetingId, docName],
    );
    return rows.map((r) => r.cause);
  }

  async saveDocSnapshot(meetingId: string, docName: string, s: DocSnapshotRecord): Promise<void> {
    await this.transaction(async (c) => {
      // FOR SHARE: checked against the head as it stands, without holding up the text's writers for long.
      const { rows } = await c.query<{ seq: number }>('SELECT seq FROM doc_heads WHERE meeting_id = $1 AND doc_name = $2 FOR SHARE', [
        meetingId,
        docName,
      ]);
      const last = rows[0]?.seq ?? 0;
      if (!Number.isInteger(s.seq) || s.seq < 0 || s.seq > last) {
        throw new Error(`a checkpoint of ${meetingId}/${docName} at seq ${s.seq} is beyond its last update (${last})`);
      }
      await c.query(
        `INSERT INTO doc_snapshots (meeting_id, doc_name, seq, at, clients, state, hash, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (meeting_id, doc_name, seq) DO UPDATE SET at = excluded.at, clients = excluded.clients,
           state = excluded.state, hash = excluded.hash, signature = excluded.signature`,
        [meetingId, docName, s.seq, s.at, JSON.stringify(s.clients), blob(s.state), s.hash, s.signature],
      );
    });
  }

  async readDocSnapshot(meetingId: string, docName: string, atOrBeforeSeq = MAX_SEQ): Promise<DocSnapshotRecord | undefined> {
    const { rows } = await this.query<{ seq: number; at: string; clients: string; state: Buffer; hash: string; signature: string }>(
      `SELECT seq, at, clients, state, hash, signature FROM doc_snapshots
       WHERE meeting_id = $1 AND doc_name = $2 AND seq <= $3 ORDER BY seq DESC LIMIT 1`,
      [meetingId, docName, Math.min(atOrBeforeSeq, MAX_SEQ)],
    );
    const r = rows[0];
    return r && { seq: r.seq, at: r.at, state: bytes(r.state), clients: JSON.parse(r.clients) as Record<string, string>, hash: r.hash, signature: r.signature };
  }

  async listDocSnapshots(meetingId: string, docName: string): Promise<{ seq: number; at: string }[]> {
    const { rows } = await this.query<{ seq: number; at: string }>(
      'SELECT seq, at FROM doc_snapshots WHERE meeting_id = $1 AND doc_name = $2 ORDER BY seq',
      [meetingId, docName],
    );
    return rows.map((r) => ({ seq: r.seq, at: r.at }));
  }

  async docNames(meetingId: string): Promise<string[]> {
    const { rows } = await this.query<{ doc_name: string }>('SELECT doc_name FROM doc_heads WHERE meeting_id = $1 AND seq > 0 ORDER BY doc_name', [
      meetingId,
    ]);
    return rows.map((r) => r.doc_name);
  }

  /**
   * Takes the meeting for this node for `ttlMs`, if no other node holds it
   * (or its lease has expired). A takeover gets the next token, so that the
   * node it replaces, were it only paused, can never write again. Renews when
   * this node holds it already. Undefined: another node owns the meeting.
   */
  async acquireLease(meetingId: string, ttlMs: number, url = ''): Promise<MeetingLease | undefined> {
    const { rows } = await this.query<{ token: number; expires_at: Date }>(
      `INSERT INTO meeting_leases AS l (meeting_id, owner, token, expires_at, owner_url)
       VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond', $4)
       ON CONFLICT (meeting_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, owner_url = excluded.owner_url,
         token = CASE WHEN l.owner = excluded.owner AND l.expires_at > now() THEN l.token ELSE l.token + 1 END
       WHERE l.expires_at <= now() OR l.owner = excluded.owner
       RETURNING token, expires_at`,
      [meetingId, this.nodeId, ttlMs, url],
      this.control,
    );
    if (!rows[0]) return undefined;
    this.leases.set(meetingId, rows[0].token);
    return { meetingId, owner: this.nodeId, token: rows[0].token, expiresAt: rows[0].expires_at };
  }

  /** Who holds the meeting's lease now (not expired), and where it answers; undefined: nobody. */
  async leaseHolder(meetingId: string): Promise<{ owner: string; url: string; token: number; expiresInMs: number } | undefined> {
    const { rows } = await this.query<{ owner: string; owner_url: string; token: number; left_ms: number }>(
      `SELECT owner, owner_url, token, (extract(epoch FROM expires_at - now()) * 1000)::float8 AS left_ms
       FROM meeting_leases WHERE meeting_id = $1 AND expires_at > now()`,
      [meetingId],
      this.control,
    );
    const r = rows[0];
    return r && { owner: r.owner, url: r.owner_url, token: r.token, expiresInMs: r.left_ms };
  }

  /** Extends a lease this node still holds under its token and that has not expired; undefined: lost (take it again, or let the meeting go). */
  async renewLease(lease: MeetingLease, ttlMs: number): Promise<MeetingLease | undefined> {
    return (await this.renewLeases([lease], ttlMs))[0];
  }

  /**
   * `renewLease` for every lease given, in one statement (a node renews all
   * it holds at once, not one round trip each); the rows locked in one order,
   * as the writers lock them, so that a renewal and a group commit never deadlock.
   */
  async renewLeases(leases: MeetingLease[], ttlMs: number): Promise<(MeetingLease | undefined)[]> {
    if (leases.length === 0) return [];
    const { rows } = await this.query<{ meeting_id: string; expires_at: Date }>(
      `UPDATE meeting_leases SET expires_at = now() + $4 * interval '1 millisecond'
       WHERE meeting_id IN (
         SELECT l.meeting_id FROM meeting_leases l JOIN unnest($1::text[], $3::int[]) AS held(meeting_id, token)
           ON l.meeting_id = held.meeting_id AND l.token = held.token
         WHERE l.owner = $2 AND l.expires_at > now() ORDER BY l.meeting_id FOR UPDATE OF l)
       RETURNING meeting_id, expires_at`,
      [leases.map((l) => l.meetingId), this.nodeId, leases.map((l) => l.token), ttlMs],
      this.control,
    );
    const renewed = new Map(rows.map((r) => [r.meeting_id, r.expires_at]));
    return leases.map((lease) => {
      const expiresAt = renewed.get(lease.meetingId);
      if (expiresAt) return { ...lease, expiresAt };
      if (this.leases.get(lease.meetingId) === lease.token) this.leases.delete(lease.meetingId);
      return undefined;
    });
  }

  /** Lets the meeting go at once (a node shutting down): another node may take it without waiting for the expiry. */
  async releaseLease(lease: MeetingLease): Promise<void> {
    if (this.leases.get(lease.meetingId) === lease.token) this.leases.delete(lease.meetingId);
    // Expired, not deleted: the token must go on growing from where it stands.
    await this.query(
      'UPDATE meeting_leases SET expires_at = now() WHERE meeting_id = $1 AND owner = $2 AND token = $3',
      [lease.meetingId, this.nodeId, lease.token],
      this.control,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool, this.control, this.probe].map((p) => p.end()));
  }
}

/**
 * Fencing: a meeting under a lease is written only under its current token.
 * FOR SHARE holds the lease row until the write commits, so a takeover waits
 * for writes in flight and every later write sees the new token. A meeting
 * nobody ever leased (one node, no cluster) is written as before.
 */
async function checkLease(c: pg.PoolClient, meetingId: string, held: ReadonlyMap<string, number>): Promise<void> {
  const { rows } = await c.query<{ token: number }>('SELECT token FROM meeting_leases WHERE meeting_id = $1 FOR SHARE', [meetingId]);
  if (rows[0] && rows[0].token !== held.get(meetingId)) throw new LeaseLostError(meetingId, held.get(meetingId), rows[0].token);
}

/**
 * The events follow the head as it stands: its seq and its hash (events decided on top of others
 * that never made it, a pipelined commit that failed, name a head the ledger does not have, even
 * where the seq happens to match), and each other in order.
 */
function checkFollows({ meetingId, expectedSeq, events }: Pick<LedgerAppend, 'meetingId' | 'expectedSeq' | 'events'>, head: { seq: number; hash: string } | undefined): void {
  if ((head?.seq ?? 0) !== expectedSeq || (events[0] && head && events[0].prevHash !== head.hash)) {
    throw new ConcurrencyError(meetingId, expectedSeq);
  }
  events.forEach((e, i) => {
    if (e.seq !== expectedSeq + i + 1 || e.meetingId !== meetingId) {
      throw new Error(`event ${e.seq} of ${e.meetingId} does not follow ${meetingId}#${expectedSeq + i}`);
    }
  });
}

/** Events' rows, a thousand at a time (PostgreSQL takes at most 65,535 parameters a statement). */
async function insertEvents(c: pg.PoolClient, rows: { meetingId: string; e: LedgerEvent }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000).map(({ meetingId, e }) => [meetingId, e.seq, e.type, e.hash, JSON.stringify(e)]);
    await c.query(insertRows('events', ['meeting_id', 'seq', 'type', 'hash', 'body'], chunk));
  }
}

/** One append, in the caller's transaction: the lease checked, the meeting's head row locked, checked, moved. */
async function appendIn(
  c: pg.PoolClient,
  { meetingId, expectedSeq, events, credentials = [] }: LedgerAppend,
  leases: ReadonlyMap<string, number>,
): Promise<void> {
  await checkLease(c, meetingId, leases);
  const { rows } = await c.query<{ seq: number; hash: string }>('SELECT seq, hash FROM ledger_heads WHERE meeting_id = $1 FOR UPDATE', [meetingId]);
  const head = rows[0];
  checkFollows({ meetingId, expectedSeq, events }, head);
  if (events.length === 0) return;
  const last = events[events.length - 1];
  if (!head) {
    // The meeting's first events: of two nodes creating it at once, the second finds the row taken.
    const created = await c.query('INSERT INTO ledger_heads (meeting_id, seq, hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      meetingId,
      last.seq,
      last.hash,
      events[0].at,
    ]);
    if (created.rowCount !== 1) throw new ConcurrencyError(meetingId, expectedSeq);
  } else {
    await c.query('UPDATE ledger_heads SET seq = $2, hash = $3 WHERE meeting_id = $1', [meetingId, last.seq, last.hash]);
  }
  await insertEvents(c, events.map((e) => ({ meetingId, e })));
  if (credentials.length > 0) {
    await c.query(insertRows('credentials', ['meeting_id', 'code_id', 'code_hash'], credentials.map((cr) => [cr.meetingId, cr.codeId, cr.codeHash])));
  }
}

async function migrate(c: pg.PoolClient): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
  await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
  const { rows } = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const version = rows[0]?.v ?? 0;
  if (version > MIGRATIONS.length) {
    throw new Error(`the database's schema is at version ${version}, newer than this Gavel knows (${MIGRATIONS.length})`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    await c.query(MIGRATIONS[v]);
    await c.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
  }
}
