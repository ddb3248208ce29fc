/**
 * The smaller things of the meeting day (issue 15, item 7), in English and
 * Arabic: adopting the agenda and taking up an item before it is adopted go
 * through the app's own dialogs, in the user's language (never the browser's
 * confirm); server refusals (sign-in included) read in the user's language
 * with no raw English; the Arabic console writes its digits one way; the
 * delegate's "More options" is a finger's height.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { UI_STRINGS } from '@gavel/shared/i18n/ui/index';
import { screenshot, signIn, serverAndBrowser } from '../support/browser';
import { ok } from '../support/server';

/** Fails the test if the page ever opens a native alert, confirm or prompt. */
function refuseNativeDialogs(page: Page, seen: string[]): void {
  page.on('dialog', (d) => {
    seen.push(d.message());
    void d.dismiss();
  });
}

/** The text a person sees in an element (closed disclosures excluded). */
const visibleText = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => (e as HTMLElement).innerText);

describe.each([{ lang: 'en' as const }, { lang: 'ar' as const }])('the meeting day’s details ($lang)', ({ lang }) => {
  const s = UI_STRINGS[lang];

  const env = serverAndBrowser();

  it('asks in the app’s own dialogs before adopting the agenda and before taking up an item of an agenda not adopted', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Conference officer');
    const chairCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes[0].code;
    const item = await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Non-punishment and non-prosecution of victims' });
    const itemId = item.events[0].payload.item.id;
    await ok(sec, meetingId, { type: 'meeting.open' });

    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const native: string[] = [];
    refuseNativeDialogs(page, native);
    await signIn(page, env.server.url, lang, meetingId, chairCode, 'Dominika Krois');
    const dialog = page.getByTestId('app-dialog');

    // Taking up an item first: a warning, and Cancel leaves it pending.
    await page.locator('.agenda-items button', { hasText: s.console.takeUp }).click();
    await dialog.waitFor();
    expect(await dialog.locator('h2').textContent()).toBe(s.dialog.takeUpTitle);
    expect(await dialog.locator('button[type="submit"]').textContent()).toBe(s.dialog.takeUpAnyway);
    await screenshot(page, `${lang}-chair-take-up-before-adoption`);
    await dialog.getByRole('button', { name: s.dialog.cancel }).click();
    await dialog.waitFor({ state: 'detached' });
    const state = async () => (await sec.request('GET', `/api/meetings/${meetingId}/state`)).body.state;
    expect((await state()).agenda.items[itemId].status).toBe('pending');

    // Adopting: the app's dialog, its button named for what it does.
    await page.locator('.agenda-panel > button.primary', { hasText: s.console.adoptAgenda }).click();
    await dialog.waitFor();
    expect(await dialog.locator('p').textContent()).toBe(s.console.adoptConfirm);
    await screenshot(page, `${lang}-chair-adopt-agenda-dialog`);
    await dialog.locator('button[type="submit"]').click();
    await page.locator('#agenda-panel-heading', { hasText: s.console.agendaAdopted }).waitFor();

    // Once adopted, taking up asks nothing.
    await page.locator('.agenda-items button', { hasText: s.console.takeUp }).click();
    await page.locator('.agenda-item.status-current').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(native).toEqual([]);

    if (lang === 'ar') {
      // One way of writing digits in the Arabic console: Arabic-Indic, except in what is marked left-to-right (symbols, codes).
      const latinDigits = await page.locator('main').evaluate((main) => {
        const found: string[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement;
          if (!parent || parent.closest('[dir="ltr"], kbd, .kbd') || !parent.checkVisibility()) continue;
          if (/[0-9]/.test(n.textContent ?? '')) found.push(n.textContent!.trim());
        }
        return found;
      });
      expect(latinDigits).toEqual([]);
    }
  });

  it('says why the env.server refused, in the user’s language, at sign-in and after', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Conference officer');
    const registered = await ok(sec, meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '818' } });
    const egyptId = registered.events[0].payload.delegation.id;
    const egyptCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'delegate', delegationId: egyptId })).issuedCodes[0].code;
    const item = await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Other matters' });
    await ok(sec, meetingId, { type: 'meeting.open' });
    await ok(sec, meetingId, { type: 'agenda.adopt' });
    await ok(sec, meetingId, { type: 'agenda.takeUp', itemId: item.events[0].payload.item.id });

    const phone = await env.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // A wrong code at sign-in.
    await phone.goto(env.server.url);
    await phone.locator('.language-picker select').selectOption(lang);
    await phone.locator('select').nth(1).selectOption(meetingId);
    await phone.locator('input[autocomplete="one-time-code"]').fill('AAAA-BBBB-CCCC');
    await phone.locator('input[autocomplete="name"]').fill('Delegate of Egypt');
    await phone.locator('button[type="submit"]').click();
    await phone.locator('.error').waitFor();
    expect(await phone.locator('.error .error-message').textContent()).toBe(s.error.invalid_code);
    if (lang === 'ar') expect(await visibleText(phone, '.error')).not.toMatch(/[A-Za-z]/);
    else expect(await visibleText(phone, '.error')).toContain('not valid for this meeting');
    await screenshot(phone, `${lang}-sign-in-refused`);

    // Asking for the floor twice: refused, in the user's language.
    await signIn(phone, env.server.url, lang, meetingId, egyptCode, 'Delegate of Egypt');
    await phone.getByTestId('ask-floor').click();
    await phone.getByTestId('my-place').waitFor();
    await phone.getByTestId('ask-floor').click();
    await phone.locator('.ask-floor .error').waitFor();
    expect(await phone.locator('.ask-floor .error .error-message').textContent()).toBe(s.error.already_exists);
    if (lang === 'ar') expect(await visibleText(phone, '.ask-floor .error')).not.toMatch(/[A-Za-z]/);
    // The server's English words stay one click away, for whoever reports the problem.
    if (lang === 'ar') {
      await phone.locator('.ask-floor .error summary').click();
      expect(await visibleText(phone, '.ask-floor .error')).toContain('already on the list of speakers');
    }

    // "More options" is a finger's height.
    const more = await phone.locator('.ask-floor > details > summary').boundingBox();
    expect(more!.height).toBeGreaterThanOrEqual(44);
    await screenshot(phone, `${lang}-phone-refused`);
  });

  it('writes dates and times in the user’s language on a 24-hour clock, not in the env.browser’s locale', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await signIn(page, env.server.url, lang, meetingId, secretariatCode, 'Conference officer');
    await page.locator('#tab-meeting').click();
    const start = page.locator('.date-field').first();
    const chosen = (part: string) => start.locator(`select.date-${part} option:checked`).textContent();
    expect(await chosen('d')).toBe(lang === 'ar' ? '٢٧' : '27');
    expect(await chosen('m')).toBe(lang === 'ar' ? 'كانون الثاني/يناير' : 'January');
    expect(await chosen('y')).toBe(lang === 'ar' ? '٢٠٢٧' : '2027');
    expect(await page.locator('input[type="date"], input[type="time"]').count()).toBe(0);
    await screenshot(page, `${lang}-setup-meeting-dates`);
    await page.locator('#tab-rules').click();
    const dayEnds = page.locator('input.time-field').first();
    expect(await dayEnds.inputValue()).toMatch(lang === 'ar' ? /^[٠-٩]{2}:[٠-٩]{2}$/ : /^\d{2}:\d{2}$/);
    // Typed in Arabic-Indic digits or Latin ones, it is kept as a 24-hour time.
    await dayEnds.fill(lang === 'ar' ? '١٩:٣٠' : '19:30');
    expect(await dayEnds.inputValue()).toBe(lang === 'ar' ? '١٩:٣٠' : '19:30');
    expect(await dayEnds.evaluate((e) => (e as HTMLInputElement).validity.valid)).toBe(true);
    await dayEnds.fill('7:30 PM');
    expect(await dayEnds.evaluate((e) => (e as HTMLInputElement).validity.valid)).toBe(false);
    await screenshot(page, `${lang}-setup-rules-time`);
  });
});
