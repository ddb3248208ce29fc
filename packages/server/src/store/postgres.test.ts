import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, LedgerEvent } from '@gavel/shared';
import { verifyChain, verifyDocChain } from '../ledger/chain';
import { eventsFor, runStoreContract } from './contract';
import { LeaseLostError, PostgresStore } from './postgres';
import { createTestDatabase, type TestDatabase } from './postgres-test-db';
import { toErrorBody } from '../http/errors';
import { ConcurrencyError, type DocHead } from './store';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await db?.drop();
});

const TABLES = ['ledger_heads', 'events', 'credentials', 'sessions', 'doc_heads', 'doc_updates', 'doc_snapshots', 'state_checkpoints', 'meeting_leases'];

/** A store on the test file's database, emptied: each contract test starts from nothing. */
async function freshStore(): Promise<PostgresStore> {
  const store = await PostgresStore.open(db.url, { max: 4 });
  await store['pool'].query(TABLES.map((t) => `DELETE FROM ${t};`).join(' '));
  return store;
}

runStoreContract('PostgresStore', async () => {
  let store = await freshStore();
  return {
    store,
    async reopen() {
      await store.close();
      store = await PostgresStore.open(db.url, { max: 4 });
      return store;
    },
    async cleanup() {
      await store.close();
    },
  };
});

const WRITER: Actor = { role: 'chair', name: 'Chair', codeId: 'c_chair00001' };

