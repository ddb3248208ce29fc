/**
 * The report view (issue 6), in the browser: the secretariat sees the report
 * compiled live, each generated paragraph marked and linked to its source;
 * it writes the introduction in place and sees it numbered 1 in the report,
 * the recommendations moving down by one; the report in Arabic reads right
 * to left with Arabic-Indic numbers, whatever the UI's language; the DOCX
 * downloads with the session's token. The chair reads the report and cannot
 * write in it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closePages, fillDate, screenshot, SCREENSHOTS, sharedBrowser, signIn } from '../support/browser';
import { setupMeeting, type MeetingFixture, type SignedIn } from '../support/fixtures';
import { hearSpeakers, importRecommendations } from '../support/negotiation';
import { TestServer } from '../support/server';

let server: TestServer;
let browser: Browser;
let f: MeetingFixture;
let chair: SignedIn;
let itemId = '';
let recommendations: string[] = [];

const DRAFT = [
  'A. Implementation of the Protocol',
  '1. States parties should criminalize trafficking in persons in all its forms.',
  '2. States parties should protect victims and witnesses.',
  '3. The working group recommends that States parties:',
  '(a) Collect data;',
  '(b) Share information.',
].join('\n');

/** The report is compiled again a moment after a change (and a text's change is announced once a second): wait that long. */
const LIVE = { timeout: 10_000 };

const INTRODUCTION = 'In its decision 4/4, the Conference of the Parties established the working group.';

async function ok(res: Promise<{ status: number; body: any }>, what: string): Promise<any[]> {
  const r = await res;
  if (r.status !== 200 || !r.body?.ok) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.events;
}

const page$ = (page: Page) => page.locator('[data-testid="report-page"]');
const paragraphs = (page: Page) => page.locator('[data-testid="report-paragraph"]');
/** The report's numbers of one text's paragraphs, in order. */
const numbersOf = (page: Page, doc: string) =>
  page.locator(`[data-testid="report-paragraph"][data-doc="${doc}"]`).evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.n)));

async function openReport(page: Page, lang: string, code: string, name: string) {
  await signIn(page, server.url, lang, f.meetingId, code, name);
  await page.locator('.view-nav a[href="/report"]').click();
  await page$(page).waitFor();
  await expect.poll(() => paragraphs(page).count(), LIVE).toBeGreaterThan(0);
}

