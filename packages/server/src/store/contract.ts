/**
 * The Store contract: what every store (SQLite, PostgreSQL, …) must do, as a
 * vitest suite. An implementation's test file calls `runStoreContract` with a
 * factory that makes a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, DomainEvent, LedgerEvent } from '@gavel/shared';
import { GENESIS_HASH, sealEvents, verifyChain, verifyDocChain } from '../ledger/chain';
import { ConcurrencyError, type CredentialRecord, type DocUpdateInput, type SessionRecord, type Store } from './store';

export interface StoreUnderTest {
  store: Store;
  /** Closes the store and removes whatever it kept. */
  cleanup(): Promise<void>;
  /**
   * Closes `store` and opens the same storage again, as a restarted server
   * would; `cleanup` then cleans up the reopened one.
   */
  reopen(): Promise<Store>;
}

const ACTOR: Actor = { role: 'secretariat', name: 'Secretariat officer', codeId: 'c_code000001' };

/** Real, hash-chained events: what the meeting service hands a store. */
export function eventsFor(meetingId: string, after: LedgerEvent | undefined, decided: DomainEvent[], at = '2027-01-27T09:00:00.000Z') {
  return sealEvents(meetingId, after ? { seq: after.seq, hash: after.hash } : { seq: 0, hash: GENESIS_HASH }, decided, ACTOR, at);
}

const created = (meetingId: string): DomainEvent => ({
  type: 'MeetingCreated',
  payload: {
    meetingId,
    info: {
      body: 'Working Group on Trafficking in Persons',
      parentBody: '',
      title: 'Meeting',
      venue: 'Vienna',
      startDate: '2027-01-27',
      endDate: '2027-01-29',
      symbol: '',
      language: 'en',
      chair: { name: '' },
    },
  },
});

const registered = (id: string, names: Record<string, string>): DomainEvent => ({
  type: 'DelegationRegistered',
  payload: { delegation: { id, category: 'ngo', names } },
});

const credential = (meetingId: string, codeId: string, codeHash = `hash-of-${codeId}`): CredentialRecord => ({
  meetingId,
  codeId,
  codeHash,
});

function session(tokenHash: string, meetingId: string, codeId: string, extra: Partial<SessionRecord> = {}): SessionRecord {
  return {
    tokenHash,
    meetingId,
    codeId,
    role: 'secretariat',
    name: 'Officer',
    createdAt: '2027-01-27T09:00:00.000Z',
    expiresAt: '2027-02-10T09:00:00.000Z',
    ...extra,
  };
}