describe('PostgresStore', () => {
  it('commits with synchronous_commit on, and migrates once however often it opens', async () => {
    const [a, b] = await Promise.all([PostgresStore.open(db.url, { max: 2 }), PostgresStore.open(db.url, { max: 2 })]);
    try {
      const { rows } = await a['pool'].query('SHOW synchronous_commit');
      expect(rows).toEqual([{ synchronous_commit: 'on' }]);
      expect(await a.schemaVersion()).toBe(3);
      const versions = await b['pool'].query('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses a database whose schema is newer than it knows', async () => {
    const store = await PostgresStore.open(db.url, { max: 1 });
    await store['pool'].query('INSERT INTO schema_migrations (version) VALUES (99)');
    try {
      await expect(PostgresStore.open(db.url, { max: 1 })).rejects.toThrow(/version 99/);
    } finally {
      await store['pool'].query('DELETE FROM schema_migrations WHERE version = 99');
      await store.close();
    }
  });

  it('says what is wrong when the server cannot be reached', async () => {
    await expect(PostgresStore.open('postgres://postgres@127.0.0.1:1/none', { max: 1 })).rejects.toThrow();
  });
});

/**
 * What the SQLite driver can never be asked: two nodes, each with its own
 * pool, writing the same ledger and the same text at once.
 */
describe('two PostgresStores (two pools) racing', { timeout: 30_000 }, () => {
  let one: PostgresStore;
  let two: PostgresStore;
  beforeAll(async () => {
    one = await freshStore();
    two = await PostgresStore.open(db.url, { max: 4 });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
  });

  it('append to one ledger: one chain, no fork, every acknowledged event present', async () => {
    const meetingId = 'm_race0000001';
    const [created] = eventsFor(meetingId, undefined, [
      {
        type: 'MeetingCreated',
        payload: {
          meetingId,
          info: { body: 'Body', parentBody: '', title: 'Race', venue: 'Vienna', startDate: '2027-01-27', endDate: '2027-01-29', symbol: '', language: 'en', chair: { name: '' } },
        },
      },
    ]);
    await one.append(meetingId, 0, [created]);

    const acknowledged: LedgerEvent[] = [];
    let conflicts = 0;
    /** A node's writer: decides on what it last read, appends, and on a conflict reads again (as MeetingService does). */
    async function writer(store: PostgresStore, name: string, count: number) {
      for (let i = 0; i < count; ) {
        const events = await store.readEvents(meetingId);
        const last = events[events.length - 1];
        const batch = eventsFor(meetingId, last, [
          { type: 'DelegationRegistered', payload: { delegation: { id: `d_${name}${String(i).padStart(5, '0')}`, category: 'ngo', names: { en: `${name} ${i}` } } } },
        ]);
        try {
          // One writer uses the group commit, the other plain appends: both paths race.
          if (name === 'aaa') {
            const [error] = await store.appendMany([{ meetingId, expectedSeq: last.seq, events: batch }]);
            if (error) throw error;
          } else {
            await store.append(meetingId, last.seq, batch);
          }
          acknowledged.push(...batch);
          i++;
        } catch (e) {
          if (!(e instanceof ConcurrencyError)) throw e;
          conflicts++;
        }
      }
    }
    await Promise.all([writer(one, 'aaa', 15), writer(two, 'bbb', 15), writer(one, 'ccc', 15), writer(two, 'ddd', 15)]);

    const stored = await one.readEvents(meetingId);
    expect(verifyChain(stored)).toMatchObject({ ok: true, events: 61 });
    expect(stored.length).toBe(1 + acknowledged.length);
    const bySeq = new Map(stored.map((e) => [e.seq, e]));
    for (const e of acknowledged) expect(bySeq.get(e.seq)).toEqual(e);
    // The race was real: writers did collide and were refused, not silently serialized.
    expect(conflicts).toBeGreaterThan(0);
    expect(await two.readEvents(meetingId)).toEqual(stored);
  });

  it('append updates to one text: one hash chain, no fork, every acknowledged update present', async () => {
    const meetingId = 'm_race0000002';
    const acknowledged: { head: DocHead; bytes: number[] }[] = [];
    async function writer(store: PostgresStore, tag: number, rounds: number) {
      for (let i = 0; i < rounds; i++) {
        // Batches of one to three updates, some touching a second text too (group commit across documents).
        const size = 1 + (i % 3);
        const updates = Array.from({ length: size }, (_, j) => ({
          meetingId,
          docName: j === 2 ? 'introduction' : 'recommendations',
          update: Uint8Array.from([tag, i, j]),
          actor: WRITER,
          at: '2027-01-27T10:00:00.000Z',
        }));
        const heads = await store.appendDocUpdates(updates);
        heads.forEach((head, j) => {
          if (updates[j].docName === 'recommendations') acknowledged.push({ head, bytes: [tag, i, j] });
        });
      }
    }
    await Promise.all([writer(one, 1, 30), writer(two, 2, 30), writer(one, 3, 30), writer(two, 4, 30)]);

    const read = await two.readDocUpdates(meetingId, 'recommendations');
    expect(read.length).toBe(acknowledged.length);
    expect(verifyDocChain(meetingId, 'recommendations', read)).toMatchObject({ ok: true, updates: acknowledged.length });
    const bySeq = new Map(read.map((r) => [r.seq, r]));
    for (const a of acknowledged) {
      const r = bySeq.get(a.head.seq);
      expect(r?.hash).toBe(a.head.hash);
      expect(Array.from(r!.update)).toEqual(a.bytes);
    }
    const intro = await one.readDocUpdates(meetingId, 'introduction');
    expect(verifyDocChain(meetingId, 'introduction', intro)).toMatchObject({ ok: true, updates: 4 * 10 });
    expect(await one.docHead(meetingId, 'recommendations')).toEqual({ seq: read.length, hash: read[read.length - 1].hash });
  });

  it('group commits of several meetings in opposite orders from two nodes do not deadlock', async () => {
    const ids = ['m_dead0000001', 'm_dead0000002', 'm_dead0000003'];
    const heads = new Map<string, LedgerEvent>();
    for (const id of ids) {
      const [e] = eventsFor(id, undefined, [{ type: 'MeetingCreated', payload: { meetingId: id, info: { body: 'B', parentBody: '', title: 'T', venue: 'V', startDate: '2027-01-27', endDate: '2027-01-29', symbol: '', language: 'en', chair: { name: '' } } } }]);
      await one.append(id, 0, [e]);
      heads.set(id, e);
    }
    const batch = (order: string[], tag: string) =>
      order.map((id) => ({ meetingId: id, expectedSeq: 1, events: eventsFor(id, heads.get(id), [{ type: 'DelegationRegistered', payload: { delegation: { id: `d_${tag}000001`, category: 'ngo', names: { en: tag } } } }]) }));
    const [r1, r2] = await Promise.all([one.appendMany(batch(ids, 'aaa')), two.appendMany(batch([...ids].reverse(), 'bbb'))]);
    // Per meeting exactly one of the two won; no error other than ConcurrencyError (a deadlock would be one).
    for (const [i, id] of ids.entries()) {
      const outcomes = [r1[i], r2[ids.length - 1 - i]];
      expect(outcomes.filter((o) => o === undefined)).toHaveLength(1);
      expect(outcomes.find((o) => o !== undefined)).toBeInstanceOf(ConcurrencyError);
      expect(verifyChain(await two.readEvents(id))).toMatchObject({ ok: true, events: 2 });
    }
  });
});

// A write whose connection dies mid-way fails; it is never half-written.
describe('a write whose connection is cut', () => {
  it('is not acknowledged and leaves nothing behind', async () => {
    const store = await freshStore();
    const other = new pg.Pool({ connectionString: db.url, max: 2 });
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    try {
      const meetingId = 'm_cut00000001';
      const [created] = eventsFor(meetingId, undefined, [{ type: 'MeetingCreated', payload: { meetingId, info: { body: 'B', parentBody: '', title: 'T', venue: 'V', startDate: '2027-01-27', endDate: '2027-01-29', symbol: '', language: 'en', chair: { name: '' } } } }]);
      // Another writer holds the meeting's head row uncommitted, so that the append waits inside its transaction.
      let holding = () => {};
      const held = new Promise<void>((r) => (holding = r));
      const c = await other.connect();
      const holder = c
        .query('BEGIN')
        .then(async () => {
          await c.query("INSERT INTO ledger_heads (meeting_id, seq, hash, created_at) VALUES ($1, 0, 'x', 'x')", [meetingId]);
          holding();
          await gate;
        })
        .finally(() => c.query('ROLLBACK').finally(() => c.release()));
      await held;
      const append = store.append(meetingId, 0, [created]).then(() => 'acknowledged', (e: unknown) => e);
      const blocked = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'gavel' AND wait_event_type = 'Lock'";
      const deadline = Date.now() + 5000;
      while ((await other.query(blocked)).rows.length === 0) {
        if (Date.now() > deadline) throw new Error('the append never waited on the lock');
      }
      await other.query(`SELECT pg_terminate_backend(pid) FROM (${blocked}) AS b`);
      // Refused with the code the server answers 503 storage_unavailable on.
      expect(await append).toMatchObject({ code: 'PG_UNAVAILABLE' });
      expect(toErrorBody(await append)).toMatchObject({ code: 'storage_unavailable' });
      release();
      await holder;
      expect(await store.readEvents(meetingId)).toEqual([]);
      // The pool goes on with a new connection.
      await store.append(meetingId, 0, [created]);
      expect(await store.readEvents(meetingId)).toEqual([created]);
    } finally {
      release();
      await other.end();
      await store.close();
    }
  });
});

/** One owner per meeting: a lease whose fencing token PostgreSQL checks on every append. */
describe('meeting leases and their fencing token', { timeout: 20_000 }, () => {
  let a: PostgresStore;
  let b: PostgresStore;
  beforeAll(async () => {
    a = await freshStore();
    b = await PostgresStore.open(db.url, { max: 2, nodeId: 'node-b' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const meetingId = 'm_lease000001';
  const upd = (byte: number) => ({ meetingId, docName: 'recommendations', update: Uint8Array.from([byte]), actor: WRITER, at: '2027-01-27T10:00:00.000Z' });
  const next = async (store: PostgresStore, tag: string) => {
    const events = await store.readEvents(meetingId);
    const last = events.at(-1);
    const decided = last
      ? [{ type: 'DelegationRegistered' as const, payload: { delegation: { id: `d_${tag}000001`, category: 'ngo' as const, names: { en: tag } } } }]
      : [{ type: 'MeetingCreated' as const, payload: { meetingId, info: { body: 'B', parentBody: '', title: 'T', venue: 'V', startDate: '2027-01-27', endDate: '2027-01-29', symbol: '', language: 'en' as const, chair: { name: '' } } } }];
    return { seq: last?.seq ?? 0, events: eventsFor(meetingId, last, decided) };
  };

  it('refuses every write of a paused owner once another node took the meeting over', async () => {
    const leaseA = await a.acquireLease(meetingId, 300);
    expect(leaseA).toMatchObject({ meetingId, owner: a.nodeId, token: 1 });
    const created = await next(a, 'aaa');
    await a.append(meetingId, created.seq, created.events);
    await a.appendDocUpdates([upd(1)]);
    // While A's lease runs, B cannot have the meeting, nor write to it.
    expect(await b.acquireLease(meetingId, 5_000)).toBeUndefined();
    const early = await next(b, 'bbb');
    await expect(b.append(meetingId, early.seq, early.events)).rejects.toBeInstanceOf(LeaseLostError);

    // A stops renewing (paused); its lease runs out on PostgreSQL's clock and B takes over under the next token.
    const deadline = Date.now() + 5_000;
    let leaseB = await b.acquireLease(meetingId, 5_000);
    while (!leaseB) {
      if (Date.now() > deadline) throw new Error('B never took the meeting over');
      leaseB = await b.acquireLease(meetingId, 5_000);
    }
    expect(leaseB).toMatchObject({ owner: 'node-b', token: 2 });

    // A wakes up and carries on as if it still owned the meeting: every kind of append is refused, nothing written.
    const stale = await next(a, 'ccc');
    const refused = await a.append(meetingId, stale.seq, stale.events).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(LeaseLostError);
    expect(refused).toMatchObject({ heldToken: 1, currentToken: 2 });
    const [inBatch] = await a.appendMany([{ meetingId, expectedSeq: stale.seq, events: stale.events }]);
    expect(inBatch).toBeInstanceOf(LeaseLostError);
    await expect(a.appendDocUpdates([upd(2)])).rejects.toBeInstanceOf(LeaseLostError);
    expect(await a.renewLease(leaseA!, 5_000)).toBeUndefined();
    expect(await b.readEvents(meetingId)).toEqual(created.events);
    expect((await b.readDocUpdates(meetingId, 'recommendations')).map((u) => Array.from(u.update))).toEqual([[1]]);

    // The new owner writes; it renews under the same token.
    const mine = await next(b, 'ddd');
    await b.append(meetingId, mine.seq, mine.events);
    await b.appendDocUpdates([upd(3)]);
    expect(await b.renewLease(leaseB, 5_000)).toMatchObject({ token: 2 });
    expect((await b.readEvents(meetingId)).map((e) => e.seq)).toEqual([1, 2]);

    // Let go on shutdown: A may take the meeting back at once, under a newer token still, and B is fenced out.
    await b.releaseLease(leaseB);
    expect(await a.acquireLease(meetingId, 5_000)).toMatchObject({ owner: a.nodeId, token: 3 });
    await expect(b.appendDocUpdates([upd(4)])).rejects.toBeInstanceOf(LeaseLostError);
    await a.appendDocUpdates([upd(5)]);
    expect(verifyDocChain(meetingId, 'recommendations', await a.readDocUpdates(meetingId, 'recommendations'))).toMatchObject({ ok: true, updates: 3 });
  });

  it('renews several leases in one go, and says which were lost', async () => {
    const [one, two] = ['m_renew00001', 'm_renew00002'];
    const leaseOne = await a.acquireLease(one, 5_000);
    const leaseTwo = await a.acquireLease(two, 200);
    await new Promise((r) => setTimeout(r, 300));
    expect(await b.acquireLease(two, 5_000)).toMatchObject({ owner: 'node-b', token: 2 });
    const [renewedOne, renewedTwo] = await a.renewLeases([leaseOne!, leaseTwo!], 5_000);
    expect(renewedOne).toMatchObject({ meetingId: one, token: 1 });
    expect(renewedOne!.expiresAt.getTime()).toBeGreaterThanOrEqual(leaseOne!.expiresAt.getTime());
    expect(renewedTwo).toBeUndefined();
  });

  it('answers its health probe and renews its leases while every connection of its pool waits on a lock', async () => {
    const busy = await PostgresStore.open(db.url, { max: 1, nodeId: 'node-busy' });
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      const m = 'm_busy000001';
      const lease = await busy.acquireLease(m, 5_000);
      const created = eventsFor(m, undefined, [{ type: 'MeetingCreated', payload: { meetingId: m, info: { body: 'B', parentBody: '', title: 'T', venue: 'V', startDate: '2027-01-27', endDate: '2027-01-29', symbol: '', language: 'en', chair: { name: '' } } } }]);
      await busy.append(m, 0, created);
      // Another session holds the meeting's head: the store's one connection waits on it in a group commit.
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM ledger_heads WHERE meeting_id = $1 FOR UPDATE', [m]);
      const more = eventsFor(m, created[0], [{ type: 'DelegationRegistered', payload: { delegation: { id: 'd_fff000001', category: 'ngo', names: { en: 'F' } } } }]);
      const waiting = busy.appendMany([{ meetingId: m, expectedSeq: 1, events: more }]);
      await new Promise((r) => setTimeout(r, 200));
      const within = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('queued behind the pool')), 1_500))]);
      await within(busy.ping());
      expect(await within(busy.renewLeases([lease!], 5_000))).toEqual([expect.objectContaining({ token: lease!.token })]);
      await blocker.query('COMMIT');
      expect(await waiting).toEqual([undefined]);
    } finally {
      await blocker.end();
      await busy.close();
    }
  });

  it('leaves a meeting nobody leased writable, as one node without a cluster writes it', async () => {
    const other = 'm_nolease0001';
    const [created] = eventsFor(other, undefined, [{ type: 'MeetingCreated', payload: { meetingId: other, info: { body: 'B', parentBody: '', title: 'T', venue: 'V', startDate: '2027-01-27', endDate: '2027-01-29', symbol: '', language: 'en', chair: { name: '' } } } }]);
    await b.append(other, 0, [created]);
    expect(await a.readEvents(other)).toEqual([created]);
  });
});
