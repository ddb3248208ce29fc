import { describe, expect, it } from 'vitest';
import { screenshot, signIn, serverAndBrowser } from '../support/browser';
import { ok } from '../support/server';

describe.each([
  { lang: 'en', norway: 'Norway', meetingLanguage: 'en' as const },
  { lang: 'ar', norway: 'النرويج', meetingLanguage: 'ar' as const },
])('the floor, from a phone to the room screen ($lang)', ({ lang, norway, meetingLanguage }) => {

  const env = serverAndBrowser();

  it('a delegation asks for the floor, the chair gives it, every screen shows the speaker and the clock', async () => {
    const { meetingId, secretariatCode, viewerCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Conference officer');
    await ok(sec, meetingId, { type: 'meeting.update', changes: { language: meetingLanguage } });
    const registered = await ok(sec, meetingId, {
      type: 'delegation.registerMany',
      delegations: ['578', '818', '250', '076'].map((m49) => ({ category: 'state_party', m49 })),
    });
    const ids = Object.fromEntries(registered.events.map((e: any) => [e.payload.delegation.m49, e.payload.delegation.id]));
    const norwayCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'delegate', delegationId: ids['578'] })).issuedCodes[0].code;
    const chairCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes[0].code;
    const organizational = await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Organizational matters' });
    const parentId = organizational.events[0].payload.item.id;
    await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Opening of the meeting', parentId });
    await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Adoption of the agenda and organization of work', parentId });
    const item = await ok(sec, meetingId, {
      type: 'agenda.addItem',
      title: 'Non-punishment and non-prosecution of victims of trafficking in persons',
      documents: [{ symbol: 'CTOC/COP/WG.4/2010/4', title: 'Background paper prepared by the Secretariat' }],
    });
    const itemId = item.events[0].payload.item.id;
    expect(itemId).toBeTruthy();

    const chairApi = await env.server.signIn(meetingId, chairCode, 'Chair');
    await ok(chairApi, meetingId, { type: 'meeting.open' });
    await ok(chairApi, meetingId, { type: 'agenda.adopt' });
    await ok(chairApi, meetingId, { type: 'agenda.takeUp', itemId });
    await ok(chairApi, meetingId, { type: 'speakers.request', itemId, delegationId: ids['818'] });
    await ok(chairApi, meetingId, { type: 'speakers.request', itemId, delegationId: ids['250'], onBehalfOf: 'European Union' });

    const delegate = await env.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const chair = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const room = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });

    await signIn(delegate, env.server.url, lang, meetingId, norwayCode, 'Delegate of Norway');
    await delegate.locator('[data-testid="ask-floor"]').click();
    await delegate.locator('[data-testid="my-place"]').waitFor();
    expect(await delegate.locator('[data-testid="my-place"]').textContent()).toMatch(lang === 'ar' ? /٣/ : /3/);
    await screenshot(delegate, `${lang}-delegation-asked`);

    await signIn(chair, env.server.url, lang, meetingId, chairCode, 'Dominika Krois');
    await chair.locator('[data-testid="queue-row"]').nth(2).waitFor();
    expect(await chair.locator('[data-testid="queue-row"]').nth(2).textContent()).toContain(norway);
    await screenshot(chair, `${lang}-chair-console-queue`);

    // The chair gives the floor to Norway out of turn, from its row.
    await chair.locator('[data-testid="queue-row"]', { hasText: norway }).getByRole('button').first().click();
    await chair.locator('[data-testid="floor-current"] .floor-speaker', { hasText: norway }).waitFor();

    await delegate.locator('[data-testid="you-have-floor"]').waitFor();
    const remaining = Number(await delegate.locator('[data-testid="you-have-floor"] [data-testid="countdown"]').getAttribute('data-remaining-ms'));
    expect(remaining).toBeGreaterThan(150_000);
    expect(remaining).toBeLessThanOrEqual(180_000);
    await screenshot(delegate, `${lang}-delegation-has-floor`);

    await signIn(room, env.server.url, lang, meetingId, viewerCode, 'Projector');
    await room.goto(`${env.server.url}/screen`);
    await room.locator('[data-testid="room-speaker"]', { hasText: norway }).waitFor();
    expect(await room.locator('[data-testid="room-speaker"] [data-testid="countdown"]').count()).toBe(1);
    expect(await room.locator('.room-screen').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await screenshot(room, `${lang}-room-screen-speaker`);

    // The public view shows the same: the item and who has the floor.
    const publicPage = await env.browser.newPage({ viewport: { width: 1024, height: 768 } });
    await signIn(publicPage, env.server.url, lang, meetingId, viewerCode, 'Observer');
    await publicPage.locator('[data-testid="current-item"]', { hasText: 'Non-punishment' }).waitFor();
    await publicPage.locator('.floor-mini', { hasText: norway }).waitFor();
    await screenshot(publicPage, `${lang}-public-view`);

    // A point of order stands out on the chair's console at once.
    await ok(chairApi, meetingId, { type: 'speakers.request', itemId, delegationId: ids['076'], kind: 'point_of_order' });
    await chair.locator('[data-testid="point-of-order-alert"]').waitFor();
    await screenshot(chair, `${lang}-chair-console-point-of-order`);

    // "Next" (key N) gives the floor to the point of order first; Norway's statement is held, not ended.
    await chair.locator('body').press('n');
    await room.locator('[data-testid="room-speaker"].kind-point_of_order').waitFor();
    await screenshot(room, `${lang}-room-screen-point-of-order`);
    const state = (await chairApi.request('GET', `/api/meetings/${meetingId}/state`)).body.state;
    expect(state.statements).toEqual([]);
    expect(state.speakers.entries[state.floor.interrupted.entryId].delegationId).toBe(ids['578']);
  });
});
