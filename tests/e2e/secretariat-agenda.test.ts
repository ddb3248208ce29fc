import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { fillDate, screenshot, signIn, serverAndBrowser } from '../support/browser';
import { type ApiClient, ok } from '../support/server';

/** Signs in through the sign-in page, choosing the language on the way. */
async function state(client: ApiClient, meetingId: string) {
  return (await client.request('GET', `/api/meetings/${meetingId}/state`)).body.state;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Adds an agenda item through the form: title, place (index of the place option), planned date, documents. */
async function addItem(
  page: Page,
  item: { title: string; place?: number; date?: string; documents?: { symbol: string; title: string; description?: string }[] },
) {
  const form = page.locator('form[data-testid="agenda-add"]');
  await form.locator('[data-testid="item-place"]').selectOption({ index: item.place ?? 0 });
  await form.locator('[data-testid="item-title"]').fill(item.title);
  if (item.date) await fillDate(form.locator('[data-testid="item-date"]'), item.date);
  for (const d of item.documents ?? []) {
    await form.locator('[data-testid="doc-symbol"]').fill(d.symbol);
    await form.locator('[data-testid="doc-title"]').fill(d.title);
    if (d.description) await form.locator('[data-testid="doc-description"]').fill(d.description);
    await form.locator('[data-testid="doc-add"]').click();
  }
  const before = await page.locator('[data-testid="agenda-item"]').count();
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="agenda-item"]').length === n + 1, before);
}

