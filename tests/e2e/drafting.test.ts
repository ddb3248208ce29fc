/**
 * Drafting together, in two browsers: the secretariat holds the pen on a
 * laptop, a delegate follows on a phone. The pen-holder types and the
 * delegate sees it live and cannot type; a paragraph inserted before another
 * renumbers everything after it, the cross-reference and the footnote's
 * reference included; an adopted paragraph shows as such everywhere. In
 * English, and in Arabic with an Arabic text (right to left in the editor).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { docx } from '@gavel/server/drafting/docx-fixture';
import { screenshot, signIn, serverAndBrowser } from '../support/browser';
import { ok } from '../support/server';

/** Paragraph labels as drawn in the margin, in order. */
const labels = (page: Page) => page.locator('.draft-edit .draft-content > p[data-pid]').evaluateAll((ps) => ps.map((p) => (p as HTMLElement).dataset.label ?? ''));
const paragraph = (page: Page, n: number) => page.locator('.draft-edit .draft-content > p[data-pid]').nth(n - 1);

/** Puts the caret at the start or the end of a paragraph, as a click and Home or End would, but exactly. */
async function caret(page: Page, n: number, where: 'start' | 'end') {
  const p = paragraph(page, n);
  await p.click();
  await p.evaluate((el, atEnd) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t as Text);
    const node = atEnd ? texts.at(-1)! : texts[0];
    document.getSelection()!.collapse(node, atEnd ? node.length : 0);
  }, where === 'end');
  // Lexical reads the selection on selectionchange: let a frame pass.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

const CASES = [
  {
    lang: 'en',
    meetingLanguage: 'en' as const,
    norway: 'Norway',
    draft: [
      { heading: 1, runs: [{ text: 'D. Non-punishment and non-prosecution of victims' }] },
      { heading: 2, runs: [{ text: '1. Implementation' }] },
      {
        runs: [
          { text: '1. The Working Group reiterates its recommendations on non-punishment.' },
          { footnote: 'For the discussion of the working group on this recommendation, see paragraph 3 below.' },
        ],
      },
      { runs: [{ text: '2. States parties should consider establishing procedures for identifying victims.' }] },
      { runs: [{ text: '3. Views differed sharply on non-prosecution; see paragraph 1 above.' }] },
    ],
    typed: ' Delegations agreed.',
    inserted: 'States parties should also protect witnesses.',
    refFrom: 'paragraph 1 above',
    refTo: 'paragraph 1 above',
    noteFrom: 'see paragraph 3 below',
    noteTo: 'see paragraph 4 below',
    numbersAfter: ['1.', '2.', '3.', '4.'],
    adopted: 'Adopted',
  },
  {
    lang: 'ar',
    meetingLanguage: 'ar' as const,
    norway: 'النرويج',
    draft: [
      { heading: 1, runs: [{ text: 'دال- عدم معاقبة الضحايا وعدم ملاحقتهم قضائيا' }] },
      { heading: 2, runs: [{ text: '١- التنفيذ' }] },
      {
        runs: [
          { text: '١- يكرر الفريق العامل توصياته بشأن عدم المعاقبة.' },
          { footnote: 'للاطلاع على مناقشة الفريق العامل لهذه التوصية، انظر الفقرة ٣ أدناه.' },
        ],
      },
      { runs: [{ text: '٢- ينبغي للدول الأطراف أن تنظر في وضع إجراءات لتحديد هوية الضحايا.' }] },
      { runs: [{ text: '٣- تباينت الآراء تباينا حادا بشأن عدم الملاحقة القضائية؛ انظر الفقرة ١ أعلاه.' }] },
    ],
    typed: ' واتفقت الوفود على ذلك.',
    inserted: 'وينبغي للدول الأطراف أيضا أن تحمي الشهود.',
    refFrom: 'الفقرة ١ أعلاه',
    refTo: 'الفقرة ١ أعلاه',
    noteFrom: 'انظر الفقرة ٣ أدناه',
    noteTo: 'انظر الفقرة ٤ أدناه',
    numbersAfter: ['١-', '٢-', '٣-', '٤-'],
    adopted: 'Adopted',
  },
];

