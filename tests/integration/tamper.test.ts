/**
 * Tampering with a stored event, directly in the SQLite file, is caught by the
 * ledger check, which names the first broken event.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashEvent } from '@gavel/server/ledger/chain';
import type { LedgerEvent } from '@gavel/shared';
import { setupMeeting, type MeetingFixture } from '../support/fixtures';
import { TestServer } from '../support/server';

let server: TestServer;
let fixture: MeetingFixture;
let db: Database.Database;

beforeEach(async () => {
  server = await TestServer.start();
  fixture = await setupMeeting(server);
  // A second connection to the server's file, as someone with access to the disk would open it.
  db = new Database(join(server.dataDir, 'gavel.sqlite'));
});
afterEach(async () => {
  db.close();
  await server.stop();
});

const verify = () => fixture.secretariat.request('GET', `/api/meetings/${fixture.meetingId}/ledger/verify`);

function rewrite(seq: number, change: (event: LedgerEvent) => LedgerEvent) {
  const row = db.prepare('SELECT body FROM events WHERE meeting_id = ? AND seq = ?').get(fixture.meetingId, seq) as { body: string };
  const changed = change(JSON.parse(row.body) as LedgerEvent);
  const result = db.prepare('UPDATE events SET body = ? WHERE meeting_id = ? AND seq = ?').run(JSON.stringify(changed), fixture.meetingId, seq);
  expect(result.changes).toBe(1);
}

const registrationSeq = async () => {
  const events = await server.gavel.store.readEvents(fixture.meetingId);
  return events.find((e) => e.type === 'DelegationRegistered')!.seq;
};

describe('the ledger check', () => {
  it('passes on an untouched ledger', async () => {
    const res = await verify();
    expect(res.status).toBe(200);
    const events = await server.gavel.store.readEvents(fixture.meetingId);
    expect(res.body).toMatchObject({ ok: true, events: events.length, head: events.at(-1)!.hash, pendingDecisions: [] });
  });

  it('names the event whose payload was changed in the file', async () => {
    const seq = await registrationSeq();
    rewrite(seq, (e) => {
      const payload = e.payload as { delegation: { names: { en: string } } };
      payload.delegation.names.en = 'Narnia';
      return e;
    });
    const res = await verify();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, brokenAt: seq, reason: expect.stringMatching(/hash/) });
  });

  it('names a later event when only it was changed', async () => {
    const events = await server.gavel.store.readEvents(fixture.meetingId);
    const last = events.at(-1)!.seq;
    rewrite(last, (e) => ({ ...e, actor: { ...e.actor, name: 'Someone else' } }));
    expect((await verify()).body).toMatchObject({ ok: false, brokenAt: last });
  });

  it('names the next event when the changed one was given a matching hash', async () => {
    const seq = await registrationSeq();
    rewrite(seq, (e) => {
      const forged = { ...e, at: '2000-01-01T00:00:00.000Z' };
      return { ...forged, hash: hashEvent(forged) };
    });
    expect((await verify()).body).toMatchObject({ ok: false, brokenAt: seq + 1, reason: expect.stringMatching(/chain/) });
  });

  it('names the place of a deleted event', async () => {
    const seq = await registrationSeq();
    db.prepare('DELETE FROM events WHERE meeting_id = ? AND seq = ?').run(fixture.meetingId, seq);
    expect((await verify()).body).toMatchObject({ ok: false, brokenAt: seq + 1 });
  });
});
