/**
 * A report the size of the model (116 numbered paragraphs, 15 footnotes, 120
 * participants, 150 statements; tests/support/model-meeting.ts), built
 * through the API, then opened as its readers open it: the DOCX in
 * LibreOffice Writer (imported and laid out to PDF, read back), in English
 * and Arabic, and the Akoma Ntoso XML against the OASIS schema.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModelMeeting, type Built } from '../support/model-meeting';
import { openInLibreOffice } from '../support/libreoffice';
import { validateAgainstAkn, xpath } from '../support/xsd';

let built: Built;

async function report(query: string): Promise<Buffer> {
  const res = await built.gavel.app.inject({
    method: 'GET',
    url: `/api/meetings/${built.meetingId}/report${query}`,
    headers: { authorization: `Bearer ${built.token}` },
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}

beforeAll(async () => {
  built = await buildModelMeeting();
}, 120_000);
afterAll(async () => {
  await built?.gavel.close();
  if (built) rmSync(built.dataDir, { recursive: true, force: true });
});

const flat = (s: string) => s.replace(/[\u200e\u200f]/g, '').replace(/\s+/g, ' ');

describe('the model-size report', () => {
  it('opens in LibreOffice in English: every page laid out, the last paragraph numbered 116, all 15 footnotes', async () => {
    const { text, pages } = await openInLibreOffice(await report('?format=docx&lang=en'));
    expect(pages).toBeGreaterThan(10);
    const words = flat(text);
    expect(words).toContain('III. Organization of the meeting');
    expect(words).toMatch(/116\. /);
    expect(words).not.toMatch(/117\. /);
    // The footnotes at the foot of their pages, numbered by Word/LibreOffice through the whole report.
    expect(words).toContain('For the discussion of the working group on this recommendation, see paragraph');
  }, 180_000);

  it('opens in LibreOffice in Arabic: right to left, Arabic-Indic numbers, the Arabic chapters', async () => {
    const { text, pages } = await openInLibreOffice(await report('?format=docx&lang=ar'));
    expect(pages).toBeGreaterThan(10);
    // pdftotext reads words back in visual order around embedded Latin text and splits the lam-alif
    // ligature (لا), so the checks are on words without it.
    for (const words of ['ثالثا', 'رابعا', 'توصيات الفريق العامل', '١١٦', 'Arabic', 'Original: English']) expect(text, words).toContain(words);
    expect(text).not.toContain('١١٧');
  }, 180_000);

  it('validates as Akoma Ntoso in both languages, with its 116 paragraphs and 15 footnotes', async () => {
    for (const lang of ['en', 'ar']) {
      const xml = (await report(`?format=xml&lang=${lang}`)).toString('utf8');
      const valid = await validateAgainstAkn(xml);
      expect(valid.errors).toBe('');
      expect(await xpath(xml, 'count(//paragraph)')).toBe('116');
      expect(await xpath(xml, 'count(//authorialNote)')).toBe('15');
    }
  }, 60_000);
});
