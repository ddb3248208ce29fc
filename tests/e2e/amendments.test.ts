/**
 * Amendments in three browsers: Norway drafts an amendment to a paragraph in
 * its own editor (private until tabled) and tables it; the chair sees it in
 * the console as tracked changes in Norway's colour, tagged with its name;
 * Egypt, on a phone, supports it; the chair accepts it and the text changes
 * for everyone. Then Egypt objects to another paragraph and the chair, reading
 * it for adoption, is told why and by whom it cannot be adopted. The story
 * of the amended paragraph shows what happened. In English, and in Arabic
 * with an Arabic text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { docx } from '@gavel/server/drafting/docx-fixture';
import { screenshot, signIn, serverAndBrowser } from '../support/browser';
import { hearSpeakers } from '../support/negotiation';
import { ok } from '../support/server';

const CASES = [
  {
    lang: 'en',
    draft: [
      { heading: 1, runs: [{ text: 'D. Non-punishment and non-prosecution of victims' }] },
      { runs: [{ text: '1. The Working Group reiterates its recommendations on non-punishment.' }] },
      { runs: [{ text: '2. States parties should consider establishing procedures for identifying victims.' }] },
      { runs: [{ text: '3. Views differed sharply on non-prosecution.' }] },
    ],
    word: 'should',
    replacement: 'shall',
    added: ' urgently',
    word1: 'reiterates',
    replacement1: 'recalls',
    norway: 'Norway',
    egypt: 'Egypt',
    reason: 'We cannot join consensus on this paragraph.',
    chapterIV: 'IV. Summary of deliberations',
  },
  {
    lang: 'ar',
    draft: [
      { heading: 1, runs: [{ text: 'دال- عدم معاقبة الضحايا وعدم ملاحقتهم قضائيا' }] },
      { runs: [{ text: '١- يكرر الفريق العامل توصياته بشأن عدم المعاقبة.' }] },
      { runs: [{ text: '٢- ينبغي للدول الأطراف أن تنظر في وضع إجراءات لتحديد هوية الضحايا.' }] },
      { runs: [{ text: '٣- تباينت الآراء تباينا حادا بشأن عدم الملاحقة القضائية.' }] },
    ],
    word: 'ينبغي',
    replacement: 'يجب',
    added: ' فورا',
    word1: 'يكرر',
    replacement1: 'يؤكد',
    norway: 'النرويج',
    egypt: 'مصر',
    reason: 'لا يمكننا الانضمام إلى توافق الآراء بشأن هذه الفقرة.',
    chapterIV: 'رابعا- ملخص المداولات',
  },
];

const paragraph = (page: Page, n: number) => page.locator('.draft-edit .draft-content > p[data-pid]').nth(n - 1);
const frames = (page: Page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Selects a word in an editable element, as a double click would, but exactly. */
async function selectWord(page: Page, selector: string, word: string) {
  await page.locator(selector).click();
  await page.locator(selector).evaluate((el, w) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      const at = (t.textContent ?? '').indexOf(w);
      if (at >= 0) {
        const range = document.createRange();
        range.setStart(t, at);
        range.setEnd(t, at + w.length);
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`no "${w}" in the editor`);
  }, word);
  await frames(page);
}