describe.each(CASES)('drafting together ($lang)', (c) => {

  const env = serverAndBrowser();

  it('the pen-holder types, the delegate follows live and cannot type; numbers and references follow an insertion', async () => {
    const { meetingId, secretariatCode, viewerCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Setup script');
    await ok(sec, meetingId, { type: 'meeting.update', changes: { language: c.meetingLanguage } });
    const registered = await ok(sec, meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '578' } });
    const norwayId = registered.events[0].payload.delegation.id;
    const norwayCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'delegate', delegationId: norwayId })).issuedCodes[0].code;
    const imported = await fetch(`${env.server.url}/api/meetings/${meetingId}/drafts/recommendations/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sec.token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      body: new Uint8Array(docx(c.draft)),
    });
    expect(imported.status).toBe(200);

    const pen = await env.browser.newPage({ viewport: { width: 1366, height: 900 } });
    const delegate = await env.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(pen, env.server.url, c.lang, meetingId, secretariatCode, 'Conference officer');
    await pen.goto(`${env.server.url}/text`);
    await pen.locator('.draft-edit [data-testid="draft-content"][data-writable="true"]').waitFor();
    await signIn(delegate, env.server.url, c.lang, meetingId, norwayCode, 'Kari Nordmann');
    await delegate.goto(`${env.server.url}/text`);
    await delegate.locator('[data-testid="read-only"]').waitFor();
    expect(await delegate.locator('[data-testid="draft-content"]').getAttribute('contenteditable')).toBe('false');
    expect(await pen.locator('.draft-edit .draft-content').getAttribute('dir')).toBe(c.lang === 'ar' ? null : null);
    expect(await pen.locator('.draft-editor').getAttribute('dir')).toBe(c.lang === 'ar' ? 'rtl' : 'ltr');

    // Computed numbers: three paragraphs, section and subsection lettered, footnote 1 pointing at paragraph 3.
    await expect.poll(() => labels(delegate)).toEqual(c.numbersAfter.slice(0, 3));
    expect(await delegate.locator('.draft-content h2').getAttribute('data-label')).toBe(c.lang === 'ar' ? 'ألف-' : 'A.');
    expect(await delegate.locator('[data-testid="footnote"]').first().textContent()).toContain(c.noteFrom);
    expect(await delegate.locator('.gavel-xref').first().getAttribute('data-label')).toBe(c.refFrom);
    await screenshot(pen, `${c.lang}-text-pen-holder-before`);

    // The pen-holder types at the end of paragraph 2; the delegate sees it.
    await caret(pen, 2, 'end');
    await pen.keyboard.type(c.typed);
    await expect.poll(() => paragraph(delegate, 2).textContent(), { timeout: 10_000 }).toContain(c.typed.trim());
    await screenshot(delegate, `${c.lang}-text-delegate-live`);

    // The delegate cannot type into the text.
    const before = await paragraph(delegate, 2).textContent();
    await paragraph(delegate, 2).click();
    await delegate.keyboard.type('XYZ');
    await delegate.keyboard.press('Enter');
    expect(await paragraph(delegate, 2).textContent()).toBe(before);
    expect(await paragraph(pen, 2).textContent()).not.toContain('XYZ');

    // A new paragraph before paragraph 2: everything after it renumbers, the footnote's reference too.
    await caret(pen, 2, 'start');
    await pen.keyboard.press('Enter');
    await pen.keyboard.press('ArrowUp');
    await pen.keyboard.type(c.inserted);
    await expect.poll(() => labels(delegate), { timeout: 10_000 }).toEqual(c.numbersAfter);
    await expect.poll(() => paragraph(delegate, 2).textContent()).toBe(c.inserted);
    await expect.poll(() => delegate.locator('[data-testid="footnote"]').first().textContent()).toContain(c.noteTo);
    expect(await paragraph(delegate, 4).locator('.gavel-xref').getAttribute('data-label')).toBe(c.refTo);
    expect(await labels(pen)).toEqual(c.numbersAfter);

    // The pen-holder inserts a reference to paragraph 4 into the new paragraph, from the toolbar.
    await caret(pen, 2, 'end');
    await pen.keyboard.type(' ');
    await pen.locator('[data-testid="insert-reference"]').click();
    await pen.locator('[data-testid="reference-target"]').selectOption({ index: 3 });
    await pen.locator('[data-testid="reference-insert"]').click();
    await expect
      .poll(() => paragraph(delegate, 2).locator('.gavel-xref').getAttribute('data-label'), { timeout: 10_000 })
      .toBe(c.lang === 'ar' ? 'الفقرة ٤ أدناه' : 'paragraph 4 below');

    // The chair's side of it, here by the secretariat: paragraph 1 is adopted; everyone sees it.
    await paragraph(pen, 1).click();
    await pen.locator('[data-testid="status-select"]').selectOption('adopted');
    await pen.locator('[data-testid="status-apply"]').click();
    await expect.poll(() => paragraph(delegate, 1).getAttribute('data-status'), { timeout: 10_000 }).toBe('adopted');
    await expect.poll(() => paragraph(pen, 1).getAttribute('contenteditable')).toBe('false');
    // Backspace at the start of paragraph 2 would merge it into the adopted paragraph 1: the editor stops it and says why.
    await caret(pen, 2, 'start');
    await pen.keyboard.press('Backspace');
    await pen.locator('[data-testid="draft-status"] [role="alert"]').waitFor();
    expect(await labels(pen)).toEqual(c.numbersAfter);
    await screenshot(pen, `${c.lang}-text-pen-holder-after`);
    // Paragraph 3 was imported, then typed in: its history shows the words added.
    await paragraph(delegate, 3).click();
    await delegate.locator('[data-testid="selected-paragraph"]').waitFor();
    await delegate.locator('[data-testid="history-toggle"]').click();
    await delegate.locator('[data-testid="history-diff"] ins').waitFor();
    expect(await delegate.locator('[data-testid="history-diff"] ins').textContent()).toContain(c.typed.trim());
    await screenshot(delegate, `${c.lang}-text-delegate-after`);
    await delegate.locator('[data-testid="glance-adopted"] .chip').first().click();
    await expect.poll(() => delegate.locator('[data-testid="selected-paragraph"] h2').textContent()).toContain(c.numbersAfter[0].slice(0, 1));

    // The pen goes to Norway's facilitator: the delegate's text becomes writable at once, the secretariat's read-only.
    await pen.locator('[data-testid="pen-code"]').selectOption({ label: c.norway });
    await pen.locator('[data-testid="pen-hand"]').click();
    await delegate.locator('[data-testid="draft-content"][data-writable="true"]').waitFor({ timeout: 10_000 });
    await pen.locator('[data-testid="read-only"]').waitFor();
    await caret(delegate, 4, 'end');
    await delegate.keyboard.type(' Norway.');
    await expect.poll(() => paragraph(pen, 4).textContent(), { timeout: 10_000 }).toContain('Norway.');
    await screenshot(delegate, `${c.lang}-text-facilitator-writes`);
    // The others see the pen-holder's cursor, named from the server's record of the session.
    await pen.locator('.draft-editor span', { hasText: 'Kari Nordmann' }).first().waitFor({ timeout: 10_000 });
    await screenshot(pen, `${c.lang}-text-cursor-seen`);
    await pen.locator('[data-testid="pen-take-back"]').click();
    await delegate.locator('[data-testid="read-only"]').waitFor({ timeout: 10_000 });

    // The secretariat puts paragraph 2 on the room screen: the projector shows it, large and live.
    await paragraph(pen, 2).click();
    const shownId = await paragraph(pen, 2).getAttribute('data-pid');
    await pen.locator('[data-testid="show-on-screen"]').click();
    await pen.locator('[data-testid="on-screen"]').waitFor();
    const room = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await signIn(room, env.server.url, c.lang, meetingId, viewerCode, 'Projector');
    await room.goto(`${env.server.url}/screen`);
    await room.locator('[data-testid="paragraph-on-screen"]').waitFor();
    await room.locator(`[data-testid="paragraph-on-screen"] p[data-pid="${shownId}"]`).waitFor();
    await screenshot(room, `${c.lang}-room-screen-text`);
  });
});
