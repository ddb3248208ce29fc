/**
 * The meeting day (issue 15), in English and in Arabic: points of order that
 * hold the speaker, the list reordered by dragging, a speaker who waits and
 * gets the floor back, the room screens and their messages, reading for
 * adoption with one key per decision, the speaker's name in the log.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signIn, serverAndBrowser } from '../support/browser';
import { TestServer, ok, waitFor, type ApiClient } from '../support/server';
import { importRecommendations, readText } from '../support/negotiation';

const LANGS = [
  { lang: 'en', names: { norway: 'Norway', egypt: 'Egypt', brazil: 'Brazil', france: 'France' } },
  { lang: 'ar', names: { norway: 'النرويج', egypt: 'مصر', brazil: 'البرازيل', france: 'فرنسا' } },
] as const;

const M49 = { norway: '578', egypt: '818', brazil: '076', france: '250' } as const;

/** A meeting in the given language, opened, its agenda adopted, one substantive item taken up. */
async function meetingUnderWay(server: TestServer, language: string) {
  const { meetingId, secretariatCode, viewerCode } = await server.createMeeting();
  const sec = await server.signIn(meetingId, secretariatCode, 'Conference officer');
  await ok(sec, meetingId, { type: 'meeting.update', changes: { language } });
  const registered = await ok(sec, meetingId, {
    type: 'delegation.registerMany',
    delegations: Object.values(M49).map((m49) => ({ category: 'state_party', m49 })),
  });
  const byM49 = Object.fromEntries(registered.events.map((e: any) => [e.payload.delegation.m49, e.payload.delegation.id]));
  const ids = Object.fromEntries(Object.entries(M49).map(([k, m49]) => [k, byM49[m49] as string])) as Record<keyof typeof M49, string>;
  const chairCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes[0].code as string;
  const item = await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Non-punishment and non-prosecution of victims of trafficking in persons' });
  const itemId = item.events[0].payload.item.id as string;
  const chairApi = await server.signIn(meetingId, chairCode, 'Chair');
  await ok(chairApi, meetingId, { type: 'meeting.open' });
  await ok(chairApi, meetingId, { type: 'agenda.adopt' });
  await ok(chairApi, meetingId, { type: 'agenda.takeUp', itemId });
  return { meetingId, sec, viewerCode, chairCode, chairApi, ids, itemId };
}

async function stateOf(api: ApiClient, meetingId: string) {
  return (await api.request('GET', `/api/meetings/${meetingId}/state`)).body.state;
}

async function remainingMs(page: Page, scope: string): Promise<number> {
  return Number(await page.locator(`${scope} [data-testid="countdown"]`).first().getAttribute('data-remaining-ms'));
}