const labels = (page: Page) => page.locator('[data-testid="agenda-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
/** The line of one item (its number, title and buttons), without its sub-items. */
const lineTitled = (page: Page, title: string): Locator =>
  page.locator('.draft-item-line', { has: page.locator('.draft-item-title', { hasText: title }) });

describe.each([{ lang: 'en' }, { lang: 'ar' }])('the secretariat drafts the agenda and keeps the statements log ($lang)', ({ lang }) => {

  const env = serverAndBrowser();

  it('drafts items, sub-items and documents; the chair runs an item; the secretariat corrects the record and sets the rules', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Setup script');
    const registered = await ok(sec, meetingId, {
      type: 'delegation.registerMany',
      delegations: ['578', '818', '218'].map((m49) => ({ category: 'state_party', m49 })),
    });
    const ids: Record<string, string> = Object.fromEntries(
      registered.events.map((e: any) => [e.payload.delegation.m49, e.payload.delegation.id]),
    );
    const chairCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes[0].code;
    const chair = await env.server.signIn(meetingId, chairCode, 'Dominika Krois');
    const today = new Date().toISOString().slice(0, 10);

    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, env.server.url, lang, meetingId, secretariatCode, 'Conference officer');
    await page.locator('#tab-agenda').click();
    await page.locator('[data-testid="agenda-state"]').waitFor();

    // Draft through the UI: an item, two sub-items, a substantive item with a document.
    await addItem(page, { title: 'Organizational matters', date: today });
    await addItem(page, { title: 'Adoption of the agenda and organization of work', place: 1 });
    await addItem(page, {
      title: 'Non-punishment and non-prosecution of victims of trafficking in persons',
      date: today,
      documents: [
        {
          symbol: 'CTOC/COP/WG.4/2010/4',
          title: 'Background paper prepared by the Secretariat',
          // How the report describes it (issue 13): "the working group had before it a background paper …".
          description: 'a background paper prepared by the Secretariat on non-punishment',
        },
      ],
    });
    await addItem(page, { title: 'Opening of the meeting', place: 1 });
    await addItem(page, { title: 'Other matters' });
    await addItem(page, { title: 'Added by mistake' });
    expect(await labels(page)).toEqual(['1', '1 (a)', '1 (b)', '2', '3', '4']);
    // Removing asks first, in the app's own dialog; the keyboard goes on to the item before.
    await lineTitled(page, 'Added by mistake').locator('button.danger').click();
    const dialog = page.getByTestId('app-dialog');
    // The dialog is mounted, then opened (showModal) by an effect: wait for both.
    await expect.poll(() => dialog.getAttribute('open')).not.toBeNull();
    await screenshot(page, `${lang}-secretariat-agenda-remove-dialog`);
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => labels(page)).toEqual(['1', '1 (a)', '1 (b)', '2', '3']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.draft-item-line')?.textContent ?? '')).toContain('Other matters');

    // "Opening" was added last under item 1: move it up with the keyboard, to 1 (a).
    const opening = lineTitled(page, 'Opening of the meeting');
    const openingUp = opening.locator('button.move-up');
    await openingUp.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => labels(page)).toEqual(['1', '1 (a)', '1 (b)', '2', '3']);
    await expect
      .poll(() => page.locator('[data-testid="agenda-item"]').nth(1).locator('.draft-item-title').textContent())
      .toContain('Opening of the meeting');
    // The keyboard stays on the moved item (now first: its "up" is disabled, so "edit" has the focus).
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/-edit$/);

    // The document shows its symbol left to right, in Arabic too.
    const doc = page.locator('[data-testid="agenda-document"] .doc-symbol');
    await expect.poll(() => doc.textContent()).toBe('CTOC/COP/WG.4/2010/4');
    expect(await doc.getAttribute('dir')).toBe('ltr');
    if (lang === 'ar') {
      const numbers = await page.locator('.draft-item-label').allTextContents();
      expect(numbers).toEqual(['١-', '(أ)', '(ب)', '٢-', '٣-']);
    }
    await screenshot(page, `${lang}-secretariat-agenda-draft`);
    // On a phone-sized screen too (a conference officer at the podium with a tablet or phone).
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, `${lang}-secretariat-agenda-phone`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    const drafted = await state(sec, meetingId);
    const byTitle = (title: string) => Object.values(drafted.agenda.items).find((i: any) => i.title.en === title) as any;
    expect(byTitle('Opening of the meeting')).toMatchObject({ label: '1 (a)', plannedDate: null });
    expect(byTitle('Organizational matters')).toMatchObject({ label: '1', plannedDate: today });
    const item2 = byTitle('Non-punishment and non-prosecution of victims of trafficking in persons');
    expect(item2).toMatchObject({
      label: '2',
      documents: [
        {
          symbol: 'CTOC/COP/WG.4/2010/4',
          title: { en: 'Background paper prepared by the Secretariat' },
          description: { en: 'a background paper prepared by the Secretariat on non-punishment' },
        },
      ],
    });

    // The chair opens the meeting, adopts the agenda and runs item 2 (over HTTP).
    await ok(chair, meetingId, { type: 'meeting.open' });
    await ok(chair, meetingId, { type: 'agenda.adopt' });
    await ok(chair, meetingId, { type: 'agenda.takeUp', itemId: item2.id });
    const request = (body: Record<string, unknown>) => ok(chair, meetingId, { type: 'speakers.request', itemId: item2.id, ...body });
    await request({ kind: 'panellist', speakerName: 'Venla Roth' });
    await request({ delegationId: ids['578'] });
    await request({ delegationId: ids['818'], onBehalfOf: 'Group of African States' });
    let current: string | null = null;
    for (const wait of [1200, 2200, 1600]) {
      const next = await ok(chair, meetingId, { type: 'speakers.next', itemId: item2.id, expectedCurrent: current });
      current = (await state(sec, meetingId)).floor?.entryId ?? null;
      expect(next.events.length).toBeGreaterThan(0);
      await sleep(wait);
    }
    await ok(chair, meetingId, { type: 'floor.end', expectedCurrent: current });
    // The report describes the document as typed, in the sentence (issue 13).
    const report = (await sec.request('GET', `/api/meetings/${meetingId}/report?format=json&lang=en`)).body;
    const described = report.items.find((i: any) => i.kind === 'paragraph' && i.sourceId === `p-item-${item2.id}-documents`);
    expect(described.inlines[0].text).toBe(
      'For its consideration of the item, the working group had before it a background paper prepared by the Secretariat on non-punishment (CTOC/COP/WG.4/2010/4).',
    );
    // One more waiting, for the day's programme.
    await request({ delegationId: ids['218'] });

    // After adoption, a new title is an amendment, with its reason.
    await page.locator('#tab-agenda').click();
    await page.locator('#amendments-heading').waitFor();
    await lineTitled(page, 'Other matters').locator('button[id$="-edit"]').click();
    const editor = page.locator('form.item-editor');
    await editor.locator('[data-testid="item-title"]').fill('Other business');
    await editor.locator('[data-testid="amend-note"]').fill('At the request of the Group of African States');
    await editor.locator('button[type="submit"]').click();
    await page.locator('[data-testid="amendments"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="amendments"] tbody tr').first().textContent()).toContain('At the request of the Group of African States');
    // Moving an item of the adopted agenda is an amendment too; its reason is asked for.
    await lineTitled(page, 'Other business').locator('button.move-up').click();
    await page.getByTestId('app-dialog').locator('textarea').fill('Item 3 to be taken up before item 2');
    await page.getByTestId('app-dialog').locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="amendments"] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-testid="amendments"] tbody tr').nth(1).textContent()).toContain('Item 3 to be taken up before item 2');
    const amended = (await state(sec, meetingId)).agenda;
    expect(amended.amendments.map((x: any) => [x.change.op, x.before?.label, x.after?.label])).toEqual([
      ['update', '3', '3'],
      ['move', '3', '2'],
    ]);
    await screenshot(page, `${lang}-secretariat-agenda-adopted`);

    // The statements log: the current item, in speaking order.
    await page.locator('#tab-statements').click();
    const rows = page.locator('[data-testid="statement"]');
    await expect.poll(() => rows.count()).toBe(3);
    const names = lang === 'ar' ? ['النرويج', 'مصر', 'إكوادور'] : ['Norway', 'Egypt', 'Ecuador'];
    expect(await rows.nth(0).textContent()).toContain('Venla Roth');
    expect(await rows.nth(1).textContent()).toContain(names[0]);
    expect(await rows.nth(2).textContent()).toContain(names[1]);

    // A correction is added, never written over: the floor went to Ecuador, not Egypt.
    await rows.nth(2).locator('[data-testid="correct"]').click();
    const form = rows.nth(2).locator('form.correction-form');
    await form.locator('[data-testid="correct-delegation"]').selectOption(ids['218']);
    await form.locator('[data-testid="correct-duration"]').fill('3:05');
    await form.locator('[data-testid="correct-note"]').fill('The floor was given to Ecuador, not Egypt');
    await form.locator('button[type="submit"]').click();
    await rows.nth(2).locator('[data-testid="correction"]').waitFor();
    const history = await rows.nth(2).locator('[data-testid="correction"]').textContent();
    expect(history).toContain(names[1]);
    expect(history).toContain(names[2]);
    expect(history).toContain('The floor was given to Ecuador, not Egypt');
    expect(await rows.nth(2).locator('th').first().textContent()).toContain(names[2]);

    // The panellist's statement was recorded in error: void it, with the reason.
    await rows.nth(0).locator('[data-testid="void"]').click();
    await rows.nth(0).locator('[data-testid="correct-note"]').fill('Recorded in error: the presentation was on item 1');
    await rows.nth(0).locator('form.correction-form button[type="submit"]').click();
    await expect.poll(() => rows.nth(0).getAttribute('class')).toContain('voided');

    const log = (await state(sec, meetingId)).statements;
    const corrected = log.find((s: any) => s.delegationId === ids['218']);
    expect(corrected).toMatchObject({ durationMs: 185_000, recorded: { delegationId: ids['818'] } });
    expect(corrected.corrections).toHaveLength(1);
    expect(log.find((s: any) => s.speakerName === 'Venla Roth')).toMatchObject({ voided: true, recorded: { voided: false } });

    // The chart: Ecuador's 3:05 tops the list; the voided statement does not count.
    const chart = page.locator('[data-testid="speaking-time-chart"]');
    await expect.poll(() => chart.locator('[data-testid="chart-delegation"]').count()).toBe(2);
    expect(await chart.locator('[data-testid="chart-delegation"]').first().textContent()).toContain(names[2]);
    await page.locator('[data-testid="day-programme"]').waitFor();
    await screenshot(page, `${lang}-secretariat-statements`);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, `${lang}-secretariat-statements-phone`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The rules: a four-minute statement; rights of reply only when the chair calls them.
    await page.locator('#tab-rules').click();
    await page.locator('#rules-time-statement').fill('4:00');
    await page.locator('input[name="takenAt"][value="when_called"]').check();
    await page.locator('#rules-category-signatory').selectOption('0');
    await page.locator('form[data-testid="rules-form"] button[type="submit"]').click();
    await page.locator('form[data-testid="rules-form"] [role="status"]').waitFor();
    const rules = (await state(sec, meetingId)).rules;
    expect(rules.speakingTimeMs.statement).toBe(240_000);
    expect(rules.rightOfReply.takenAt).toBe('when_called');
    expect(rules.precedence[0]).toEqual(['state_party', 'reio_party', 'signatory']);
    expect(await page.locator('#rules-time-statement').inputValue()).toBe(lang === 'ar' ? '٤:٠٠' : '4:00');
    await screenshot(page, `${lang}-secretariat-rules`);

    expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
  });
});