export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    /** Starts a meeting ledger with MeetingCreated and returns its events. */
    async function startMeeting(meetingId: string, at?: string): Promise<LedgerEvent[]> {
      const events = eventsFor(meetingId, undefined, [created(meetingId)], at);
      await store.append(meetingId, 0, events);
      return events;
    }

    describe('events', () => {
      it('reads back exactly what was appended, oldest first', async () => {
        const first = await startMeeting('m_one0000001');
        const more = eventsFor('m_one0000001', first[0], [
          registered('d_aaaaaa01', { en: 'La Strada International' }),
          registered('d_aaaaaa02', { ar: 'الاتحاد الأوروبي', zh: '欧洲联盟', ru: 'Европейский союз', fr: 'Union européenne' }),
        ]);
        await store.append('m_one0000001', 1, more);
        const read = await store.readEvents('m_one0000001');
        expect(read).toEqual([...first, ...more]);
        // Byte for byte: the chain still verifies after the round trip.
        expect(verifyChain(read)).toMatchObject({ ok: true, events: 3, head: more[1].hash });
      });

      it('reads only the events after a sequence number', async () => {
        const first = await startMeeting('m_one0000001');
        const more = eventsFor('m_one0000001', first[0], [registered('d_aaaaaa01', { en: 'A' }), registered('d_aaaaaa02', { en: 'B' })]);
        await store.append('m_one0000001', 1, more);
        expect((await store.readEvents('m_one0000001', 1)).map((e) => e.seq)).toEqual([2, 3]);
        expect((await store.readEvents('m_one0000001', 2)).map((e) => e.seq)).toEqual([3]);
        expect(await store.readEvents('m_one0000001', 3)).toEqual([]);
        expect((await store.readEvents('m_one0000001', 0)).map((e) => e.seq)).toEqual([1, 2, 3]);
      });

      it('keeps meetings apart', async () => {
        await startMeeting('m_one0000001');
        const other = await startMeeting('m_two0000002');
        expect(await store.readEvents('m_two0000002')).toEqual(other);
        expect(await store.readEvents('m_none000000')).toEqual([]);
      });

      it('appends an empty list as a no-op', async () => {
        const first = await startMeeting('m_one0000001');
        await store.append('m_one0000001', 1, []);
        expect(await store.readEvents('m_one0000001')).toEqual(first);
      });
    });

    describe('expected sequence number', () => {
      it('refuses an append behind the ledger with ConcurrencyError and writes nothing', async () => {
        const first = await startMeeting('m_one0000001');
        const a = eventsFor('m_one0000001', first[0], [registered('d_aaaaaa01', { en: 'A' })]);
        await store.append('m_one0000001', 1, a);
        // Decided on the state at seq 1, as a second node would.
        const b = eventsFor('m_one0000001', first[0], [registered('d_bbbbbb01', { en: 'B' })]);
        const error = await store.append('m_one0000001', 1, b, [credential('m_one0000001', 'c_bbbbbb01')]).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ meetingId: 'm_one0000001', expectedSeq: 1 });
        expect(await store.readEvents('m_one0000001')).toEqual([...first, ...a]);
        expect(await store.findCredential('m_one0000001', 'hash-of-c_bbbbbb01')).toBeUndefined();
      });

      it('refuses an append ahead of the ledger, and the first event of a meeting that exists', async () => {
        const first = await startMeeting('m_one0000001');
        const ahead = eventsFor('m_one0000001', { ...first[0], seq: 5 }, [registered('d_aaaaaa01', { en: 'A' })]);
        await expect(store.append('m_one0000001', 5, ahead)).rejects.toBeInstanceOf(ConcurrencyError);
        const again = eventsFor('m_one0000001', undefined, [created('m_one0000001')]);
        await expect(store.append('m_one0000001', 0, again)).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readEvents('m_one0000001')).toEqual(first);
      });

      it('refuses an append to a meeting that does not exist yet unless it expects 0', async () => {
        const stray = eventsFor('m_one0000001', { seq: 3, hash: GENESIS_HASH } as LedgerEvent, [registered('d_aaaaaa01', { en: 'A' })]);
        await expect(store.append('m_one0000001', 3, stray)).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readEvents('m_one0000001')).toEqual([]);
      });

      it('lets exactly one of two appends racing from the same seq win', async () => {
        const first = await startMeeting('m_one0000001');
        const a = eventsFor('m_one0000001', first[0], [registered('d_aaaaaa01', { en: 'A' })]);
        const b = eventsFor('m_one0000001', first[0], [registered('d_bbbbbb01', { en: 'B' }), registered('d_bbbbbb02', { en: 'C' })]);
        const results = await Promise.allSettled([store.append('m_one0000001', 1, a), store.append('m_one0000001', 1, b)]);
        expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
        const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(lost.reason).toBeInstanceOf(ConcurrencyError);
        const read = await store.readEvents('m_one0000001');
        expect(read).toEqual([...first, ...(results[0].status === 'fulfilled' ? a : b)]);
      });

      it('refuses events that do not chain to the last event, even at the right seq', async () => {
        const first = await startMeeting('m_one0000001');
        // Decided on top of an event that never made it to the store (a pipelined commit that failed).
        const phantom = eventsFor('m_one0000001', first[0], [registered('d_aaaaaa01', { en: 'A' })]);
        const other = eventsFor('m_one0000001', first[0], [registered('d_bbbbbb01', { en: 'B' })]);
        await store.append('m_one0000001', 1, other);
        const onPhantom = eventsFor('m_one0000001', phantom[0], [registered('d_cccccc01', { en: 'C' })]);
        await expect(store.append('m_one0000001', 2, onPhantom)).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readEvents('m_one0000001')).toEqual([...first, ...other]);
      });

      it('writes nothing of a batch whose events do not follow the expected seq', async () => {
        const first = await startMeeting('m_one0000001');
        const [good] = eventsFor('m_one0000001', first[0], [registered('d_aaaaaa01', { en: 'A' })]);
        const gap = { ...good, seq: 4 };
        await expect(store.append('m_one0000001', 1, [good, gap])).rejects.toThrow();
        const wrongMeeting = { ...good, meetingId: 'm_two0000002' };
        await expect(store.append('m_one0000001', 1, [wrongMeeting])).rejects.toThrow();
        expect(await store.readEvents('m_one0000001')).toEqual(first);
        expect(await store.readEvents('m_two0000002')).toEqual([]);
      });
    });

    describe('credentials', () => {
      it('are written in the same transaction as the events that issue them', async () => {
        const first = await startMeeting('m_one0000001');
        const events = eventsFor('m_one0000001', first[0], [registered('d_aaaaaa01', { en: 'A' })]);
        await store.append('m_one0000001', 1, events, [credential('m_one0000001', 'c_aaaaaa01'), credential('m_one0000001', 'c_aaaaaa02')]);
        expect(await store.findCredential('m_one0000001', 'hash-of-c_aaaaaa01')).toEqual(credential('m_one0000001', 'c_aaaaaa01'));
        expect(await store.findCredential('m_one0000001', 'hash-of-c_aaaaaa02')).toEqual(credential('m_one0000001', 'c_aaaaaa02'));
      });

      it('are found only in their own meeting and by their exact hash', async () => {
        const events = eventsFor('m_one0000001', undefined, [created('m_one0000001')]);
        await store.append('m_one0000001', 0, events, [credential('m_one0000001', 'c_aaaaaa01')]);
        expect(await store.findCredential('m_two0000002', 'hash-of-c_aaaaaa01')).toBeUndefined();
        expect(await store.findCredential('m_one0000001', 'HASH-OF-C_AAAAAA01')).toBeUndefined();
        expect(await store.findCredential('m_one0000001', 'hash-of-c_aaaaaa0')).toBeUndefined();
      });

      it('leave no events behind when they cannot be written (a hash already taken)', async () => {
        const first = eventsFor('m_one0000001', undefined, [created('m_one0000001')]);
        await store.append('m_one0000001', 0, first, [credential('m_one0000001', 'c_aaaaaa01', 'same-hash')]);
        const events = eventsFor('m_one0000001', first[0], [registered('d_aaaaaa01', { en: 'A' })]);
        await expect(
          store.append('m_one0000001', 1, events, [credential('m_one0000001', 'c_bbbbbb01', 'same-hash')]),
        ).rejects.toThrow();
        expect(await store.readEvents('m_one0000001')).toEqual(first);
        expect(await store.findCredential('m_one0000001', 'same-hash')).toEqual(credential('m_one0000001', 'c_aaaaaa01', 'same-hash'));
      });
    });

    describe('sessions', () => {
      it('are found by token hash, as they were created', async () => {
        const plain = session('token-1', 'm_one0000001', 'c_aaaaaa01');
        const delegate = session('token-2', 'm_one0000001', 'c_aaaaaa02', { role: 'delegate', delegationId: 'd_aaaaaa01', name: 'مندوب' });
        await store.createSession(plain);
        await store.createSession(delegate);
        expect(await store.findSession('token-1')).toEqual(plain);
        expect(await store.findSession('token-2')).toEqual(delegate);
        expect(await store.findSession('token-3')).toBeUndefined();
      });

      it('end one at a time', async () => {
        await store.createSession(session('token-1', 'm_one0000001', 'c_aaaaaa01'));
        await store.createSession(session('token-2', 'm_one0000001', 'c_aaaaaa01'));
        await store.deleteSession('token-1');
        await store.deleteSession('token-none');
        expect(await store.findSession('token-1')).toBeUndefined();
        expect(await store.findSession('token-2')).toBeDefined();
      });

      it('end all together for one code of one meeting, and only those', async () => {
        await store.createSession(session('token-1', 'm_one0000001', 'c_aaaaaa01'));
        await store.createSession(session('token-2', 'm_one0000001', 'c_aaaaaa01'));
        await store.createSession(session('token-3', 'm_one0000001', 'c_bbbbbb01'));
        await store.createSession(session('token-4', 'm_two0000002', 'c_aaaaaa01'));
        await store.deleteSessionsOfCode('m_one0000001', 'c_aaaaaa01');
        expect(await store.findSession('token-1')).toBeUndefined();
        expect(await store.findSession('token-2')).toBeUndefined();
        expect(await store.findSession('token-3')).toBeDefined();
        expect(await store.findSession('token-4')).toBeDefined();
      });
    });

    describe('meetingIds', () => {
      it('lists every meeting once, in the order they were created', async () => {
        expect(await store.meetingIds()).toEqual([]);
        await startMeeting('m_zzz0000001', '2027-01-01T09:00:00.000Z');
        const b = await startMeeting('m_aaa0000002', '2027-01-02T09:00:00.000Z');
        await startMeeting('m_mmm0000003', '2027-01-03T09:00:00.000Z');
        await store.append('m_aaa0000002', 1, eventsFor('m_aaa0000002', b[0], [registered('d_aaaaaa01', { en: 'A' })]));
        expect(await store.meetingIds()).toEqual(['m_zzz0000001', 'm_aaa0000002', 'm_mmm0000003']);
      });
    });

    describe('collaborative texts', () => {
      const WRITER: Actor = { role: 'chair', name: 'Chair', codeId: 'c_chair00001' };
      const upd = (meetingId: string, docName: string, bytes: number[], at = '2027-01-27T10:00:00.000Z', actor = WRITER): DocUpdateInput => ({
        meetingId,
        docName,
        update: Uint8Array.from(bytes),
        actor,
        at,
      });
      const plain = (u: Uint8Array) => Array.from(u);

      it('numbers the updates of each document from 1, keeps documents and meetings apart, and reads back every byte', async () => {
        expect(await store.docHead('m_one0000001', 'recommendations')).toEqual({ seq: 0, hash: GENESIS_HASH });
        const seqs = await store.appendDocUpdates([
          upd('m_one0000001', 'recommendations', [0, 1, 2, 255]),
          upd('m_one0000001', 'introduction', [7]),
          upd('m_one0000001', 'recommendations', [3]),
          upd('m_two0000002', 'recommendations', [9, 9]),
        ]);
        expect(seqs.map((h) => h.seq)).toEqual([1, 1, 2, 1]);
        expect((await store.appendDocUpdates([upd('m_one0000001', 'recommendations', [4], '2027-01-27T10:01:00.000Z')])).map((h) => h.seq)).toEqual([3]);
        const read = await store.readDocUpdates('m_one0000001', 'recommendations');
        expect(read.map((r) => [r.seq, plain(r.update)])).toEqual([
          [1, [0, 1, 2, 255]],
          [2, [3]],
          [3, [4]],
        ]);
        expect(read[0].update).toBeInstanceOf(Uint8Array);
        expect(read[2]).toMatchObject({ actor: WRITER, at: '2027-01-27T10:01:00.000Z' });
        expect((await store.readDocUpdates('m_two0000002', 'recommendations')).map((r) => plain(r.update))).toEqual([[9, 9]]);
        expect((await store.docHead('m_one0000001', 'recommendations')).seq).toBe(3);
        expect(await store.docNames('m_one0000001')).toEqual(['introduction', 'recommendations']);
        expect(await store.docNames('m_none000000')).toEqual([]);
        expect(await store.appendDocUpdates([])).toEqual([]);
      });

      it('reads a range of updates: after one seq, up to another', async () => {
        await store.appendDocUpdates([1, 2, 3, 4, 5].map((b) => upd('m_one0000001', 'recommendations', [b])));
        const seqs = async (after?: number, upTo?: number) => (await store.readDocUpdates('m_one0000001', 'recommendations', after, upTo)).map((r) => r.seq);
        expect(await seqs(2)).toEqual([3, 4, 5]);
        expect(await seqs(0, 2)).toEqual([1, 2]);
        expect(await seqs(1, 4)).toEqual([2, 3, 4]);
        expect(await seqs(5)).toEqual([]);
      });

      it('keeps a large update whole', async () => {
        const big = new Uint8Array(256 * 1024).map((_, i) => (i * 31) % 256);
        await store.appendDocUpdates([{ ...upd('m_one0000001', 'recommendations', []), update: big }]);
        const [read] = await store.readDocUpdates('m_one0000001', 'recommendations');
        expect(read.update.byteLength).toBe(big.byteLength);
        expect(Buffer.compare(Buffer.from(read.update), Buffer.from(big))).toBe(0);
      });

      it('keeps checkpoints beside the updates they cover, and finds the latest at or before a seq', async () => {
        await store.appendDocUpdates([1, 2, 3, 4, 5].map((b) => upd('m_one0000001', 'recommendations', [b])));
        await store.saveDocSnapshot('m_one0000001', 'recommendations', { seq: 2, state: Uint8Array.from([20]), at: '2027-01-27T10:02:00.000Z', clients: { '17': 'c_chair00001' }, hash: 'h', signature: 's' });
        await store.saveDocSnapshot('m_one0000001', 'recommendations', { seq: 4, state: Uint8Array.from([40]), at: '2027-01-27T10:04:00.000Z', clients: {}, hash: 'h', signature: 's' });
        expect(await store.readDocSnapshot('m_one0000001', 'recommendations')).toMatchObject({ seq: 4, at: '2027-01-27T10:04:00.000Z', clients: {}, hash: 'h', signature: 's' });
        const at3 = await store.readDocSnapshot('m_one0000001', 'recommendations', 3);
        expect(at3).toMatchObject({ seq: 2, clients: { '17': 'c_chair00001' }, hash: 'h', signature: 's' });
        expect(plain(at3!.state)).toEqual([20]);
        expect(await store.readDocSnapshot('m_one0000001', 'recommendations', 1)).toBeUndefined();
        expect(await store.readDocSnapshot('m_one0000001', 'introduction')).toBeUndefined();
        expect(await store.listDocSnapshots('m_one0000001', 'recommendations')).toEqual([
          { seq: 2, at: '2027-01-27T10:02:00.000Z' },
          { seq: 4, at: '2027-01-27T10:04:00.000Z' },
        ]);
        // Checkpoints do not consume the updates: history stays complete.
        expect((await store.readDocUpdates('m_one0000001', 'recommendations')).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
        // The same seq again replaces; beyond the last update is refused.
        await store.saveDocSnapshot('m_one0000001', 'recommendations', { seq: 4, state: Uint8Array.from([41]), at: '2027-01-27T10:05:00.000Z', clients: {}, hash: 'h', signature: 's' });
        expect(plain((await store.readDocSnapshot('m_one0000001', 'recommendations'))!.state)).toEqual([41]);
        await expect(
          store.saveDocSnapshot('m_one0000001', 'recommendations', { seq: 6, state: Uint8Array.from([60]), at: '2027-01-27T10:06:00.000Z', clients: {}, hash: 'h', signature: 's' }),
        ).rejects.toThrow();
        await expect(
          store.saveDocSnapshot('m_one0000001', 'introduction', { seq: 1, state: Uint8Array.from([1]), at: '2027-01-27T10:06:00.000Z', clients: {}, hash: 'h', signature: 's' }),
        ).rejects.toThrow();
      });

      it('gives updates appended at once distinct seqs, in the order of the calls', async () => {
        const all = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.appendDocUpdates([upd('m_one0000001', 'recommendations', [i])])),
        );
        expect(all.flat().map((h) => h.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        const read = await store.readDocUpdates('m_one0000001', 'recommendations');
        expect(read.map((r) => plain(r.update)[0])).toEqual(read.map((r) => all.findIndex((s) => s[0].seq === r.seq)));
        expect(verifyDocChain('m_one0000001', 'recommendations', read)).toMatchObject({ ok: true, updates: 20 });
      });

      it('keeps updates and checkpoints across a reopen and goes on numbering', async () => {
        await store.appendDocUpdates([upd('m_one0000001', 'recommendations', [1]), upd('m_one0000001', 'recommendations', [2])]);
        await store.saveDocSnapshot('m_one0000001', 'recommendations', { seq: 2, state: Uint8Array.from([2, 2]), at: '2027-01-27T10:02:00.000Z', clients: {}, hash: 'h', signature: 's' });
        store = await subject.reopen();
        expect((await store.readDocUpdates('m_one0000001', 'recommendations')).map((r) => plain(r.update))).toEqual([[1], [2]]);
        expect(plain((await store.readDocSnapshot('m_one0000001', 'recommendations'))!.state)).toEqual([2, 2]);
        expect((await store.appendDocUpdates([upd('m_one0000001', 'recommendations', [3])])).map((h) => h.seq)).toEqual([3]);
      });
    });

    describe('the texts\' hash chain', () => {
      const WRITER: Actor = { role: 'chair', name: 'Chair', codeId: 'c_chair00001' };
      const upd = (bytes: number[], cause?: number): DocUpdateInput => ({
        meetingId: 'm_one0000001',
        docName: 'recommendations',
        update: Uint8Array.from(bytes),
        actor: WRITER,
        at: '2027-01-27T10:00:00.000Z',
        ...(cause === undefined ? {} : { cause }),
      });

      it('links every update to the one before it, across calls and a reopen, and returns each head', async () => {
        const first = await store.appendDocUpdates([upd([1]), upd([2])]);
        store = await subject.reopen();
        const [third] = await store.appendDocUpdates([upd([3], 7)]);
        const read = await store.readDocUpdates('m_one0000001', 'recommendations');
        expect(read.map((r) => r.hash)).toEqual([...first, third].map((h) => h.hash));
        expect(read[0].prevHash).toBe(GENESIS_HASH);
        expect(read[2]).toMatchObject({ prevHash: first[1].hash, cause: 7 });
        expect(read[0].cause).toBeUndefined();
        expect(verifyDocChain('m_one0000001', 'recommendations', read)).toEqual({ ok: true, updates: 3, head: third.hash });
        expect(await store.docHead('m_one0000001', 'recommendations')).toEqual(third);
      });

      it('records which decisions a text holds', async () => {
        await store.appendDocUpdates([upd([1]), upd([2], 12), upd([3], 5)]);
        expect(await store.docCauses('m_one0000001', 'recommendations')).toEqual([5, 12]);
        expect(await store.docCauses('m_one0000001', 'introduction')).toEqual([]);
      });

      it('keeps a checkpoint\'s hash and signature', async () => {
        const [head] = await store.appendDocUpdates([upd([1])]);
        await store.saveDocSnapshot('m_one0000001', 'recommendations', { seq: 1, state: Uint8Array.from([1]), at: '2027-01-27T10:02:00.000Z', clients: {}, hash: head.hash, signature: 'sig' });
        expect(await store.readDocSnapshot('m_one0000001', 'recommendations')).toMatchObject({ seq: 1, hash: head.hash, signature: 'sig' });
      });
    });

    describe('group commit', () => {
      it('writes each append of a batch on its own: a stale one fails alone, later ones of the same meeting build on earlier ones', async () => {
        const one = await startMeeting('m_one0000001');
        const two = await startMeeting('m_two0000002');
        const a = eventsFor('m_one0000001', one[0], [registered('d_aaaaaa01', { en: 'A' })]);
        const b = eventsFor('m_one0000001', a[0], [registered('d_aaaaaa02', { en: 'B' })]);
        const stale = eventsFor('m_two0000002', { ...two[0], seq: 4 }, [registered('d_bbbbbb01', { en: 'C' })]);
        const c = eventsFor('m_two0000002', two[0], [registered('d_bbbbbb02', { en: 'D' })]);
        const results = await store.appendMany([
          { meetingId: 'm_one0000001', expectedSeq: 1, events: a, credentials: [credential('m_one0000001', 'c_aaaaaa01')] },
          { meetingId: 'm_two0000002', expectedSeq: 4, events: stale, credentials: [credential('m_two0000002', 'c_bbbbbb01')] },
          { meetingId: 'm_one0000001', expectedSeq: 2, events: b },
          { meetingId: 'm_two0000002', expectedSeq: 1, events: c },
        ]);
        expect(results[0]).toBeUndefined();
        expect(results[1]).toBeInstanceOf(ConcurrencyError);
        expect(results.slice(2)).toEqual([undefined, undefined]);
        expect(await store.readEvents('m_one0000001')).toEqual([...one, ...a, ...b]);
        expect(await store.readEvents('m_two0000002')).toEqual([...two, ...c]);
        expect(await store.findCredential('m_one0000001', 'hash-of-c_aaaaaa01')).toBeDefined();
        expect(await store.findCredential('m_two0000002', 'hash-of-c_bbbbbb01')).toBeUndefined();
        expect(await store.appendMany([])).toEqual([]);
      });

      it('creates a meeting in a batch beside another meeting\'s append; a second creation of it fails alone', async () => {
        const one = await startMeeting('m_one0000001');
        const fresh = eventsFor('m_new0000003', undefined, [created('m_new0000003')]);
        const again = eventsFor('m_new0000003', undefined, [created('m_new0000003')], '2027-01-27T10:00:00.000Z');
        const a = eventsFor('m_one0000001', one[0], [registered('d_aaaaaa01', { en: 'A' })]);
        const results = await store.appendMany([
          { meetingId: 'm_new0000003', expectedSeq: 0, events: fresh },
          { meetingId: 'm_one0000001', expectedSeq: 1, events: a },
          { meetingId: 'm_new0000003', expectedSeq: 0, events: again },
        ]);
        expect(results[0]).toBeUndefined();
        expect(results[1]).toBeUndefined();
        expect(results[2]).toBeInstanceOf(ConcurrencyError);
        expect(await store.readEvents('m_new0000003')).toEqual(fresh);
        expect(await store.readEvents('m_one0000001')).toEqual([...one, ...a]);
      });
    });

    describe('state checkpoints', () => {
      it('keeps the latest per meeting; an older one does not replace a newer', async () => {
        expect(await store.readStateCheckpoint('m_one0000001')).toBeUndefined();
        const cp = (seq: number) => ({ seq, hash: `h${seq}`, state: JSON.stringify({ seq }), at: '2027-01-27T10:00:00.000Z', signature: `s${seq}` });
        await store.saveStateCheckpoint('m_one0000001', cp(5));
        await store.saveStateCheckpoint('m_one0000001', cp(9));
        await store.saveStateCheckpoint('m_one0000001', cp(7));
        expect(await store.readStateCheckpoint('m_one0000001')).toEqual(cp(9));
        store = await subject.reopen();
        expect(await store.readStateCheckpoint('m_one0000001')).toEqual(cp(9));
        expect(await store.readStateCheckpoint('m_two0000002')).toBeUndefined();
      });
    });

    describe('durability', () => {
      it('keeps events, credentials and sessions across a reopen', async () => {
        const first = await startMeeting('m_one0000001');
        const more = eventsFor('m_one0000001', first[0], [registered('d_aaaaaa01', { en: 'A' })]);
        await store.append('m_one0000001', 1, more, [credential('m_one0000001', 'c_aaaaaa01')]);
        await store.createSession(session('token-1', 'm_one0000001', 'c_aaaaaa01'));
        store = await subject.reopen();
        expect(await store.readEvents('m_one0000001')).toEqual([...first, ...more]);
        expect(await store.findCredential('m_one0000001', 'hash-of-c_aaaaaa01')).toBeDefined();
        expect(await store.findSession('token-1')).toEqual(session('token-1', 'm_one0000001', 'c_aaaaaa01'));
        expect(await store.meetingIds()).toEqual(['m_one0000001']);
        // The reopened store goes on from where the ledger stands.
        const next = eventsFor('m_one0000001', more[0], [registered('d_aaaaaa02', { en: 'B' })]);
        await expect(store.append('m_one0000001', 1, next)).rejects.toBeInstanceOf(ConcurrencyError);
        await store.append('m_one0000001', 2, next);
        expect(verifyChain(await store.readEvents('m_one0000001'))).toMatchObject({ ok: true, events: 3 });
      });

      it('can be closed twice', async () => {
        await store.close();
        await store.close();
      });
    });
  });
}
