import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashDocUpdate, verifyDocChain } from '../ledger/chain';
import { runStoreContract } from './contract';
import { SqliteStore } from './sqlite';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-sqlite-'));
  dirs.push(dir);
  return join(dir, 'data', 'gavel.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

runStoreContract('SqliteStore', async () => {
  const file = tempFile();
  let store = new SqliteStore(file);
  return {
    store,
    async reopen() {
      await store.close();
      store = new SqliteStore(file);
      return store;
    },
    async cleanup() {
      await store.close();
    },
  };
});

describe('SqliteStore', () => {
  it('runs its connection in WAL mode with synchronous=FULL', async () => {
    const file = tempFile();
    const store = new SqliteStore(file);
    try {
      // synchronous is a setting of the connection: ask the store's own, the reader's and the writer thread's.
      const db = store['db'] as Database.Database;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(await store.writerPragma('journal_mode')).toBe('wal');
      expect(await store.writerPragma('synchronous')).toBe(2);
      // WAL is also recorded in the file, for every later connection.
      const other = new Database(file, { readonly: true });
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      other.close();
    } finally {
      await store.close();
    }
  });

  it('creates its folder and file', async () => {
    const file = tempFile();
    const store = new SqliteStore(file);
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('refuses to start where WAL cannot be had', () => {
    // An in-memory database has no write-ahead log.
    expect(() => new SqliteStore(':memory:')).toThrow(/needs wal and FULL/);
  });

  it('lets two stores on one file (two nodes) refuse each other stale appends', async () => {
    const file = tempFile();
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    try {
      const { eventsFor } = await import('./contract');
      const [created] = eventsFor('m_one0000001', undefined, [
        { type: 'AccessCodeIssued', payload: { code: { id: 'c_aaaaaa01', role: 'viewer', label: '' } } },
      ]);
      await a.append('m_one0000001', 0, [created]);
      await expect(b.append('m_one0000001', 0, [created])).rejects.toMatchObject({ name: 'ConcurrencyError' });
      expect(await b.readEvents('m_one0000001')).toEqual([created]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('writes on a thread of its own: while a write waits for the file, the event loop runs and reads answer', async () => {
    const file = tempFile();
    const store = new SqliteStore(file);
    const { eventsFor } = await import('./contract');
    const issued = (id: string) => ({ type: 'AccessCodeIssued' as const, payload: { code: { id, role: 'viewer' as const, label: '' } } });
    const [created] = eventsFor('m_one0000001', undefined, [issued('c_aaaaaa01')]);
    const [next] = eventsFor('m_one0000001', created, [issued('c_aaaaaa02')]);
    const other = new Database(file);
    try {
      await store.append('m_one0000001', 0, [created]);
      // Another connection holds the write lock: the store's write waits for it (busy_timeout)…
      other.exec('BEGIN IMMEDIATE');
      let stored = false;
      const appending = store.append('m_one0000001', 1, [next]).then(() => {
        stored = true;
      });
      // …on its own thread: timers fire and reads answer meanwhile (on the main thread the wait held everything).
      await new Promise((r) => setTimeout(r, 300));
      expect(stored).toBe(false);
      expect(await store.readEvents('m_one0000001')).toEqual([created]);
      other.exec('COMMIT');
      await appending;
      expect(await store.readEvents('m_one0000001')).toEqual([created, next]);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('numbers document updates from two stores on one file without a clash', async () => {
    const file = tempFile();
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    try {
      const actor = { role: 'chair' as const, name: 'Chair', codeId: 'c_chair00001' };
      const update = (n: number) => ({ meetingId: 'm_one0000001', docName: 'recommendations', update: Uint8Array.from([n]), actor, at: '2027-01-27T10:00:00.000Z' });
      const seqs = [...(await a.appendDocUpdates([update(1)])), ...(await b.appendDocUpdates([update(2), update(3)])), ...(await a.appendDocUpdates([update(4)]))];
      expect(seqs.map((h) => h.seq)).toEqual([1, 2, 3, 4]);
      const read = await b.readDocUpdates('m_one0000001', 'recommendations');
      expect(read.map((u) => u.update[0])).toEqual([1, 2, 3, 4]);
      // One chain, whoever wrote: each store links to the other's last update.
      expect(verifyDocChain('m_one0000001', 'recommendations', read)).toMatchObject({ ok: true, head: seqs[3].hash });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('brings a file of the first version up to date: updates chained in order, old checkpoints untrusted', async () => {
    const file = tempFile();
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(file), { recursive: true });
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec(`
      CREATE TABLE doc_updates (meeting_id TEXT NOT NULL, doc_name TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (meeting_id, doc_name, seq));
      CREATE TABLE doc_snapshots (meeting_id TEXT NOT NULL, doc_name TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, clients TEXT NOT NULL, state BLOB NOT NULL, PRIMARY KEY (meeting_id, doc_name, seq));
    `);
    const actor = JSON.stringify({ role: 'chair', name: 'Chair', codeId: 'c_chair00001' });
    const insert = old.prepare('INSERT INTO doc_updates VALUES (?, ?, ?, ?, ?, ?)');
    for (const seq of [1, 2, 3]) insert.run('m_one0000001', 'recommendations', seq, '2027-01-27T10:00:00.000Z', actor, Buffer.from([seq]));
    old.prepare('INSERT INTO doc_snapshots VALUES (?, ?, ?, ?, ?, ?)').run('m_one0000001', 'recommendations', 2, '2027-01-27T10:00:00.000Z', '{}', Buffer.from([2]));
    old.close();

    const store = new SqliteStore(file);
    try {
      const read = await store.readDocUpdates('m_one0000001', 'recommendations');
      expect(verifyDocChain('m_one0000001', 'recommendations', read)).toMatchObject({ ok: true, updates: 3 });
      expect(read[0].hash).toBe(hashDocUpdate({ ...read[0], meetingId: 'm_one0000001', docName: 'recommendations', prevHash: GENESIS_HASH }));
      expect(await store.readDocSnapshot('m_one0000001', 'recommendations')).toMatchObject({ seq: 2, hash: read[1].hash, signature: '' });
      expect((await store.appendDocUpdates([{ meetingId: 'm_one0000001', docName: 'recommendations', update: Uint8Array.from([4]), actor: JSON.parse(actor), at: '2027-01-27T11:00:00.000Z' }]))[0]).toMatchObject({ seq: 4 });
      expect(verifyDocChain('m_one0000001', 'recommendations', await store.readDocUpdates('m_one0000001', 'recommendations')).ok).toBe(true);
    } finally {
      await store.close();
    }
  });
});
