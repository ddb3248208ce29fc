import { describe, expect, it } from 'vitest';
import { filenameFrom, ledgerUrl, participantsUrl, reportUrl } from './exports';

describe('downloads', () => {
  it('take the file name the server gives', () => {
    expect(filenameFrom('attachment; filename="CTOC_COP_WG.4_2027_6.ar.docx"', 'x')).toBe('CTOC_COP_WG.4_2027_6.ar.docx');
    expect(filenameFrom('inline; filename=report.md', 'x')).toBe('report.md');
    expect(filenameFrom("attachment; filename=\"r.pdf\"; filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.pdf", 'x')).toBe('تقرير.pdf');
  });

  it('fall back to a name of their own, and never to a path', () => {
    expect(filenameFrom(null, 'report.en.docx')).toBe('report.en.docx');
    expect(filenameFrom('attachment', 'report.en.docx')).toBe('report.en.docx');
    expect(filenameFrom('attachment; filename="../../etc/passwd"', 'x')).toBe('.._.._etc_passwd');
  });

  it('ask for the report in a format and a language, and for the ledger as JSON lines', () => {
    expect(reportUrl('mt_abc', 'docx', 'ar')).toBe('/api/meetings/mt_abc/report?format=docx&lang=ar');
    expect(ledgerUrl('mt_abc')).toBe('/api/meetings/mt_abc/ledger?format=jsonl');
  });

  it('ask for the list of participants in a format and a language', () => {
    expect(participantsUrl('mt_abc', 'pdf', 'zh')).toBe('/api/meetings/mt_abc/participants?format=pdf&lang=zh');
  });
});
