/**
 * The text view says what the import guessed and which numbering a number is
 * (issue 13), in English and Arabic: a short numbered line without a full
 * stop became a heading and the panel says so by line; another document's
 * "paragraph 12" stays words; the selected paragraph reads "paragraph 1 of
 * the draft (paragraph n of the report)".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_STRINGS } from '@gavel/shared/i18n/ui/index';
import { screenshot, signIn, serverAndBrowser } from '../support/browser';
import { tempDir } from '../support/server';

const DRAFT = ['1. Non-punishment of victims', '12. The Working Group met.', '13. It recalled paragraph 12 of the 2009 report and paragraph 12 above.'].join('\n');

describe.each([{ lang: 'en' as const }, { lang: 'ar' as const }])('numbers in the text view ($lang)', ({ lang }) => {
  const s = UI_STRINGS[lang];
  const dir = tempDir('gavel-draft-');

  const env = serverAndBrowser();

  it('explains the import by line and names the draft\'s and the report\'s numbering', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting();
    const page = await env.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, env.server.url, lang, meetingId, secretariatCode, 'Conference officer');
    await page.goto(`${env.server.url}/text`);
    await page.locator('.draft-edit [data-testid="draft-content"]').waitFor();

    const file = join(dir, 'draft.txt');
    writeFileSync(file, DRAFT);
    await page.locator('summary', { hasText: s.text.importTitle }).click();
    await page.getByLabel(s.text.importFile).setInputFiles(file);
    await page.locator('button', { hasText: s.text.importButton }).click();
    await page.getByTestId('app-dialog').locator('button[type="submit"]').click();
    const notes = page.getByTestId('import-notes');
    await notes.waitFor();
    const one = lang === 'ar' ? '١' : '1';
    const three = lang === 'ar' ? '٣' : '3';
    const shown = await notes.textContent();
    expect(shown).toContain(`${s.text.importLine.replace('{{line}}', one)}: ${s.text.importNote_short_numbered_line}`);
    expect(shown).toContain(`${s.text.importLine.replace('{{line}}', three)}: ${s.text.importNote_external_reference}`);
    await screenshot(page, `${lang}-text-import-notes`);

    const first = page.locator('.draft-edit .draft-content > p[data-pid]').first();
    await expect.poll(() => page.locator('.draft-edit .draft-content > p[data-pid]').count()).toBe(2);
    expect(await page.locator('.draft-edit .draft-content > p[data-pid]').nth(1).textContent()).toContain('paragraph 12 of the 2009 report');
    await first.click();
    const numberings = page.getByTestId('numberings');
    // The draft's 1 is the report's n (chapter I numbers on from whatever comes before it); numbers in the text's language (English).
    const pattern = s.numbering.draftAndReport.replace('{{number}}', '1').split('{{report}}')[0];
    await expect.poll(() => numberings.textContent()).toContain(pattern);
    await screenshot(page, `${lang}-text-numberings`);
  });
});
