import { describe, expect, it } from 'vitest';
import { DomainError } from '@gavel/shared';
import { docx, zip } from './docx-fixture';
import { htmlToLines, readDraftUpload, zipClaims } from './import';

describe('importing a DOCX draft', () => {
  it('reads headings, numbered paragraphs, subparagraphs, bold, italic and footnotes', async () => {
    const file = docx([
      { heading: 1, runs: [{ text: 'D. Non-punishment and non-prosecution of victims' }] },
      { heading: 2, runs: [{ text: '1. Implementation' }] },
      {
        runs: [
          { text: '50. The Working Group ' },
          { text: 'reiterates', bold: true },
          { text: ' its recommendations.' },
          { footnote: 'CTOC/COP/WG.4/2009/2, para. 5.' },
          { footnote: 'For the discussion of the working group on this recommendation, see paragraph 109 below.' },
        ],
      },
      { runs: [{ text: '51. States parties should:' }] },
      { runs: [{ text: '(a) Consider ' }, { text: 'in good faith', italic: true }, { text: ';' }] },
      { runs: [{ text: '109. Views differed sharply.' }] },
    ]);
    const { blocks } = await readDraftUpload('docx', file);
    expect(blocks.map((b) => b.kind)).toEqual(['section', 'subsection', 'paragraph', 'paragraph', 'list', 'paragraph']);
    expect(blocks[0]).toEqual({ kind: 'section', runs: [{ text: 'Non-punishment and non-prosecution of victims' }] });
    expect(blocks[2]).toEqual({
      kind: 'paragraph',
      source: 50,
      runs: [
        { text: 'The Working Group ' },
        { text: 'reiterates', bold: true },
        { text: ' its recommendations.' },
        { footnote: 'CTOC/COP/WG.4/2009/2, para. 5.' },
        { footnote: 'For the discussion of the working group on this recommendation, see paragraph 109 below.' },
      ],
    });
    expect(blocks[4]).toEqual({
      kind: 'list',
      items: [{ depth: 0, runs: [{ text: 'Consider ' }, { text: 'in good faith', italic: true }, { text: ';' }] }],
    });
  });

  it('reads a numbered list after a line ending in a colon as subparagraphs, nested lists one level down', () => {
    const lines = htmlToLines('<p>51. States should:</p><ol><li>first<ol><li>inner</li></ol></li><li>second</li></ol><ol><li>A paragraph.</li></ol>');
    expect(lines).toEqual([
      { runs: [{ text: '51. States should:' }] },
      { runs: [{ text: 'first' }], hint: { listDepth: 0 } },
      { runs: [{ text: 'inner' }], hint: { listDepth: 1 } },
      { runs: [{ text: 'second' }], hint: { listDepth: 0 } },
      { runs: [{ text: 'A paragraph.' }] },
    ]);
  });

  it('refuses what is not a DOCX, and a zip that claims to unpack to too much', async () => {
    await expect(readDraftUpload('docx', Buffer.from('not a zip at all'))).rejects.toThrow(DomainError);
    const bomb = zip({ 'word/document.xml': 'x' });
    // Claim 1 GB uncompressed in the central directory.
    const dir = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(1024 * 1024 * 1024, dir + 24);
    expect(zipClaims(bomb).unzipped).toBe(1024 * 1024 * 1024);
    await expect(readDraftUpload('docx', bomb)).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(readDraftUpload('docx', zip({ 'hello.txt': 'hi' }))).rejects.toMatchObject({ code: 'invalid_command' });
  });

  it('reads plain text, and refuses binary passed off as text', async () => {
    expect((await readDraftUpload('text', 'A. Section\n1. The first paragraph.')).blocks.map((b) => b.kind)).toEqual(['section', 'paragraph']);
    await expect(readDraftUpload('text', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).rejects.toThrow(DomainError);
  });
});
