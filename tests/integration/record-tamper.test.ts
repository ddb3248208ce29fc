/**
 * Tampering with the record in the SQLite file while the server is stopped,
 * as someone with the database (but not the signing key) would: each change
 * is found when the server starts again, at the right place; the meeting
 * then refuses writes (reads go on) and /health says so; a client that saw a
 * later head raises the alarm.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashDocUpdate, hashEvent } from '@gavel/server/ledger/chain';
import { WS, type ClaimResult, type LedgerEvent, type SignedHead } from '@gavel/shared';
import { connect } from '../support/fixtures';
import { ok, readText, setupNegotiation, type NegotiationFixture } from '../support/negotiation';
import { ApiClient, TestServer, tempDir, waitFor } from '../support/server';

let dataDir: string;
let server: TestServer;
let f: NegotiationFixture;
/** The head a delegation's browser kept before the server stopped. */
let keptHead: SignedHead;
/** Where the adoption bound the text. */
let anchor: { seq: number; hash: string };

beforeEach(async () => {
  dataDir = tempDir('gavel-tamper-');
  server = await TestServer.start({ dataDir });
  f = await setupNegotiation(server);
  // Paragraph 50 adopted: the ledger binds the text's head.
  const events = await ok(f.chair.command(f.meetingId, { type: 'adoption.decide', doc: 'recommendations', paragraphIds: [f.p[1]], outcome: 'adopted' }));
  anchor = events[0].anchors!.recommendations;
  expect(anchor.seq).toBeGreaterThan(0);
  await ok(f.secretariat.command(f.meetingId, { type: 'delegation.register', delegation: { category: 'observer_state', m49: '275' } }));
  const record = await f.norway.client.request('GET', `/api/meetings/${f.meetingId}/record`);
  keptHead = record.body.signedHead;
  expect(keptHead.head.ledger.seq).toBe((await server.gavel.store.readEvents(f.meetingId)).length);
  await server.stop();
});
afterEach(async () => {
  if (running) await server.stop();
  running = false;
});
let running = false;

/** The same person's session on the restarted server (sessions are kept in the file). */
const on = (client: ApiClient) => new ApiClient(server.url, client.token);
const secretariat = () => on(f.secretariat);

/** Opens the stopped server's file, changes it, and starts the server again on it. */
async function tamper(change: (db: Database.Database, meetingId: string) => void): Promise<void> {
  const db = new Database(join(dataDir, 'gavel.sqlite'));
  try {
    change(db, f.meetingId);
  } finally {
    db.close();
  }
  server = await TestServer.start({ dataDir });
  running = true;
}

const events = (db: Database.Database, meetingId: string) =>
  (db.prepare('SELECT body FROM events WHERE meeting_id = ? ORDER BY seq').all(meetingId) as { body: string }[]).map((r) => JSON.parse(r.body) as LedgerEvent);
const setEvent = (db: Database.Database, e: LedgerEvent) =>
  db.prepare('UPDATE events SET body = ?, hash = ? WHERE meeting_id = ? AND seq = ?').run(JSON.stringify(e), e.hash, e.meetingId, e.seq);

interface UpdateRow {
  seq: number;
  at: string;
  actor: string;
  body: Buffer;
  prev_hash: string;
  hash: string;
  cause: number | null;
}
const updates = (db: Database.Database, meetingId: string) =>
  db.prepare('SELECT seq, at, actor, body, prev_hash, hash, cause FROM doc_updates WHERE meeting_id = ? AND doc_name = ? ORDER BY seq').all(meetingId, 'recommendations') as UpdateRow[];

/** Re-hashes a text's chain from its first update, as a careful forger would. */
function rehashText(db: Database.Database, meetingId: string): void {
  let prevHash = '0'.repeat(64);
  for (const u of updates(db, meetingId)) {
    const hash = hashDocUpdate({ meetingId, docName: 'recommendations', seq: u.seq, at: u.at, actor: JSON.parse(u.actor), update: new Uint8Array(u.body), prevHash, ...(u.cause === null ? {} : { cause: u.cause }) });
    db.prepare('UPDATE doc_updates SET prev_hash = ?, hash = ? WHERE meeting_id = ? AND doc_name = ? AND seq = ?').run(prevHash, hash, meetingId, 'recommendations', u.seq);
    prevHash = hash;
  }
}

