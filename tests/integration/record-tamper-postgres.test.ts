/**
 * The tamper suite on PostgreSQL: with the server stopped, the record is
 * changed in the database (a stored update's words, the ledger's tail with
 * its head row moved back, the same with every checkpoint dropped); the
 * server started again on the same database finds each, refuses writes, and
 * a client that kept a later head is told.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { WS, type ClaimResult, type SignedHead } from '@gavel/shared';
import { PostgresStore } from '@gavel/server/store/postgres';
import { createTestDatabase, type TestDatabase } from '@gavel/server/store/postgres-test-db';
import { connect } from '../support/fixtures';
import { ok, setupNegotiation, type NegotiationFixture } from '../support/negotiation';
import { ApiClient, TestServer, tempDir, waitFor } from '../support/server';

const databases: TestDatabase[] = [];
const dirs: string[] = [];
let running: TestServer | undefined;
afterAll(async () => {
  await running?.stop().catch(() => {});
  for (const d of databases) await d.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 60_000);

let db: TestDatabase;
let dataDir: string;
let f: NegotiationFixture;
let kept: SignedHead;

async function start(): Promise<TestServer> {
  running = await TestServer.start({ dataDir, store: await PostgresStore.open(db.url, { max: 4 }) });
  return running;
}

/** Runs SQL on the test database as someone with access to it would (psql, from Debian's postgresql). */
const sql = (statement: string) => execFileSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', statement], { encoding: 'utf8' });

beforeEach(async () => {
  db = await createTestDatabase();
  databases.push(db);
  dataDir = tempDir('gavel-pg-tamper-');
  dirs.push(dataDir);
  const server = await start();
  f = await setupNegotiation(server);
  await ok(f.chair.command(f.meetingId, { type: 'adoption.decide', doc: 'recommendations', paragraphIds: [f.p[1]], outcome: 'adopted' }));
  await ok(f.secretariat.command(f.meetingId, { type: 'delegation.register', delegation: { category: 'observer_state', m49: '275' } }));
  kept = (await f.norway.client.request('GET', `/api/meetings/${f.meetingId}/record`)).body.signedHead;
  await server.stop();
  running = undefined;
}, 120_000);

async function expectFailedClosed(server: TestServer): Promise<{ where: string }> {
  const secretariat = new ApiClient(server.url, f.secretariat.token);
  const verify = async () => (await secretariat.request('GET', `/api/meetings/${f.meetingId}/ledger/verify`)).body;
  await waitFor(async () => (await verify()).ok === false, 10_000, 'the record to be found broken');
  const write = await secretariat.command(f.meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '242' } });
  expect(write.status).toBe(503);
  expect(write.body.error.code).toBe('record_broken');
  expect((await secretariat.request('GET', `/api/meetings/${f.meetingId}/state`)).status).toBe(200);
  return (await verify()).problem;
}

describe('the record after tampering with the PostgreSQL database', () => {
  it('finds the words of an adopted paragraph changed in a stored update', async () => {
    sql(`UPDATE doc_updates SET body = overlay(body placing convert_to('REITERATES', 'UTF8') from position(convert_to('reiterates', 'UTF8') in body) for 10)
         WHERE meeting_id = '${f.meetingId}' AND doc_name = 'recommendations' AND position(convert_to('reiterates', 'UTF8') in body) > 0`);
    sql(`DELETE FROM doc_snapshots WHERE meeting_id = '${f.meetingId}'`);
    const server = await start();
    expect(await expectFailedClosed(server)).toMatchObject({ where: 'text', doc: 'recommendations' });
  }, 60_000);

  it('finds the ledger\u2019s tail cut, its head row moved back (the signed state checkpoint covers it)', async () => {
    sql(`DELETE FROM events WHERE meeting_id = '${f.meetingId}' AND seq > ${kept.head.ledger.seq - 3}`);
    sql(`UPDATE ledger_heads SET seq = e.seq, hash = e.hash FROM events e WHERE ledger_heads.meeting_id = '${f.meetingId}' AND e.meeting_id = ledger_heads.meeting_id AND e.seq = ${kept.head.ledger.seq - 3}`);
    const server = await start();
    expect(await expectFailedClosed(server)).toMatchObject({ where: 'ledger' });
  }, 60_000);

  it('tells a client that kept a later head when the tail was cut and every checkpoint dropped', async () => {
    sql(`DELETE FROM events WHERE meeting_id = '${f.meetingId}' AND seq > ${kept.head.ledger.seq - 2}`);
    sql(`UPDATE ledger_heads SET seq = e.seq, hash = e.hash FROM events e WHERE ledger_heads.meeting_id = '${f.meetingId}' AND e.meeting_id = ledger_heads.meeting_id AND e.seq = ${kept.head.ledger.seq - 2}`);
    sql(`DELETE FROM state_checkpoints WHERE meeting_id = '${f.meetingId}'`);
    const server = await start();
    const socket = await connect(server.url, { token: f.norway.client.token });
    try {
      const answer: ClaimResult = await socket.timeout(5_000).emitWithAck(WS.recordClaim, kept);
      expect(answer).toMatchObject({ ok: false, problem: { where: 'head', seq: kept.head.ledger.seq } });
    } finally {
      socket.disconnect();
    }
    expect(await expectFailedClosed(server)).toMatchObject({ where: 'head' });
  }, 60_000);
});
