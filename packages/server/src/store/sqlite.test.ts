import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
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
      // synchronous is a setting of the connection: ask the store's own.
      const db = store['db'] as Database.Database;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
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

  it('numbers document updates from two stores on one file without a clash', async () => {
    const file = tempFile();
    const a = new SqliteStore(file);
    const b = new SqliteStore(file);
    try {
      const actor = { role: 'chair' as const, name: 'Chair', codeId: 'c_chair00001' };
      const update = (n: number) => ({ meetingId: 'm_one0000001', docName: 'recommendations', update: Uint8Array.from([n]), actor, at: '2027-01-27T10:00:00.000Z' });
      const seqs = [...(await a.appendDocUpdates([update(1)])), ...(await b.appendDocUpdates([update(2), update(3)])), ...(await a.appendDocUpdates([update(4)]))];
      expect(seqs).toEqual([1, 2, 3, 4]);
      expect((await b.readDocUpdates('m_one0000001', 'recommendations')).map((u) => u.update[0])).toEqual([1, 2, 3, 4]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
