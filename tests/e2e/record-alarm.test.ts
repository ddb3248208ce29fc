/**
 * The alarm a chair sees when the record went back: the chair's browser kept
 * the latest signed head; the server is stopped, the tail of the ledger cut
 * in its file (checkpoints removed too, so the file alone looks whole), and
 * started again on the same address. The browser reconnects by itself, sees
 * the record behind the head it kept, and shows the alarm; the server, shown
 * the head, refuses writes from then on.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { closePages, screenshot, sharedBrowser, signIn } from '../support/browser';
import { ApiClient, TestServer, tempDir, waitFor } from '../support/server';

describe.each([{ lang: 'en' }, { lang: 'ar' }])('the record alarm ($lang)', ({ lang }) => {
  let browser: Browser;
  let server: TestServer;
  const dataDir = tempDir('gavel-alarm-');

  beforeAll(async () => {
    browser = await sharedBrowser();
    server = await TestServer.start({ dataDir });
  });
  afterAll(async () => {
    await closePages(browser);
    await server?.stop();
  });

  it('shows the chair the alarm when the server comes back with a shorter record', async () => {
    const { meetingId, secretariatCode } = await server.createMeeting();
    const sec = await server.signIn(meetingId, secretariatCode, 'Officer');
    const chairCode = (await sec.command(meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' })).body.issuedCodes[0].code;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, server.url, lang, meetingId, chairCode, 'Dominika Krois');
    for (const m49 of ['578', '818', '586']) {
      expect((await sec.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49 } })).status).toBe(200);
    }
    const seq = (await server.gavel.meetings.state(meetingId))!.seq;
    // The browser keeps the head the server signed once the last registration was recorded.
    const kept = () => page.evaluate(([id]) => JSON.parse(localStorage.getItem(`gavel.head.${id}`) ?? 'null')?.head?.ledger?.seq as number | undefined, [meetingId]);
    await waitFor(async () => (await kept()) === seq, 10_000, 'the browser to keep the latest head');
    expect(await page.locator('[data-testid="record-alarm"]').count()).toBe(0);

    const port = Number(new URL(server.url).port);
    await server.stop();
    const db = new Database(join(dataDir, 'gavel.sqlite'));
    db.prepare('DELETE FROM events WHERE meeting_id = ? AND seq > ?').run(meetingId, seq - 2);
    db.prepare('DELETE FROM state_checkpoints WHERE meeting_id = ?').run(meetingId);
    db.close();
    server = await TestServer.start({ dataDir, port });

    const alarm = page.locator('[data-testid="record-alarm"]');
    await alarm.waitFor({ timeout: 20_000 });
    expect(await alarm.textContent()).toContain(lang === 'ar' ? 'لم يجتز سجل الاجتماع فحص السلامة' : 'failed its integrity check');
    await alarm.locator('summary').click();
    await screenshot(page, `${lang}-record-alarm`);
    // Shown the head it signed, the server knows the record was cut: writes are refused.
    const again = new ApiClient(server.url, sec.token);
    await waitFor(async () => (await again.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '242' } })).status === 503, 10_000, 'writes to be refused');
  });
});