const verify = () => secretariat().request('GET', `/api/meetings/${f.meetingId}/ledger/verify`);

/** The meeting refuses writes with a clear code, still answers reads, and /health says why. */
async function expectFailedClosed(): Promise<void> {
  await waitFor(async () => (await verify()).body.ok === false, 10_000, 'the record to be found broken');
  const write = await secretariat().command(f.meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '242' } });
  expect(write.status).toBe(503);
  expect(write.body.error.code).toBe('record_broken');
  expect((await secretariat().request('GET', `/api/meetings/${f.meetingId}/state`)).status).toBe(200);
  const health = await server.anonymous().request('GET', '/health');
  expect(health.body.record).toMatchObject({ ok: false, broken: [expect.objectContaining({ meetingId: f.meetingId })] });
}

describe('the record after tampering with the file', () => {
  it('passes untouched, after a restart, with the adoption bound to the text', async () => {
    server = await TestServer.start({ dataDir });
    running = true;
    const res = await verify();
    expect(res.body).toMatchObject({ ok: true, pendingDecisions: [] });
    expect(res.body.texts.recommendations.updates).toBeGreaterThanOrEqual(anchor.seq);
    const write = await secretariat().command(f.meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '242' } });
    expect(write.status).toBe(200);
    expect((await server.anonymous().request('GET', '/health')).body.record).toMatchObject({ ok: true });
  });

  it('finds the words of an adopted paragraph edited in a stored update', async () => {
    await tamper((db, m) => {
      const first = updates(db, m).find((u) => u.body.includes('reiterates'))!;
      const body = Buffer.from(first.body);
      body.write('REITERATES', body.indexOf('reiterates'), 'latin1');
      db.prepare('UPDATE doc_updates SET body = ? WHERE meeting_id = ? AND doc_name = ? AND seq = ?').run(body, m, 'recommendations', first.seq);
      // The checkpoints would otherwise hide the edit from loading; drop them as a forger would.
      db.prepare('DELETE FROM doc_snapshots WHERE meeting_id = ?').run(m);
    });
    await expectFailedClosed();
    expect((await verify()).body.problem).toMatchObject({ where: 'text', doc: 'recommendations', seq: expect.any(Number) });
  });

  it('finds the same edit with the text chain re-hashed: the ledger bound the text at the adoption', async () => {
    await tamper((db, m) => {
      const first = updates(db, m).find((u) => u.body.includes('reiterates'))!;
      const body = Buffer.from(first.body);
      body.write('REITERATES', body.indexOf('reiterates'), 'latin1');
      db.prepare('UPDATE doc_updates SET body = ? WHERE meeting_id = ? AND doc_name = ? AND seq = ?').run(body, m, 'recommendations', first.seq);
      rehashText(db, m);
      db.prepare('DELETE FROM doc_snapshots WHERE meeting_id = ?').run(m);
    });
    await expectFailedClosed();
    expect((await verify()).body.problem).toMatchObject({ where: 'text', doc: 'recommendations', seq: anchor.seq });
  });

  it('finds the last text update deleted (the signed checkpoint covers it)', async () => {
    await tamper((db, m) => {
      const last = updates(db, m).at(-1)!;
      db.prepare('DELETE FROM doc_updates WHERE meeting_id = ? AND doc_name = ? AND seq = ?').run(m, 'recommendations', last.seq);
    });
    // Loading the text finds it at once.
    await readText(Object.assign(secretariat(), { session: f.secretariat.session }), f.meetingId);
    await expectFailedClosed();
    expect((await verify()).body.problem).toMatchObject({ doc: 'recommendations' });
  });

  it('finds a text checkpoint whose contents were changed', async () => {
    await tamper((db, m) => {
      const row = db.prepare('SELECT seq, state FROM doc_snapshots WHERE meeting_id = ? ORDER BY seq DESC LIMIT 1').get(m) as { seq: number; state: Buffer };
      const state = Buffer.from(row.state);
      state.write('REITERATES', state.indexOf('reiterates'), 'latin1');
      db.prepare('UPDATE doc_snapshots SET state = ? WHERE meeting_id = ? AND seq = ?').run(state, m, row.seq);
    });
    await readText(Object.assign(secretariat(), { session: f.secretariat.session }), f.meetingId);
    await expectFailedClosed();
    expect((await verify()).body.problem).toMatchObject({ where: 'checkpoint', doc: 'recommendations' });
  });

  it('finds the tail of the ledger cut off (the signed state checkpoint covers it)', async () => {
    await tamper((db, m) => {
      const last = events(db, m).at(-1)!.seq;
      db.prepare('DELETE FROM events WHERE meeting_id = ? AND seq > ?').run(m, last - 3);
    });
    await expectFailedClosed();
    expect((await verify()).body.problem).toMatchObject({ where: 'ledger' });
  });

  it('finds events reordered', async () => {
    await tamper((db, m) => {
      const all = events(db, m);
      const [a, b] = all.slice(-3, -1);
      setEvent(db, { ...b, seq: a.seq } as LedgerEvent);
      setEvent(db, { ...a, seq: b.seq } as LedgerEvent);
    });
    await expectFailedClosed();
    const all = await server.gavel.store.readEvents(f.meetingId);
    expect((await verify()).body).toMatchObject({ brokenAt: all.at(-3)!.seq, problem: { where: 'ledger' } });
  });

  it('finds an edited event with every later hash recomputed (the checkpoint and the anchors no longer match)', async () => {
    await tamper((db, m) => {
      const all = events(db, m);
      const registration = all.find((e) => e.type === 'DelegationRegistered')!;
      let prevHash = registration.prevHash;
      for (const e of all.filter((x) => x.seq >= registration.seq)) {
        const changed = e.seq === registration.seq ? { ...e, at: '2000-01-01T00:00:00.000Z' } : e;
        const { hash: _old, ...unhashed } = { ...changed, prevHash };
        const sealed = { ...unhashed, hash: hashEvent(unhashed) } as LedgerEvent;
        setEvent(db, sealed);
        prevHash = sealed.hash;
      }
    });
    await expectFailedClosed();
    expect((await verify()).body.problem).toMatchObject({ where: 'ledger' });
  });

  it('tells a client that kept a later head, when the tail was cut and every checkpoint dropped', async () => {
    await tamper((db, m) => {
      const last = events(db, m).at(-1)!.seq;
      db.prepare('DELETE FROM events WHERE meeting_id = ? AND seq > ?').run(m, last - 2);
      db.prepare('DELETE FROM state_checkpoints WHERE meeting_id = ?').run(m);
    });
    // Nothing in the file itself shows the cut...
    expect((await verify()).body.ok).toBe(true);
    // ...but the delegation's browser kept the head the server signed before.
    const socket = await connect(server.url, { token: f.norway.client.token });
    try {
      const answer: ClaimResult = await socket.timeout(5_000).emitWithAck(WS.recordClaim, keptHead);
      expect(answer).toMatchObject({ ok: false, problem: { where: 'head', seq: keptHead.head.ledger.seq } });
    } finally {
      socket.disconnect();
    }
    await expectFailedClosed();
    // And an earlier export's head shows it to `verify` too.
    const again = await secretariat().request('POST', `/api/meetings/${f.meetingId}/ledger/verify`, { signedHead: keptHead });
    expect(again.body).toMatchObject({ ok: false, extendsGivenHead: false });
  });

  it('does not let a head the server never signed break the meeting', async () => {
    server = await TestServer.start({ dataDir });
    running = true;
    const forged = { ...keptHead, head: { ...keptHead.head, ledger: { seq: 999, hash: 'f'.repeat(64) } } };
    const socket = await connect(server.url, { token: f.norway.client.token });
    try {
      const answer: ClaimResult = await socket.timeout(5_000).emitWithAck(WS.recordClaim, forged);
      expect(answer).toMatchObject({ ok: false, problem: { where: 'head' } });
    } finally {
      socket.disconnect();
    }
    expect((await verify()).body.ok).toBe(true);
    expect((await secretariat().command(f.meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '242' } })).status).toBe(200);
  });
});