beforeAll(async () => {
  server = await TestServer.start();
  browser = await sharedBrowser();
  f = await setupMeeting(server);
  chair = await server.signIn(f.meetingId, f.chairCode.code, 'Dominika Krois');
  const run = (command: Record<string, unknown>, what: string) => ok(f.secretariat.command(f.meetingId, command), what);
  await run({ type: 'agenda.addItem', title: 'Organizational matters', plannedDate: '2027-01-27' }, 'item 1');
  const [added] = await run(
    {
      type: 'agenda.addItem',
      title: 'Implementation of the Protocol',
      plannedDate: '2027-01-27',
      documents: [{ symbol: 'CTOC/COP/WG.4/2027/2', title: 'Background paper prepared by the Secretariat' }],
    },
    'item 2',
  );
  itemId = added.payload.item.id;
  await run({ type: 'agenda.addItem', title: 'Adoption of the report' }, 'item 3');
  await ok(chair.command(f.meetingId, { type: 'meeting.open' }), 'open');
  await ok(chair.command(f.meetingId, { type: 'agenda.adopt' }), 'adopt');
  await ok(chair.command(f.meetingId, { type: 'agenda.takeUp', itemId }), 'take up');
  // Norway speaks before Egypt.
  await run({ type: 'speakers.request', itemId, delegationId: f.own.delegationId }, 'Norway');
  await run({ type: 'speakers.request', itemId, delegationId: f.other.delegationId }, 'Egypt');
  await hearSpeakers(chair, f.meetingId, itemId, 3);
  await importRecommendations(f.secretariat, f.meetingId, DRAFT);
  const text = await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/drafts/recommendations`);
  recommendations = (text.body.paragraphs as { id: string }[]).map((p) => p.id);
  await ok(
    chair.command(f.meetingId, { type: 'paragraph.setStatus', doc: 'recommendations', paragraphIds: [recommendations[0]], status: 'adopted' }),
    'adopt paragraph 1',
  );
});

afterAll(async () => {
  await closePages(browser);
  await server?.stop();
});

describe('the report view', () => {
  it('shows the secretariat the report live: generated paragraphs marked, each linked to its source', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openReport(page, 'en', f.secretariatCode, 'Report officer');
    const report = page$(page);
    expect(await report.getAttribute('lang')).toBe('en');
    expect(await report.getAttribute('dir')).toBe('ltr');
    await expect.poll(() => page.locator('[data-testid="report-symbol"]').textContent()).toBe('CTOC/COP/WG.4/2027/6');

    // II: the recommendations, not generated, the first adopted; III-IV generated, each marked.
    expect(await numbersOf(page, 'recommendations')).toEqual([1, 2, 3]);
    const adopted = page.locator('[data-testid="report-paragraph"][data-doc="recommendations"] [data-testid="adopted-tag"]');
    expect(await adopted.count()).toBe(1);
    const generated = page.locator('[data-testid="report-paragraph"][data-generated="true"]');
    const generatedCount = await generated.count();
    expect(generatedCount).toBeGreaterThan(3);
    expect(await page.locator('[data-testid="report-paragraph"][data-generated="true"] [data-testid="generated-tag"]').count()).toBe(generatedCount);
    expect(await page.locator('[data-testid="report-paragraph"][data-generated="false"] [data-testid="generated-tag"]').count()).toBe(0);
    expect(await generated.first().locator('[data-testid="generated-tag"]').textContent()).toBe('Generated');
    // The statements heard under the item, in the order spoken.
    const heard = page.locator('[data-testid="report-paragraph"][data-source-kind="statements"]');
    await expect.poll(() => heard.first().textContent(), LIVE).toMatch(/Norway.*Egypt/);
    await screenshot(page, 'en-report-secretariat');

    // The secretariat adds a section III.D Documentation, and takes it out again.
    const documentation = page.locator('[data-testid="report-paragraph"][data-source-kind="documents"]');
    await page.locator('[data-testid="report-documentation"]').check();
    await expect.poll(() => documentation.count(), LIVE).toBe(1);
    expect(await documentation.locator('[data-testid="generated-tag"]').count()).toBe(1);
    await page.locator('[data-testid="report-documentation"]').uncheck();
    await expect.poll(() => documentation.count(), LIVE).toBe(0);

    // The source of the statements heard: the statements log, at the item.
    await heard.first().locator('[data-testid="source-link"]').click();
    await page.waitForURL((url) => url.pathname === '/setup' && url.searchParams.get('tab') === 'statements');
    expect(new URL(page.url()).searchParams.get('item')).toBe(itemId);
    expect(await page.locator('#tab-statements').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('[data-testid="statements-item"]').inputValue()).toBe(itemId);

    // The source of "considered agenda item …": the agenda, that item shown and marked.
    await page.goBack();
    await page$(page).waitFor();
    await page.locator('[data-testid="report-paragraph"][data-source-kind="agenda_item"] [data-testid="source-link"]').first().click();
    await page.waitForURL((url) => url.pathname === '/setup' && url.searchParams.get('tab') === 'agenda');
    await page.locator('[data-testid="agenda-item"][aria-current="true"]').waitFor();
    expect(await page.locator('[data-testid="agenda-item"][aria-current="true"] .draft-item-title').first().textContent()).toContain('Implementation');

    // Back to the report; the source of a recommendation: the text view, at that paragraph.
    await page.goBack();
    await page$(page).waitFor();
    await page.locator(`[data-testid="report-paragraph"][data-doc="recommendations"][data-n="2"] [data-testid="source-link"]`).click();
    await page.waitForURL((url) => url.pathname === '/text' && url.searchParams.get('p') === recommendations[1]);
    await page.locator(`.draft-edit [data-pid="${recommendations[1]}"][data-selected="true"]`).waitFor();
    await page.close();
  });

  it('lets the secretariat write the introduction in place: it is paragraph 1 and the recommendations move down', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openReport(page, 'en', f.secretariatCode, 'Report officer');
    expect(await numbersOf(page, 'recommendations')).toEqual([1, 2, 3]);
    const write = page.locator('[data-testid="report-write"][data-doc="introduction"]');
    expect(await write.textContent()).toBe('Write');
    await write.click();
    const writer = page.locator('[data-testid="report-writer"][data-doc="introduction"]');
    const content = writer.locator('[data-testid="draft-content"][data-writable="true"]');
    await content.waitFor();
    // One open at a time: the other written parts keep their buttons, this one has the editor.
    expect(await page.locator('[data-testid="report-writer"]').count()).toBe(1);
    await content.click();
    await page.keyboard.type(INTRODUCTION);

    // The compiled report follows as the secretariat types.
    const intro = page.locator('[data-testid="report-paragraph"][data-doc="introduction"]');
    await expect.poll(() => intro.first().textContent(), LIVE).toContain(INTRODUCTION);
    expect(await intro.first().getAttribute('data-n')).toBe('1');
    expect(await intro.first().getAttribute('data-label')).toBe('1.');
    await expect.poll(() => numbersOf(page, 'recommendations'), LIVE).toEqual([2, 3, 4]);
    await screenshot(page, 'en-report-writing');

    await writer.locator('[data-testid="report-write-done"]').click();
    expect(await page.locator('[data-testid="report-writer"]').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.doc)).toBe('introduction');
    expect(await write.textContent()).toBe('Edit');
    await page.close();
  });

  it('shows the report in Arabic, right to left with Arabic-Indic numbers, in an Arabic or an English UI', async () => {
    for (const ui of ['en', 'ar']) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await openReport(page, ui, f.secretariatCode, 'Report officer');
      await page.locator('[data-testid="report-lang"]').selectOption('ar');
      const report = page$(page);
      await expect.poll(() => report.getAttribute('lang'), LIVE).toBe('ar');
      expect(await report.getAttribute('dir')).toBe('rtl');
      const labels = await paragraphs(page).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.label ?? ''));
      expect(labels.slice(0, 4)).toEqual(['١-', '٢-', '٣-', '٤-']);
      expect(labels.every((l) => /^[٠-٩]+-$/.test(l))).toBe(true);
      // The marks are the UI's.
      const tag = page.locator('[data-testid="generated-tag"]').first();
      expect(await tag.textContent()).toBe(ui === 'ar' ? 'مولَّدة آليا' : 'Generated');
      expect(await page.locator('html').getAttribute('dir')).toBe(ui === 'ar' ? 'rtl' : 'ltr');
      await screenshot(page, `${ui}-ui-ar-report`);
      await page.close();
    }
  });

  it('downloads the report as DOCX with the session, and the ledger', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    await openReport(page, 'en', f.secretariatCode, 'Report officer');
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/report?format=docx')),
      page.waitForEvent('download'),
      page.locator('[data-testid="export-docx"]').click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(Number(response.headers()['content-length'] ?? 1)).toBeGreaterThan(0);
    // The file saved is the server's answer: a zip (PK), of some size.
    expect(download.suggestedFilename()).toBe('CTOC_COP_WG.4_2027_6.en.docx');
    const saved = readFileSync((await download.path())!);
    expect(saved.length).toBeGreaterThan(1000);
    expect(saved.subarray(0, 2).toString('latin1')).toBe('PK');

    const [ledger] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-ledger"]').click()]);
    const lines = readFileSync((await ledger.path())!, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    // The record's export: a header naming the signing key, the events with their hashes, the signed head last.
    expect(JSON.parse(lines[0])).toMatchObject({ record: 'gavel' });
    expect(JSON.parse(lines[1])).toHaveProperty('hash');
    expect(JSON.parse(lines.at(-1)!)).toHaveProperty('signedHead');
    expect(await page.locator('[data-testid="download-error"]').count()).toBe(0);
    await page.close();
  });

  it('downloads the list of participants (the INF document) in English and Arabic: the meeting\'s delegations and persons, from an English and an Arabic UI', async () => {
    for (const [ui, lang] of [
      ['en', 'en'],
      ['ar', 'ar'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
      await openReport(page, ui, f.secretariatCode, 'Report officer');
      // The edition's language (the report view opens in the meeting's, English here).
      await page.locator('[data-testid="report-lang"]').selectOption(lang);
      await expect.poll(() => page$(page).getAttribute('lang'), LIVE).toBe(lang);
      await page.locator('[data-testid="participants-html"]').scrollIntoViewIfNeeded();
      await screenshot(page, `${ui}-report-participants-buttons`);
      // HTML: what the list says; PDF and DOCX: that the file the button saves is the server's document.
      const [response, download] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/participants?format=html')),
        page.waitForEvent('download'),
        page.locator('[data-testid="participants-html"]').click(),
      ]);
      expect(response.status()).toBe(200);
      expect(download.suggestedFilename()).toBe(`CTOC_COP_WG.4_2027_INF_1.${lang}.html`);
      const html = readFileSync((await download.path())!, 'utf8');
      expect(html).toContain('CTOC/COP/WG.4/2027/INF/1');
      const words =
        lang === 'en'
          ? ['List of participants', 'Norway', 'Egypt', 'Kari Nordmann', 'Amina Hassan']
          : ['قائمة المشاركين', 'النرويج', 'مصر', 'Kari Nordmann', 'Amina Hassan'];
      for (const w of words) expect(html, w).toContain(w);
      expect(html).toContain(`lang="${lang}"`);
      if (lang === 'ar') expect(html).toContain('dir="rtl"');
      // The list shows in a browser as the secretariat would print it.
      const shown = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
      await shown.setContent(html);
      await screenshot(shown, `${ui}-participants-list-${lang}`);
      await shown.close();
      const [docx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="participants-docx"]').click()]);
      const saved = readFileSync((await docx.path())!);
      expect(docx.suggestedFilename()).toBe(`CTOC_COP_WG.4_2027_INF_1.${lang}.docx`);
      expect(saved.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(await page.locator('[data-testid="download-error"]').count()).toBe(0);
      await page.close();
    }
    // The delegates do not get the list (it names persons): no buttons, and the server refuses them.
    const norway = await server.signIn(f.meetingId, f.own.code.code, 'Kari Nordmann');
    expect((await norway.request('GET', `/api/meetings/${f.meetingId}/participants?format=html&lang=en`)).status).toBe(403);
  });

  it('lets the chair read the report and record its adoption, but not write in it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await openReport(page, 'en', f.chairCode.code, 'Dominika Krois');
    await expect.poll(() => page.locator('[data-testid="report-paragraph"][data-doc="introduction"]').count(), LIVE).toBe(1);
    expect(await page.locator('[data-testid="report-write"]').count()).toBe(0);
    expect(await page.locator('[data-testid="report-writer"]').count()).toBe(0);
    expect(await page.locator('[data-testid="report-documentation"]').count()).toBe(0);
    expect(await page.locator('[data-testid="generated-tag"]').count()).toBeGreaterThan(3);
    // No set-up for the chair: the source is named, not linked; the recommendations' source is the text view.
    expect(await page.locator('[data-testid="report-paragraph"][data-source-kind="statements"] [data-testid="source-link"]').count()).toBe(0);
    expect(await page.locator('[data-testid="report-paragraph"][data-doc="recommendations"] [data-testid="source-link"]').count()).toBe(3);

    await fillDate(page.locator('[data-testid="report-adoption-date"]'), '2027-01-29');
    await page.locator('[data-testid="report-adopt"]').click();
    await expect.poll(() => page.locator('[data-testid="report-adopted"]').textContent()).toBe('Adopted on 29 January 2027');
    // Chapter V follows, generated from the adoption record; its source is the adoption in the tools above.
    const adoption = page.locator('[data-testid="report-paragraph"][data-source-kind="report_adoption"]');
    await expect.poll(() => adoption.count(), LIVE).toBe(1);
    expect(await adoption.textContent()).toContain('29 January 2027');
    await adoption.locator('[data-testid="source-link"]').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('report-reopen');
    await screenshot(page, 'en-report-chair');

    // Reopened with a reason: the adoption can be recorded again, and chapter V waits for it.
    await page.locator('[data-testid="report-reopen"]').click();
    await page.locator('[data-testid="report-reopen-reason"]').fill('Wrong date');
    await page.locator('[data-testid="report-reopen-confirm"]').click();
    await page.locator('[data-testid="report-adopt"]').waitFor();
    await expect.poll(() => adoption.count(), LIVE).toBe(0);
    await page.close();
  });

  it('shows the report and prints its PDF in English, Arabic, Chinese and Russian: the view, and the PDF pages with the footnote at the foot (issue 13)', async () => {
    // A recommendation kept without consensus, its footnote pointing at chapter IV (the statements heard): a note to see on the PDF's page.
    await ok(
      chair.command(f.meetingId, {
        type: 'adoption.decide',
        doc: 'recommendations',
        paragraphIds: [recommendations[1]],
        outcome: 'no_consensus',
        disposition: 'keep',
        footnote: { target: { generated: `p-item-${itemId}-heard` } },
      }),
      'no consensus with a footnote',
    );
    const CHAPTER_IV = { en: 'Summary of deliberations', ar: 'ملخص المداولات', zh: '讨论摘要', ru: 'Краткое изложение хода обсуждения' } as const;
    const dir = mkdtempSync(join(tmpdir(), 'gavel-report-pdf-'));
    try {
      for (const lang of ['en', 'ar', 'zh', 'ru'] as const) {
        const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
        await openReport(page, lang, f.secretariatCode, 'Report officer');
        await page.locator('[data-testid="report-lang"]').selectOption(lang);
        await expect.poll(() => page$(page).getAttribute('lang'), LIVE).toBe(lang);
        await expect.poll(() => page$(page).textContent(), LIVE).toContain(CHAPTER_IV[lang]);
        await screenshot(page, `${lang}-report-view-${lang}`);
        await page.close();

        const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/report?format=pdf&lang=${lang}`, { headers: { authorization: `Bearer ${f.secretariat.token}` } });
        expect(res.status).toBe(200);
        const file = join(dir, `${lang}.pdf`);
        writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
        expect(text).toContain(CHAPTER_IV[lang]);
        // The footnote's reference resolved to the report's number (in English words: the meeting's language).
        const heard = ((await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/report?format=json&lang=${lang}`)).body as any).items.find(
          (i: any) => i.kind === 'paragraph' && i.sourceId === `p-item-${itemId}-heard`,
        );
        expect(text.replace(/\s+/g, ' ')).toContain(`see paragraph ${heard.n} below.`);
        execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', file, join(dir, lang)]);
        for (const n of [1, 2]) {
          const png = [join(dir, `${lang}-${n}.png`), join(dir, `${lang}-0${n}.png`)].find((p) => {
            try {
              readFileSync(p);
              return true;
            } catch {
              return false;
            }
          });
          if (png) copyFileSync(png, join(SCREENSHOTS, `${lang}-report-pdf-page-${n}.png`));
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