describe.each(CASES)('amendments ($lang)', (c) => {

  const env = serverAndBrowser();

  it('a delegation drafts and tables an amendment; the chair sees it as tracked changes and accepts it; the text changes for everyone', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Setup script');
    await ok(sec, meetingId, { type: 'meeting.update', changes: { language: c.lang } });
    const registered = await ok(sec, meetingId, {
      type: 'delegation.registerMany',
      delegations: [
        { category: 'state_party', m49: '578' },
        { category: 'state_party', m49: '818' },
      ],
    });
    const idOf = (m49: string) => registered.events.find((e: any) => e.payload.delegation.m49 === m49).payload.delegation.id as string;
    const codeFor = async (delegationId: string) => (await ok(sec, meetingId, { type: 'access.issue', role: 'delegate', delegationId })).issuedCodes[0].code as string;
    const norwayCode = await codeFor(idOf('578'));
    const norwaySpare = await codeFor(idOf('578'));
    const egyptCode = await codeFor(idOf('818'));
    const chairCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes[0].code as string;
    const imported = await fetch(`${env.server.url}/api/meetings/${meetingId}/drafts/recommendations/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sec.token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      body: new Uint8Array(docx(c.draft)),
    });
    expect(imported.status).toBe(200);

    const norway = await env.browser.newPage({ viewport: { width: 1366, height: 900 } });
    const chair = await env.browser.newPage({ viewport: { width: 1366, height: 900 } });
    const egypt = await env.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(norway, env.server.url, c.lang, meetingId, norwayCode, 'Kari Nordmann');
    await signIn(chair, env.server.url, c.lang, meetingId, chairCode, 'Dominika Krois');
    await signIn(egypt, env.server.url, c.lang, meetingId, egyptCode, 'Amina Hassan');

    // Norway selects paragraph 2 in the text and starts a change to it: its own editor opens with the paragraph's words.
    await norway.goto(`${env.server.url}/text`);
    await paragraph(norway, 2).waitFor();
    await paragraph(norway, 2).click();
    await norway.locator('[data-testid="paragraph-negotiation"]').waitFor();
    await norway.locator('[data-testid="propose-start"]').click();
    const editor = '[data-testid="draft-workspace"] [data-testid="amendment-content"][data-writable="true"]';
    await norway.locator(editor).waitFor({ timeout: 10_000 });
    await expect.poll(() => norway.locator(editor).textContent(), { timeout: 10_000 }).toContain(c.word);
    expect(await norway.locator('[data-testid="draft-privacy"]').getAttribute('class')).toContain('private-notice');

    // "Replace should by shall": the preview shows it as the others will see it once tabled.
    await selectWord(norway, editor, c.word);
    await norway.keyboard.type(c.replacement);
    await expect.poll(() => norway.locator('[data-testid="draft-preview"] .tracked-ins').first().textContent(), { timeout: 10_000 }).toContain(c.replacement);
    expect(await norway.locator('[data-testid="draft-preview"] .tracked-del').first().textContent()).toContain(c.word);
    // A second member of Norway's delegation opens the draft and sees it as Kari types, live.
    const ola = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(ola, env.server.url, c.lang, meetingId, norwaySpare, 'Ola Nordmann');
    await ola.goto(`${env.server.url}/text`);
    await ola.locator('[data-testid="my-amendment-open"]').first().click({ timeout: 10_000 });
    const olaEditor = ola.locator('[data-testid="draft-workspace"] [data-testid="amendment-content"]');
    await expect.poll(() => olaEditor.textContent(), { timeout: 10_000 }).toContain(c.replacement);
    await norway.keyboard.type(c.added);
    await expect.poll(() => olaEditor.textContent(), { timeout: 10_000 }).toContain(c.added.trim());
    await ola.locator('.draft-workspace .draft-editor span', { hasText: 'Kari Nordmann' }).first().waitFor({ timeout: 10_000 });
    await screenshot(ola, `${c.lang}-amendment-codrafting`);
    await ola.close();

    // Nothing is public yet: Egypt sees nothing before the group.
    await egypt.goto(`${env.server.url}/delegation`);
    await egypt.locator('[data-testid="under-negotiation"]').waitFor();
    expect(await egypt.locator('[data-testid="under-negotiation"] .agenda-paragraph').count()).toBe(0);
    await screenshot(norway, `${c.lang}-amendment-drafting`);

    // Norway tables it.
    await norway.locator('[data-testid="table-note"]').fill(c.lang === 'ar' ? 'لغة ملزمة.' : 'Binding language.');
    await norway.locator('[data-testid="amendment-table"]').click();
    await expect.poll(() => norway.locator('[data-testid="draft-privacy"]').getAttribute('class'), { timeout: 10_000 }).not.toContain('private-notice');

    // The chair sees it in the console as tracked changes, in Norway's colour and with its name.
    await chair.goto(`${env.server.url}/chair`);
    await chair.locator('[data-testid="console-tab-amendments"]').click();
    const card = chair.locator('[data-testid="negotiation-console"] [data-testid="amendment-card"]').first();
    await card.waitFor({ timeout: 10_000 });
    await expect.poll(() => card.locator('.tracked-del').first().textContent(), { timeout: 10_000 }).toContain(c.word);
    expect(await card.locator('.tracked-ins').first().textContent()).toContain(c.replacement);
    expect(await card.locator('.tracked-tag').first().textContent()).toContain(c.norway);
    expect(await card.locator('.amendment-sponsor').textContent()).toContain(c.norway);
    const sponsorColour = await card.locator('.tracked-ins').first().evaluate((el) => getComputedStyle(el).color);
    expect(sponsorColour).not.toBe('rgb(20, 32, 43)');

    // Egypt, on its phone, supports it from its delegation view.
    await egypt.locator('[data-testid="under-negotiation"] .agenda-paragraph').first().click({ timeout: 10_000 });
    await egypt.locator('[data-testid="amendment-support"]').click();
    await egypt.locator('.your-stance').waitFor();
    await screenshot(egypt, `${c.lang}-amendment-delegation-phone`);
    await expect.poll(() => card.locator('[data-testid="supporters"]').textContent(), { timeout: 10_000 }).toContain(c.egypt);
    await screenshot(chair, `${c.lang}-amendment-chair-tracked`);

    // The chair accepts it: the env.server writes it into the text, and every screen shows the new words.
    await card.locator('[data-testid="decide-accept"]').click();
    await card.locator('[data-testid="decision-confirm"]').click();
    await expect.poll(() => chair.locator('[data-testid="paragraph-now"]').textContent(), { timeout: 10_000 }).toContain(c.replacement);
    await expect.poll(() => paragraph(norway, 2).textContent(), { timeout: 10_000 }).toContain(c.replacement);
    expect(await paragraph(norway, 2).textContent()).not.toContain(c.word);
    await egypt.goto(`${env.server.url}/text`);
    await expect.poll(() => paragraph(egypt, 2).textContent(), { timeout: 10_000 }).toContain(c.replacement);
    await screenshot(chair, `${c.lang}-amendment-chair-accepted`);
    await screenshot(norway, `${c.lang}-amendment-text-after`);

    // Norway proposes other words for paragraph 1; the chair puts them in the text in brackets, as the typist would.
    await paragraph(norway, 1).click();
    await norway.locator('[data-testid="propose-start"]').click();
    await expect.poll(() => norway.locator(editor).textContent(), { timeout: 10_000 }).toContain(c.word1);
    await selectWord(norway, editor, c.word1);
    await norway.keyboard.type(c.replacement1);
    await expect.poll(() => norway.locator('[data-testid="draft-preview"] .tracked-ins').first().textContent(), { timeout: 10_000 }).toContain(c.replacement1);
    await norway.locator('[data-testid="amendment-table"]').click();
    await chair.locator('[data-testid="agenda-paragraph"]').first().click({ timeout: 10_000 });
    const second = chair.locator('[data-testid="negotiation-console"] [data-testid="amendment-card"]').first();
    await expect.poll(() => second.locator('.tracked-ins').first().textContent(), { timeout: 10_000 }).toContain(c.replacement1);
    await second.locator('[data-testid="decide-bracket"]').click();
    await second.locator('[data-testid="decision-confirm"]').click();
    const bracket = paragraph(norway, 1).locator('.gavel-bracket');
    await expect.poll(() => bracket.textContent(), { timeout: 10_000 }).toBe(`[${c.word1}][${c.replacement1}] (${c.norway})`);
    await chair.locator('[data-testid="bracket-item"]').waitFor({ timeout: 10_000 });
    await screenshot(chair, `${c.lang}-bracket-chair`);
    await screenshot(norway, `${c.lang}-bracket-text`);
    // The chair lifts the bracket, keeping Norway's words.
    await chair.locator('[data-testid="bracket-lift"]').click();
    await chair.locator('[data-testid="bracket-item"] input[type="radio"][value="1"]').check();
    await chair.locator('[data-testid="bracket-lift-confirm"]').click();
    await expect.poll(() => bracket.count(), { timeout: 10_000 }).toBe(0);
    expect(await paragraph(norway, 1).textContent()).toContain(c.replacement1);

    // Egypt cannot join consensus on paragraph 3 and says so; the chair, reading it for adoption, is told why and by whom.
    await paragraph(egypt, 3).click();
    await egypt.locator('[data-testid="objection-open"]').click();
    await egypt.locator('[data-testid="objection-reason"]').fill(c.reason);
    await egypt.locator('[data-testid="objection-raise"]').click();
    await egypt.locator('[data-testid="objection-withdraw"]').waitFor({ timeout: 10_000 });
    const p3 = await paragraph(norway, 3).getAttribute('data-pid');
    await chair.locator('[data-testid="console-paragraph"]').selectOption(p3!);
    await chair.locator('[data-testid="objection-list"]').waitFor({ timeout: 10_000 });
    expect(await chair.locator('[data-testid="objection-list"]').textContent()).toContain(c.egypt);
    await chair.locator('[data-testid="adoption-panel"] summary').click();
    await chair.locator('[data-testid="adoption-blockers"]').waitFor();
    await chair.locator('[data-testid="adoption-record"]').click();
    const refusal = chair.locator('[data-testid="adoption-panel"] [data-testid="refusal"]');
    await refusal.waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toContain(c.egypt);
    expect(await refusal.textContent()).toContain(c.reason);
    await screenshot(chair, `${c.lang}-adoption-refused`);

    // Without consensus, the chair keeps paragraph 3 with a footnote pointing at the report's chapter IV, where the
    // statements on the item are recorded: the report's paragraphs are offered, IV first, by the numbers the report prints (issue 13).
    const chairApiCode = (await ok(sec, meetingId, { type: 'access.issue', role: 'chair', label: 'Chair (script)' })).issuedCodes[0].code as string;
    const chairApi = await env.server.signIn(meetingId, chairApiCode, 'Chair script');
    const item = (await ok(sec, meetingId, { type: 'agenda.addItem', title: c.lang === 'ar' ? 'عدم معاقبة الضحايا' : 'Non-punishment of victims' })).events[0].payload.item.id as string;
    for (const command of [{ type: 'meeting.open' }, { type: 'agenda.adopt' }, { type: 'agenda.takeUp', itemId: item }]) await ok(chairApi, meetingId, command);
    await ok(sec, meetingId, { type: 'speakers.request', itemId: item, delegationId: idOf('578') });
    await hearSpeakers(chairApi, meetingId, item, 2);
    await chair.locator('[data-testid="adoption-outcome-no_consensus"]').check();
    await chair.locator('[data-testid="adoption-footnote"]').selectOption('paragraph');
    const target = chair.locator('[data-testid="adoption-footnote-paragraph"]');
    await expect.poll(() => target.locator('optgroup').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await target.locator('optgroup').first().getAttribute('label')).toBe(c.chapterIV);
    const heard = target.locator('optgroup').first().locator('option').last();
    const choice = JSON.parse((await heard.getAttribute('value'))!);
    expect(choice).toEqual({ generated: `p-item-${item}-heard` });
    const shown = (await heard.textContent())!;
    await target.selectOption(JSON.stringify(choice));
    await screenshot(chair, `${c.lang}-adoption-footnote-report-paragraph`);
    await chair.locator('[data-testid="adoption-record"]').click();
    await chair.locator('[data-testid="adoption-panel"] .success').waitFor({ timeout: 10_000 });
    // The report prints the footnote with that paragraph's number, in both editions.
    let inReport = 0;
    for (const lang of ['en', 'ar']) {
      const report = (await sec.request('GET', `/api/meetings/${meetingId}/report?format=json&lang=${lang}`)).body;
      const at = report.items.find((i: any) => i.kind === 'paragraph' && i.sourceId === `p-item-${item}-heard`);
      // The option showed the number as the report in the meeting's language prints it ("9." or "٩-").
      if (lang === c.lang) expect(shown.startsWith(`${at.label} `)).toBe(true);
      inReport = at.n;
      const note = report.footnotes.at(-1).text.replace(/[\u200e\u200f]/g, '');
      expect(note).toContain(c.lang === 'ar' ? `الفقرة ${new Intl.NumberFormat('ar-EG', { useGrouping: false }).format(at.n)}` : `paragraph ${at.n}`);
    }

    // The text view shows the footnote under the text with the number the report prints, and says which numbering it is (issue 13).
    const digits = (n: number) => (c.lang === 'ar' ? new Intl.NumberFormat('ar-EG', { useGrouping: false }).format(n) : String(n));
    const reference = c.lang === 'ar' ? `الفقرة ${digits(inReport)} أدناه` : `paragraph ${inReport} below`;
    const footnote = norway.locator('[data-testid="draft-footnotes"] [data-testid="footnote"]');
    await expect.poll(() => footnote.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => footnote.locator('[data-testid="footnote-words"]').textContent(), { timeout: 10_000 }).toContain(reference);
    expect(await footnote.locator('[data-testid="footnote-words"]').textContent()).not.toContain('?');
    expect(await footnote.locator('[data-testid="footnote-in-report"]').textContent()).toContain(
      c.lang === 'ar' ? `الفقرة ${digits(inReport)}: خارج هذا النص، مرقّمة كما في التقرير` : `Paragraph ${inReport}: outside this text, numbered as in the report`,
    );
    await screenshot(norway, `${c.lang}-text-footnote-into-report`);
    // The footnote editor (the chair writes the text while nobody holds the pen) shows that paragraph by the report's number, not its id.
    await chair.goto(`${env.server.url}/text`);
    await chair.locator('[data-testid="draft-content"][data-writable="true"]').waitFor({ timeout: 15_000 });
    const chairNote = chair.locator('[data-testid="draft-footnotes"] [data-testid="footnote"]');
    await expect.poll(() => chairNote.locator('[data-testid="footnote-words"]').textContent(), { timeout: 10_000 }).toContain(reference);
    await chairNote.locator('button').click();
    const noteText = chair.locator('[data-testid="footnote-text"]');
    const token = c.lang === 'ar' ? `[[التقرير ${digits(inReport)}]]` : `[[report ${inReport}]]`;
    await expect.poll(() => noteText.inputValue(), { timeout: 10_000 }).toContain(token);
    expect(await noteText.inputValue()).not.toContain('p-item-');
    expect(await chair.locator('dialog .draft-preview').textContent()).toContain(reference);
    await screenshot(chair, `${c.lang}-footnote-editor-report-paragraph`);
    // Saved unchanged, it still points at the same paragraph of the report.
    await chair.locator('[data-testid="footnote-save"]').click();
    await expect.poll(() => chairNote.locator('[data-testid="footnote-words"]').textContent(), { timeout: 10_000 }).toContain(reference);

    // The story of paragraph 2: tabled by Norway, supported by Egypt, accepted by the chair.
    await paragraph(norway, 2).click();
    await norway.locator('[data-testid="story-link"]').click();
    await norway.locator('[data-testid="story-timeline"] li').first().waitFor({ timeout: 10_000 });
    const timeline = await norway.locator('[data-testid="story-timeline"]').textContent();
    expect(timeline).toContain(c.norway);
    expect(timeline).toContain(c.egypt);
    expect(await norway.locator('[data-testid="amendment-card"] .amendment-status').first().getAttribute('class')).toContain('status-accepted');
    await screenshot(norway, `${c.lang}-amendment-story`);
    // Exported to keep: the story as Markdown, with the sponsor and the decision.
    const [download] = await Promise.all([norway.waitForEvent('download'), norway.locator('[data-testid="story-export-md"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^paragraph-2-story\.md$/);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('Norway');
    expect(exported).toContain(c.replacement);
    await norway.locator('[data-testid="story-back"]').click();
    await paragraph(norway, 2).waitFor();
  }, 240_000);
});