describe.each(LANGS)('the meeting day ($lang)', ({ lang, names }) => {

  const env = serverAndBrowser();

  it('N with a point of order waiting holds the speaker, who gets the floor back with the time left', async () => {
    const m = await meetingUnderWay(env.server, lang);
    await ok(m.chairApi, m.meetingId, { type: 'speakers.request', itemId: m.itemId, delegationId: m.ids.norway });
    await ok(m.chairApi, m.meetingId, { type: 'speakers.request', itemId: m.itemId, delegationId: m.ids.egypt });
    const chair = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(chair, env.server.url, lang, m.meetingId, m.chairCode, 'Dominika Krois');
    await chair.locator('[data-testid="next-speaker"][data-act="next"]', { hasText: names.norway }).waitFor();
    await chair.locator('body').press('n');
    await chair.locator('[data-testid="floor-current"] .floor-speaker', { hasText: names.norway }).waitFor();

    await ok(m.chairApi, m.meetingId, { type: 'speakers.request', itemId: m.itemId, delegationId: m.ids.brazil, kind: 'point_of_order' });
    // The big button says what N will do: the point of order, Norway waiting.
    const button = chair.locator('[data-testid="next-speaker"][data-act="point_of_order"]');
    await button.waitFor();
    expect(await button.textContent()).toContain(names.brazil);
    expect(await button.textContent()).toContain(names.norway);
    await screenshot(chair, `${lang}-day-point-of-order-waiting`);

    await chair.locator('body').press('n');
    await chair.locator('[data-testid="floor-current"] .floor-speaker', { hasText: names.brazil }).waitFor();
    await chair.locator('[data-testid="floor-held"]', { hasText: names.norway }).waitFor();
    const held = (await stateOf(m.chairApi, m.meetingId)).floor.interrupted;
    expect(held.entryId).toBeTruthy();
    const leftWhenHeld = 180_000 - (Date.parse(held.pausedAt) - Date.parse(held.startedAt));
    // Nothing was recorded for Norway: its statement is held, not ended.
    expect((await stateOf(m.chairApi, m.meetingId)).statements).toEqual([]);
    // Let the point of order run for two seconds on Brazil's own clock.
    await waitFor(async () => (await remainingMs(chair, '[data-testid="floor-current"]')) <= 118_000, 10_000, 'two seconds of the point of order');
    await chair.locator('[data-testid="next-speaker"][data-act="give_back"]', { hasText: names.norway }).waitFor();
    await screenshot(chair, `${lang}-day-point-of-order-holds`);

    await chair.locator('body').press('n');
    await chair.locator('[data-testid="floor-current"] .floor-speaker', { hasText: names.norway }).waitFor();
    const state = await stateOf(m.chairApi, m.meetingId);
    expect(state.floor).toMatchObject({ entryId: held.entryId, pausedAt: null, interrupted: null });
    expect(state.statements.map((s: any) => [s.delegationId, s.capacity])).toEqual([[m.ids.brazil, 'point_of_order']]);
    // Norway resumes with the time it had when the point of order was raised, less the moment since.
    const left = await remainingMs(chair, '[data-testid="floor-current"]');
    // (The page's clock is the server's, estimated from a round trip: within a few tens of milliseconds.)
    expect(left).toBeLessThanOrEqual(leftWhenHeld + 300);
    expect(left).toBeGreaterThan(leftWhenHeld - 1_500);
    await chair.close();
  });

  it('the chair reorders the list by dragging, and gives the floor to a speaker while another waits', async () => {
    const m = await meetingUnderWay(env.server, lang);
    for (const d of [m.ids.norway, m.ids.egypt, m.ids.brazil, m.ids.france]) {
      await ok(m.chairApi, m.meetingId, { type: 'speakers.request', itemId: m.itemId, delegationId: d });
    }
    const chair = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(chair, env.server.url, lang, m.meetingId, m.chairCode, 'Dominika Krois');
    const rows = chair.locator('[data-testid="queue-row"]');
    await rows.nth(3).waitFor();
    // France, last, dragged onto Egypt's place.
    await rows.filter({ hasText: names.france }).dragTo(rows.filter({ hasText: names.egypt }));
    await waitFor(async () => (await rows.nth(1).textContent())?.includes(names.france), 10_000, 'France second');
    const queue = (await stateOf(m.chairApi, m.meetingId)).speakers.lists[m.itemId].queue;
    expect(queue.length).toBe(4);
    // Dragged down: Norway below Egypt.
    await rows.filter({ hasText: names.norway }).dragTo(rows.filter({ hasText: names.egypt }));
    await waitFor(async () => (await rows.nth(2).textContent())?.includes(names.norway), 10_000, 'Norway third');
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining(names.france),
      expect.stringContaining(names.egypt),
      expect.stringContaining(names.norway),
      expect.stringContaining(names.brazil),
    ]);
    await screenshot(chair, `${lang}-day-queue-dragged`);

    await chair.locator('body').press('n');
    await chair.locator('[data-testid="floor-current"] .floor-speaker', { hasText: names.france }).waitFor();
    // Egypt speaks while France waits; the end of Egypt's statement gives the floor back to France.
    await rows.filter({ hasText: names.egypt }).locator('[data-testid="give-holding"]').click();
    await chair.locator('[data-testid="floor-current"] .floor-speaker', { hasText: names.egypt }).waitFor();
    await chair.locator('[data-testid="floor-held"]', { hasText: names.france }).waitFor();
    await screenshot(chair, `${lang}-day-speaker-waits`);
    await chair.locator('body').press('e');
    await chair.locator('[data-testid="floor-current"] .floor-speaker', { hasText: names.france }).waitFor();
    const state = await stateOf(m.chairApi, m.meetingId);
    expect(state.floor.pausedAt).toBeNull();
    expect(state.statements.map((s: any) => s.delegationId)).toEqual([m.ids.egypt]);
    await chair.close();
  });

  it('the chair records who spoke for a delegation with one click; the log and the report name them', async () => {
    const m = await meetingUnderWay(env.server, lang);
    await ok(m.sec, m.meetingId, { type: 'person.register', name: 'Ingrid Berg', title: 'Ms.', function: 'representative', delegationId: m.ids.norway });
    await ok(m.chairApi, m.meetingId, { type: 'speakers.request', itemId: m.itemId, kind: 'panellist', delegationId: m.ids.norway, speakerName: 'Venla Roth' });
    await ok(m.chairApi, m.meetingId, { type: 'speakers.request', itemId: m.itemId, delegationId: m.ids.egypt });
    const chair = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(chair, env.server.url, lang, m.meetingId, m.chairCode, 'Dominika Krois');
    await chair.locator('[data-testid="queue-row"]').nth(1).waitFor();
    await chair.locator('body').press('n');
    // The panellist announced was not the one who came: one click names the delegation's registered person.
    await chair.locator('[data-testid="name-speaker"]').getByRole('button', { name: 'Ms. Ingrid Berg' }).click();
    await chair.locator('[data-testid="name-speaker"] button[aria-pressed="true"]', { hasText: 'Ingrid Berg' }).waitFor();
    await chair.locator('body').press('n');
    await chair.locator('[data-testid="floor-current"] .floor-speaker', { hasText: names.egypt }).waitFor();
    await chair.locator('[data-testid="speaker-typed"]').fill('Amr Hassan');
    await chair.locator('[data-testid="speaker-typed"]').press('Enter');
    await chair.locator('[data-testid="speaker-name"]', { hasText: 'Amr Hassan' }).waitFor();
    await screenshot(chair, `${lang}-day-speaker-named`);
    await chair.locator('body').press('e');
    await chair.locator('[data-testid="floor-current"]').waitFor({ state: 'detached' });

    const log = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const secCode = (await ok(m.sec, m.meetingId, { type: 'access.issue', role: 'secretariat', label: 'Officer' })).issuedCodes[0].code;
    await signIn(log, env.server.url, lang, m.meetingId, secCode, 'Conference officer');
    await log.goto(`${env.server.url}/setup?tab=statements&item=${m.itemId}`);
    const statements = log.locator('[data-testid="statement"]');
    await statements.nth(1).waitFor();
    expect(await statements.nth(0).textContent()).toContain('Ingrid Berg');
    expect(await statements.nth(1).textContent()).toContain('Amr Hassan');
    await screenshot(log, `${lang}-day-statements-log-named`);

    // The report names the panellist who presented.
    await log.goto(`${env.server.url}/report`);
    await log.getByText('Ingrid Berg').first().waitFor();
    expect(await log.locator('body').textContent()).not.toContain('Venla Roth');
    await log.close();
    await chair.close();
  });

  it('the room screen at 1920x1080 shows ten next speakers, a large clock, a point of order in red; a second screen shows a message in six languages', async () => {
    const m = await meetingUnderWay(env.server, lang);
    const more = await ok(m.sec, m.meetingId, {
      type: 'delegation.registerMany',
      delegations: ['124', '484', '710', '392', '356', '036', '724', '032', '152'].map((m49) => ({ category: 'state_party', m49 })),
    });
    const speakers = [m.ids.norway, m.ids.egypt, m.ids.france, ...more.events.map((e: any) => e.payload.delegation.id)];
    for (const d of speakers) await ok(m.chairApi, m.meetingId, { type: 'speakers.request', itemId: m.itemId, delegationId: d });
    await ok(m.chairApi, m.meetingId, { type: 'speakers.next', itemId: m.itemId, expectedCurrent: null });

    const room = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signIn(room, env.server.url, lang, m.meetingId, m.viewerCode, 'Projector');
    await room.goto(`${env.server.url}/screen`);
    await room.locator('[data-testid="room-speaker"]', { hasText: names.norway }).waitFor();
    const next = room.locator('[data-testid="room-next-speaker"]');
    await next.nth(9).waitFor();
    expect(await next.count()).toBe(10);
    await screenshot(room, `${lang}-day-room-screen-ten`);
    // All ten inside the projector's picture, none cut off or scrolled away.
    for (let i = 0; i < 10; i++) {
      const box = (await next.nth(i).boundingBox())!;
      expect(box.y + box.height, `speaker ${i + 1}`).toBeLessThanOrEqual(1080);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1920);
    }
    expect(await room.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
    const captionPx = await room.locator('[data-testid="room-speaker"] .countdown-caption').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(captionPx).toBeGreaterThanOrEqual(36);

    // A point of order: first in the list in red, then on the floor in red, Norway waiting with its time.
    await ok(m.chairApi, m.meetingId, { type: 'speakers.request', itemId: m.itemId, delegationId: m.ids.brazil, kind: 'point_of_order' });
    await room.locator('[data-testid="room-next-speaker"].kind-point_of_order', { hasText: names.brazil }).waitFor();
    const norwayOnFloor = (await stateOf(m.chairApi, m.meetingId)).floor.entryId;
    await ok(m.chairApi, m.meetingId, { type: 'speakers.next', itemId: m.itemId, expectedCurrent: norwayOnFloor });
    const pointOfOrder = room.locator('[data-testid="room-speaker"].kind-point_of_order', { hasText: names.brazil });
    await pointOfOrder.waitFor();
    expect(await pointOfOrder.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(122, 20, 16)');
    await room.locator('[data-testid="room-held"]', { hasText: names.norway }).waitFor();
    await screenshot(room, `${lang}-day-room-screen-point-of-order`);

    // The chair adds a second screen and puts a message on it; the main screen keeps the speakers.
    const chair = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(chair, env.server.url, lang, m.meetingId, m.chairCode, 'Dominika Krois');
    await chair.locator('.screen-add summary').click();
    await chair.locator('[data-testid="screen-new"]').fill('2');
    await chair.locator('[data-testid="screen-new"]').press('Enter');
    await chair.locator('[data-testid="screen-pick-2"][aria-pressed="true"]').waitFor();
    await chair.locator('[data-testid="screen-mode-message"]').click();
    await chair.locator('[data-testid="screen-message-editor"] summary').click();
    await chair.locator('[data-testid="screen-message-time"]').fill('15:00');
    await chair.locator('[data-testid="screen-message-put"]').click();
    await chair.locator('[data-testid="screen-message-now"]').waitFor();
    await screenshot(chair, `${lang}-day-chair-screens`);

    const second = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signIn(second, env.server.url, lang, m.meetingId, m.viewerCode, 'Projector 2');
    await second.goto(`${env.server.url}/screen?screen=2`);
    const message = second.locator('[data-testid="room-message"]');
    await message.waitFor();
    expect(await message.locator('.room-message-main').textContent()).toBe(
      lang === 'ar' ? 'عُلِّقت الجلسة حتى الساعة ١٥:٠٠.' : 'The meeting is suspended until 15:00.',
    );
    // The other five languages below it, once their dictionaries (fetched on demand) have come.
    await expect.poll(() => message.locator('.room-message-others li').count(), { timeout: 15_000 }).toBe(5);
    expect(await message.locator('.room-message-others li').allTextContents()).toEqual(
      expect.arrayContaining(['La séance est suspendue jusqu’à 15:00.', '会议暂停，至15:00继续。', 'Заседание прерывается до 15:00.']),
    );
    await screenshot(second, `${lang}-day-room-screen-message`);
    expect(await room.locator('[data-testid="room-message"]').count()).toBe(0);
    expect(await room.locator('[data-testid="room-speaker"]').count()).toBe(1);

    // On the main screen, a message runs as a band above the speakers.
    await chair.locator('[data-testid="screen-pick-1"]').click();
    await chair.locator('[data-testid="screen-message-editor"] summary').click();
    await chair.locator('[data-testid="screen-message-kind"]').selectOption('consultations');
    await chair.locator('[data-testid="screen-message-room"]').fill('C');
    await chair.locator('[data-testid="screen-message-put"]').click();
    await room.locator('[data-testid="room-band"]', { hasText: lang === 'ar' ? 'مشاورات غير رسمية في القاعة C' : 'Informal consultations in room C' }).waitFor();
    await screenshot(room, `${lang}-day-room-screen-band`);
    await Promise.all([room.close(), second.close(), chair.close()]);
  });

  it('reading for adoption: the paragraph on the room screen, one key per decision, then the next open paragraph', async () => {
    const m = await meetingUnderWay(env.server, lang);
    await importRecommendations(
      m.sec,
      m.meetingId,
      [
        'A. Non-punishment of victims',
        '1. States parties should consider establishing procedures for identifying victims.',
        '2. States parties should ensure that victims are not punished for unlawful acts.',
        '3. States parties should consider providing legal assistance to victims.',
        '4. States parties should train criminal justice practitioners.',
      ].join('\n'),
    );
    const p = Object.fromEntries((await readText(m.sec, m.meetingId)).paragraphs.map((x) => [x.number, x.id]));
    const chair = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(chair, env.server.url, lang, m.meetingId, m.chairCode, 'Dominika Krois');
    const room = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signIn(room, env.server.url, lang, m.meetingId, m.viewerCode, 'Projector');
    await room.goto(`${env.server.url}/screen`);

    await chair.locator('[data-testid="console-tab-reading"]').click();
    const number = chair.locator('[data-testid="reading-number"]');
    const onScreen = async () => (await stateOf(m.chairApi, m.meetingId)).screen;
    const digits = (x: number) => (lang === 'ar' ? String(x).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]) : String(x));
    // The reading starts with the first open paragraph, on the room screen.
    await number.filter({ hasText: digits(1) }).waitFor();
    await waitFor(async () => (await onScreen()).paragraphId === p[1], 10_000, 'paragraph 1 on the room screen');
    await room.locator('[data-testid="paragraph-on-screen"]', { hasText: 'identifying victims' }).waitFor();
    await screenshot(chair, `${lang}-day-reading`);
    await screenshot(room, `${lang}-day-reading-room-screen`);

    const press = async (key: string, thenNumber: number) => {
      await chair.locator('body').press(key);
      await number.filter({ hasText: digits(thenNumber) }).waitFor();
    };
    await press('a', 2);
    await room.locator('[data-testid="paragraph-on-screen"]', { hasText: 'not punished' }).waitFor();
    await press('d', 3);
    await press('r', 4);
    // No consensus on 4; the deferred paragraph 2 comes back.
    await press('x', 2);
    await chair.locator('body').press('a');
    await chair.locator('[data-testid="reading-panel"]').getByText(lang === 'ar' ? /قُرئت جميع الفقرات/ : /Every paragraph has been read/).waitFor();
    await screenshot(chair, `${lang}-day-reading-done`);
    const statuses = Object.fromEntries((await readText(m.sec, m.meetingId)).paragraphs.map((x) => [x.number, x.status]));
    expect(statuses).toEqual({ 1: 'adopted', 2: 'adopted', 3: 'agreed_ad_ref', 4: 'no_consensus' });
    await Promise.all([chair.close(), room.close()]);
  });
});
