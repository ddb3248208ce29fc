/**
 * The delegate's phone does not wait for its socket to show the floor (issue
 * 14): the page's first script asks for the meeting's state over HTTP while
 * the app downloads, the view shows it, and a tap on "Ask for the floor"
 * made before the socket is up goes through once it is. The socket is held
 * back here until the tap, so the view can only have come from that request.
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from '../support/browser';
import { ok } from '../support/server';

describe('the phone’s first screen before its socket', () => {

  const env = serverAndBrowser();

  it('shows the floor from the state fetched by the page, and takes a request made before the socket is up', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Conference officer');
    const registered = await ok(sec, meetingId, { type: 'delegation.registerMany', delegations: [{ category: 'state_party', m49: '578' }] });
    const delegationId = registered.events[0].payload.delegation.id;
    const itemId = (await ok(sec, meetingId, { type: 'agenda.addItem', title: 'Other matters' })).events[0].payload.item.id;
    await ok(sec, meetingId, { type: 'meeting.open' });
    await ok(sec, meetingId, { type: 'agenda.adopt' });
    await ok(sec, meetingId, { type: 'agenda.takeUp', itemId });
    const code = (await ok(sec, meetingId, { type: 'access.issue', role: 'delegate', delegationId })).issuedCodes[0].code;
    const delegate = await env.server.signIn(meetingId, code, 'Delegate of Norway');

    const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const stored = JSON.stringify({ token: delegate.token, session: delegate.session });
    await context.addInitScript(`localStorage.setItem('gavel.session', ${JSON.stringify(stored)}); localStorage.setItem('gavel.lang', 'en');`);
    // The socket waits for the tap.
    let release!: () => void;
    const tapped = new Promise<void>((r) => (release = r));
    let sockets = 0;
    await context.routeWebSocket(/\/socket\.io\//, async (ws) => {
      sockets++;
      await tapped;
      ws.connectToServer();
    });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    const stateAsked = page.waitForRequest((r) => r.url().endsWith(`/api/meetings/${meetingId}/state`));
    await page.goto(`${env.server.url}/delegation`);
    await stateAsked;

    const ask = page.getByTestId('ask-floor');
    await expect.poll(() => ask.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(sockets).toBe(1);
    expect(await page.getByTestId('current-item').textContent()).toContain('Other matters');
    await ask.click();
    release();
    await page.getByTestId('my-place').waitFor({ timeout: 15_000 });
    const list = (await sec.request('GET', `/api/meetings/${meetingId}/state`)).body.state.speakers.lists[itemId];
    expect(list.queue).toHaveLength(1);
    expect(refused).toEqual([]);
    await context.close();
  });
});
