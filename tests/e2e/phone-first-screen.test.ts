/**
 * The delegate's phone (issue 15, item 3): at 390x844 the first screen,
 * without scrolling, shows the current item, the delegation's place and
 * estimated wait, and the button to ask for the floor; when its place moves
 * back (a State party inscribed ahead, a point of order) the phone says why.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, signIn, serverAndBrowser } from '../support/browser';
import { ok } from '../support/server';

const PHONE = { width: 390, height: 844 };

/** Wholly inside the first screen: the page not scrolled, the element between its top and bottom. */
async function inFirstScreen(page: Page, locator: Locator): Promise<void> {
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = await locator.boundingBox();
  expect(box, String(locator)).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, String(locator)).toBeLessThanOrEqual(PHONE.height);
}

describe.each([
  { lang: 'en', norway: 'Norway', brazil: 'Brazil', place: /2/, later: /3/, pointOfOrder: /point of order/i, stateParty: /State party/ },
  { lang: 'ar', norway: 'النرويج', brazil: 'البرازيل', place: /٢/, later: /٣/, pointOfOrder: /نقطة نظام/, stateParty: /دولة طرف/ },
])('the phone’s first screen ($lang)', ({ lang, norway, brazil, place, later, pointOfOrder, stateParty }) => {

  const env = serverAndBrowser();

  it('shows the item, the place, the wait and the button without scrolling, and says why the place moved', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Conference officer');
    const registered = await ok(sec, meetingId, {
      type: 'delegation.registerMany',
      delegations: [
        { category: 'state_party', m49: '578' },
        { category: 'state_party', m49: '076' },
        { category: 'signatory', m49: '818' },
      ],
    });
    const ids = Object.fromEntries(registered.events.map((e: any) => [e.payload.delegation.m49, e.payload.delegation.id]));
    const egyptCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'delegate', delegationId: ids['818'] })).issuedCodes[0].code;
    const item = await ok(sec, meetingId, {
      type: 'agenda.addItem',
      title: 'Non-punishment and non-prosecution of victims of trafficking in persons',
    });
    const itemId = item.events[0].payload.item.id;
    await ok(sec, meetingId, { type: 'meeting.open' });
    await ok(sec, meetingId, { type: 'agenda.adopt' });
    await ok(sec, meetingId, { type: 'agenda.takeUp', itemId });
    await ok(sec, meetingId, { type: 'speakers.request', itemId, delegationId: ids['076'] });

    const phone = await env.browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await signIn(phone, env.server.url, lang, meetingId, egyptCode, 'Delegate of Egypt');
    const ask = phone.getByTestId('ask-floor');
    await inFirstScreen(phone, ask);
    await inFirstScreen(phone, phone.getByTestId('current-item'));
    await ask.click();
    const myPlace = phone.getByTestId('my-place');
    await myPlace.waitFor();
    expect(await myPlace.textContent()).toMatch(place);
    await inFirstScreen(phone, myPlace);
    await inFirstScreen(phone, myPlace.getByTestId('my-wait'));
    await inFirstScreen(phone, phone.getByTestId('current-item'));
    await inFirstScreen(phone, ask);
    await screenshot(phone, `${lang}-phone-first-screen`);

    // Norway, a State party, asks after Egypt (a signatory) and goes ahead of it by the rules.
    await ok(sec, meetingId, { type: 'speakers.request', itemId, delegationId: ids['578'] });
    const why = phone.getByTestId('place-change');
    await why.filter({ hasText: norway }).waitFor();
    expect(await why.textContent()).toMatch(stateParty);
    expect(await myPlace.textContent()).toMatch(later);
    await inFirstScreen(phone, why);
    await inFirstScreen(phone, ask);

    // Brazil raises a point of order: it comes first.
    await ok(sec, meetingId, { type: 'speakers.request', itemId, delegationId: ids['076'], kind: 'point_of_order' });
    await why.filter({ hasText: pointOfOrder }).waitFor();
    expect(await why.textContent()).toContain(brazil);
    await inFirstScreen(phone, why);
    await inFirstScreen(phone, ask);
    await screenshot(phone, `${lang}-phone-place-moved`);
  });
});
