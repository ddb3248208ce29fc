import { describe, expect, it } from 'vitest';
import { screenshot, signIn, serverAndBrowser } from '../support/browser';

/** Signs in through the sign-in page, choosing the language on the way. */
describe.each([
  { lang: 'en', norway: 'Norway', registered: 'Norway is registered.' },
  { lang: 'ar', norway: 'النرويج', registered: 'النرويج' },
])('registering a delegation, seen live ($lang)', ({ lang, norway }) => {

  const env = serverAndBrowser();

  it('the secretariat registers Norway and a delegate sees it appear', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Setup script');
    const egypt = await sec.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '818' } });
    const egyptId = egypt.body.events[0].payload.delegation.id;
    const issued = await sec.command(meetingId, { type: 'access.issue', role: 'delegate', delegationId: egyptId, label: 'Egypt' });
    const egyptCode = issued.body.issuedCodes[0].code;

    const secretariat = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const delegate = await env.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    await signIn(secretariat, env.server.url, lang, meetingId, secretariatCode, 'Conference officer');
    expect(await secretariat.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
    await screenshot(secretariat, `${lang}-setup-participants-before`);

    await signIn(delegate, env.server.url, lang, meetingId, egyptCode, 'Delegate of Egypt');
    await delegate.locator('[data-testid="my-delegation"]').waitFor();
    expect(await delegate.locator('[data-testid="delegation"]').allTextContents()).not.toContain(norway);
    await screenshot(delegate, `${lang}-delegation-before`);

    // Pick Norway by typing its name in the UI's language.
    const picker = secretariat.locator('form[aria-labelledby="register-state"] input[role="combobox"]');
    await picker.fill(norway.slice(0, 4));
    await secretariat.getByRole('option', { name: new RegExp(norway) }).first().click();
    await secretariat.locator('form[aria-labelledby="register-state"] button[type="submit"]').click();
    await secretariat.locator('form[aria-labelledby="register-state"] .success').waitFor();

    // The delegate's list shows Norway without reloading.
    await delegate.locator('[data-testid="delegation"]', { hasText: norway }).waitFor({ timeout: 10_000 });
    await screenshot(delegate, `${lang}-delegation-after`);
    await screenshot(secretariat, `${lang}-setup-participants-after`);

    const state = await sec.request('GET', `/api/meetings/${meetingId}/state`);
    const norwayRecord = Object.values(state.body.state.delegations).find((d: any) => d.m49 === '578') as any;
    expect(norwayRecord).toMatchObject({ category: 'state_party', names: { en: 'Norway', ar: 'النرويج' } });

    // The other set-up screens, for the record.
    for (const [tab, name] of [
      ['tab-codes', 'codes'],
      ['tab-persons', 'persons'],
      ['tab-meeting', 'meeting'],
    ]) {
      await secretariat.locator(`#${tab}`).click();
      await screenshot(secretariat, `${lang}-setup-${name}`);
    }
    await secretariat.goto(`${env.server.url}/screen`);
    await secretariat.locator('.room-screen').waitFor();
    await screenshot(secretariat, `${lang}-room-screen`);
  });
});
