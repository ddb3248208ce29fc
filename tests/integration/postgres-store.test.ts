/**
 * The whole server on PostgreSQL: a short meeting (commands, a text imported
 * and edited), then a restart on the same database, and everything is still
 * there: the ledger, the sessions, the text, the record's check.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import type { LedgerEvent } from '@gavel/shared';
import { docx } from '@gavel/server/drafting/docx-fixture';
import { PostgresStore } from '@gavel/server/store/postgres';
import { createTestDatabase, type TestDatabase } from '@gavel/server/store/postgres-test-db';
import { DraftClient } from '../support/draft-client';
import { setupMeeting, type MeetingFixture } from '../support/fixtures';
import { ApiClient, ok, TestServer, tempDir } from '../support/server';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let db: TestDatabase;
const dataDir = tempDir('gavel-pg-server-');
const servers: TestServer[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
  await db?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<TestServer> {
  const server = await TestServer.start({ dataDir, store: await PostgresStore.open(db.url, { max: 4 }) });
  servers.push(server);
  return server;
}

describe('Gavel on PostgreSQL', () => {
  it('runs a meeting, and a restart on the same database finds all of it', async () => {
    const first = await start();
    expect(first.gavel.store.kind).toBe('postgres');
    const f: MeetingFixture = await setupMeeting(first);
    await ok(f.secretariat, f.meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '004' } });

    // A text imported by the secretariat, then edited by the pen-holder over the socket.
    const file = docx([1, 2, 3].map((n) => ({ runs: [{ text: `${n}. Paragraph ${n} as drafted.` }] })));
    const imported = await fetch(`${first.url}/api/meetings/${f.meetingId}/drafts/recommendations/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.secretariat.token}`, 'content-type': DOCX },
      body: new Uint8Array(file),
    });
    expect(imported.status).toBe(200);
    const draft = async (client: ApiClient) => {
      const res = await client.request('GET', `/api/meetings/${f.meetingId}/drafts/recommendations`);
      expect(res.status).toBe(200);
      return res.body as { paragraphs: { id: string; number: number; text: string }[]; html: string };
    };
    const before = await draft(f.secretariat);
    expect(before.paragraphs.map((p) => p.text)).toEqual([1, 2, 3].map((n) => `Paragraph ${n} as drafted.`));
    const pen = await DraftClient.open(first.url, f.secretariat.token!);
    expect(await pen.edit(() => $appendToParagraph(before.paragraphs[1].id, [' Edited on PostgreSQL.']))).toEqual({ ok: true });
    pen.close();
    const edited = await draft(f.secretariat);
    expect(edited.paragraphs[1].text).toBe('Paragraph 2 as drafted. Edited on PostgreSQL.');

    const verified = await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/ledger/verify`);
    expect(verified.body).toMatchObject({ ok: true });
    const events = (await first.admin().request('GET', `/api/meetings/${f.meetingId}/events`)).body.events as LedgerEvent[];
    expect(events.filter((e) => e.type === 'DelegationRegistered')).toHaveLength(3);
    const updates = await first.gavel.store.readDocUpdates(f.meetingId, 'recommendations');
    expect(updates.length).toBeGreaterThan(0);
    await first.stop();

    // The same database, a new process's worth of state: nothing in memory survives but what PostgreSQL kept.
    const second = await start();
    const secretariat = new ApiClient(second.url, f.secretariat.token);
    expect((await second.admin().request('GET', `/api/meetings/${f.meetingId}/events`)).body.events).toEqual(events);
    expect(await second.gavel.store.readDocUpdates(f.meetingId, 'recommendations')).toEqual(updates);
    // The session signed in before the restart is still good; the text reads back as edited.
    expect(await draft(secretariat)).toEqual(edited);
    expect((await secretariat.request('GET', `/api/meetings/${f.meetingId}/ledger/verify`)).body).toMatchObject({ ok: true });
    // And the meeting goes on.
    await ok(secretariat, f.meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '008' } });
    expect(await second.gavel.store.readEvents(f.meetingId)).toHaveLength(events.length + 1);
  });
});
