import { describe, expect, it } from 'vitest';
import { createEditor } from 'lexical';
import { $replaceWithBlocks } from './build';
import { classifyLines, findWrittenReferences, noParagraphsReason, parsePlainDraft, typedReportReference } from './import';
import { GAVEL_NODES } from './nodes';
import { $readDraft } from './outline';

describe('a paragraph of the report numbered by hand in a footnote\'s words (issue 13)', () => {
  // A number typed beside the placeholder is one too: "paragraphs {n} and 110" would print 110 whatever the numbering becomes.
  it.each([
    ['For the views expressed, see paragraphs {n} and 110 below.', 'paragraphs {n} and 110 below'],
    ['See paragraphs {n}, 110 and 111 of the report.', 'paragraphs {n}, 110 and 111'],
    ['See paragraph {n} and 110.', 'paragraph {n} and 110'],
    ['See {ref} and 110.', '{ref} and 110'],
    ['See {ref}, and paragraph 110 below.', 'paragraph 110 below'],
    ['Voir les paragraphes {n} et 110 ci-après.', 'paragraphes {n} et 110 ci-après'],
    ['Véanse los párrafos {n} y 110 infra.', 'párrafos {n} y 110 infra'],
    ['См. пункты {n} и 110 ниже.', 'пункты {n} и 110 ниже'],
    ['انظر الفقرتين {n} و١١٠ أدناه.', 'الفقرتين {n} و١١٠ أدناه'],
    ['انظر الفقرتين {n} و 110 أدناه.', 'الفقرتين {n} و 110 أدناه'],
    ['见下文第{n}和110段。', '下文第{n}和110段'],
    ['见报告第{n}段和第110段。', '第110段'],
    ['paragraph 109 of the report', 'paragraph 109'],
    ['الفقرة ١٠٩ أدناه', 'الفقرة ١٠٩ أدناه'],
  ])('%s', (words, typed) => {
    expect(typedReportReference(words)).toBe(typed);
  });

  it.each([
    'For the views expressed, see paragraph {n} of the report.',
    'See {ref}.',
    'Voir les paragraphes {n} ci-après.',
    'انظر الفقرة {n} أدناه.',
    '见报告第{n}段。',
    // Another document's paragraphs stay words.
    'See paragraph {n} below and paragraphs 12 and 13 of the 2009 report (CTOC/COP/WG.4/2009/2).',
    'Véanse el párrafo {n} infra y los párrafos 12 y 13 del informe de 2009.',
    'См. пункт {n} ниже и пункты 12 и 13 доклада 2009 года.',
    'انظر الفقرة {n} أدناه والفقرتين ١٢ و١٣ من تقرير عام ٢٠٠٩.',
    '见下文第{n}段和2009年报告第12和13段。',
  ])('%s: nothing typed', (words) => {
    expect(typedReportReference(words)).toBeNull();
  });
});

describe('references to this text, and to others (issue 13)', () => {
  it.each([
    ['see paragraph 50 above', { ref: 50, words: 'paragraph 50 above' }],
    ['as set out in paragraph 3 of the present report', { ref: 3, words: 'paragraph 3' }],
    ['paragraph 12 of the 2009 report', { outside: 'paragraph 12' }],
    ['paragraph 3 of resolution 64/178', { outside: 'paragraph 3' }],
    ['au paragraphe 12 de la résolution 64/178', { outside: 'paragraphe 12' }],
    ['au paragraphe 12 du présent rapport', { ref: 12, words: 'paragraphe 12' }],
    ['en el párrafo 12 del informe de 2009', { outside: 'párrafo 12' }],
    ['в пункте 12 доклада 2009 года', { outside: 'пункте 12' }],
    ['в пункте 12 настоящего доклада', { ref: 12, words: 'пункте 12' }],
    ['الفقرة 12 من تقرير عام 2009', { outside: 'الفقرة 12' }],
    ['الفقرة ١٢ من هذا التقرير', { ref: 12, words: 'الفقرة ١٢' }],
    ['2009年报告第12段', { outside: '第12段' }],
    ['见上文第50段', { ref: 50, words: '上文第50段' }],
  ])('%s', (text, piece) => {
    expect(findWrittenReferences(text).filter((p) => !('text' in p))).toEqual([piece]);
  });

  it('links only this text\'s paragraphs: another document\'s paragraph 12 stays words, and the notes say so by line', () => {
    const draft = [
      '12. Recalling the work of the Working Group.',
      '13. The Working Group recalled paragraph 12 of the 2009 report and paragraph 12 above.',
      '14. See also paragraph 99 above.',
    ].join('\n');
    const reading = parsePlainDraft(draft);
    expect(reading.notes).toEqual([
      { line: 2, code: 'external_reference', text: 'paragraph 12' },
      { line: 3, code: 'unknown_reference', text: 'paragraph 99 above' },
    ]);
    const editor = createEditor({ nodes: GAVEL_NODES, onError: (e) => { throw e; } });
    editor.update(() => void $replaceWithBlocks(reading.blocks), { discrete: true });
    const text = editor.read(() => $readDraft('en')).units.map((u) => u.text);
    // Gavel numbers the paragraphs 1 to 3: the reference to this text's 12 follows it; the 2009 report's does not.
    expect(text[1]).toBe('The Working Group recalled paragraph 12 of the 2009 report and paragraph 1 above.');
    expect(text[2]).toBe('See also paragraph 99 above.');
  });
});

describe('what the import guessed, by line', () => {
  it('explains every heading it made from a line\'s look, with the line', () => {
    const reading = parsePlainDraft(['A. Implementation', '', '1. General', '50. The Working Group reiterates its recommendations.', '2. Victims'].join('\n'));
    expect(reading.blocks.map((b) => b.kind)).toEqual(['section', 'subsection', 'paragraph', 'subsection']);
    expect(reading.notes).toEqual([
      { line: 1, code: 'section_mark', text: 'A. Implementation' },
      { line: 3, code: 'short_numbered_line', text: '1. General' },
      { line: 5, code: 'short_numbered_line', text: '2. Victims' },
    ]);
  });

  it('a heading the document\'s style gives is no guess', () => {
    const reading = classifyLines([{ runs: [{ text: 'Implementation' }], hint: { heading: 1 } }, { runs: [{ text: '1. The Working Group met.' }] }]);
    expect(reading.blocks.map((b) => b.kind)).toEqual(['section', 'paragraph']);
    expect(reading.notes).toEqual([]);
  });

  it('says why a draft has no paragraphs', () => {
    expect(noParagraphsReason(parsePlainDraft('\n  \n'))).toBe('empty');
    const headings = parsePlainDraft('1. Organizational matters\n2. Implementation of the Protocol');
    expect(noParagraphsReason(headings)).toBe('only_headings');
    expect(headings.notes.map((n) => [n.line, n.code])).toEqual([
      [1, 'short_numbered_line'],
      [2, 'short_numbered_line'],
    ]);
    expect(noParagraphsReason(parsePlainDraft('1. The Working Group met.'))).toBeNull();
  });
});
