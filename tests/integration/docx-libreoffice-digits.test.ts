/**
 * The Arabic DOCX as LibreOffice shows it: footnote numbers in Arabic-Indic
 * digits (١، ٢) at the marker and before the note, as in Word, not 1, 2
 * (LibreOffice 7.4 does not map Word's numFmt "hindiNumbers").
 */
import { describe, expect, it } from 'vitest';
import { renderDocx } from '@gavel/server/export/docx';
import { openInLibreOffice } from '../support/libreoffice';

describe('the Arabic DOCX in LibreOffice', () => {
  it('shows the footnote numbers in Arabic-Indic digits, in the text and before each note', async () => {
    const docx = await renderDocx({
      lang: 'ar',
      dir: 'rtl',
      masthead: { symbol: '', distribution: 'عام', date: '', language: '', originalLanguage: 'الأصل: بالعربية', title: 'تقرير الفريق العامل', body: 'مؤتمر الأطراف' },
      blocks: [
        {
          kind: 'paragraph',
          number: '١-',
          runs: [{ text: 'عقد الفريق العامل اجتماعه' }, { footnote: '١', text: 'انظر المقرر السابق.' }, { text: ' ونظر في البند' }, { footnote: '٢', text: 'انظر الفقرة التالية.' }],
        },
      ],
    });
    const { text } = await openInLibreOffice(docx);
    const flat = text.replace(/[\u200e\u200f\u202a-\u202e]/g, '').replace(/\s+/g, ' ');
    // No Latin digit anywhere: neither at the markers nor before the notes.
    expect(flat).not.toMatch(/[0-9]/);
    expect(flat).toMatch(/اجتماعه ?١/);
    // The second marker ends the line: pdftotext may read it after the notes; it is there once with its note.
    expect(flat.match(/٢/g)).toHaveLength(2);
    expect(flat).toMatch(/١ ?انظر المقرر السابق/);
    expect(flat).toMatch(/٢ ?انظر الفقرة التالية/);
  }, 120_000);
});
