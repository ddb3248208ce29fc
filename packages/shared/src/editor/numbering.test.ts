import { describe, expect, it } from 'vitest';
import type { Lang } from '../languages';
import { numberToken, refToken } from './footnotes';
import { crossRefWords, paragraphLabel, sectionLabel, subparagraphLabel, subsectionLabel } from './labels';
import { numberDocument, type DocItem } from './numbering';

/** Paragraph ids that read as what they are in the tests: p_para050 … */
const pid = (n: number) => `p_para${String(n).padStart(3, '0')}`;
let keySeq = 0;
const key = () => `k${++keySeq}`;
const para = (n: number): DocItem => ({ kind: 'paragraph', key: `para-${n}`, id: pid(n) });
const section = (): DocItem => ({ kind: 'section', key: key() });
const subsection = (): DocItem => ({ kind: 'subsection', key: key() });
const footnote = (note: string, k = key()): DocItem => ({ kind: 'footnote', key: k, note });
const xref = (target: string, k = key()): DocItem => ({ kind: 'xref', key: k, target });

/**
 * Chapter II and IV of the model report, reduced to what carries numbers:
 * paragraphs 6-115 (chapter II starts at 6), with paragraph 50 carrying
 * footnotes 8 and 9, footnote 9 pointing at paragraph 109. Footnotes 1-7
 * are spread over earlier paragraphs.
 */
function modelReport(insertBefore50 = false): DocItem[] {
  const items: DocItem[] = [];
  for (let n = 1; n <= 115; n++) {
    if (n === 6 || n === 31 || n === 38 || n === 50 || n === 59) items.push(section(), subsection());
    if (n === 50 && insertBefore50) items.push({ kind: 'paragraph', key: 'new', id: 'p_inserted1' });
    items.push(para(n));
    if (n <= 7) items.push(footnote(`footnote in paragraph ${n}`));
    if (n === 50) {
      items.push(footnote('Report on the meeting of the working group held in 2009 (CTOC/COP/WG.4/2009/2), para. 5.', 'fn8'));
      items.push(
        footnote(`For the discussion of the working group on this recommendation, see ${refToken(pid(109))}.`, 'fn9'),
      );
    }
    if (n === 109) items.push(xref(pid(50), 'back-to-50'));
  }
  return items;
}

describe('numbering a drafted text', () => {
  it('numbers the model report: paragraph 50 carries footnote 9, which points at paragraph 109 below', () => {
    const numbering = numberDocument(modelReport(), { lang: 'en' });
    expect(numbering.numberOf.get(pid(50))).toBe(50);
    expect(numbering.labels.get('para-50')).toBe('50.');
    expect(numbering.labels.get('fn8')).toBe('8');
    expect(numbering.labels.get('fn9')).toBe('9');
    const nine = numbering.footnotes.find((f) => f.key === 'fn9')!;
    expect(nine).toMatchObject({ number: 9, paragraphId: pid(50) });
    expect(nine.text).toBe('For the discussion of the working group on this recommendation, see paragraph 109 below.');
    expect(numbering.labels.get('back-to-50')).toBe('paragraph 50 above');
    expect(numbering.broken).toEqual([]);
  });

  it('renumbers everything after a paragraph inserted before paragraph 50, footnotes and references included', () => {
    const numbering = numberDocument(modelReport(true), { lang: 'en' });
    expect(numbering.numberOf.get('p_inserted1')).toBe(50);
    expect(numbering.numberOf.get(pid(50))).toBe(51);
    expect(numbering.labels.get('para-50')).toBe('51.');
    expect(numbering.numberOf.get(pid(109))).toBe(110);
    expect(numbering.order).toHaveLength(116);
    // The inserted paragraph has no footnote: footnote 9 stays 9, and now says 110.
    expect(numbering.footnotes.find((f) => f.key === 'fn9')!.text).toBe(
      'For the discussion of the working group on this recommendation, see paragraph 110 below.',
    );
    expect(numbering.labels.get('back-to-50')).toBe('paragraph 51 above');
  });

  it('puts the number alone where the footnote\'s words ask for it ({n}), and it follows the numbering', () => {
    const items = modelReport(true);
    items.push(footnote(`See paragraph ${numberToken(pid(109))} of the report.`, 'fn-bare'));
    expect(numberDocument(items, { lang: 'en' }).footnotes.find((f) => f.key === 'fn-bare')!.text).toBe('See paragraph 110 of the report.');
    expect(numberDocument(items, { lang: 'ar' }).footnotes.find((f) => f.key === 'fn-bare')!.text).toBe('See paragraph ١١٠ of the report.');
  });

  it('says the same in Arabic, with Arabic-Indic digits and Arabic labels', () => {
    const numbering = numberDocument(modelReport(), { lang: 'ar' });
    expect(numbering.labels.get('para-50')).toBe('٥٠-');
    expect(numbering.labels.get('fn9')).toBe('٩');
    expect(numbering.footnotes.find((f) => f.key === 'fn9')!.text).toContain('الفقرة ١٠٩ أدناه');
    expect(numbering.labels.get('back-to-50')).toBe('الفقرة ٥٠ أعلاه');
  });

  const sectionsCase: { name: string; items: DocItem[]; want: Record<string, string> }[] = [
    {
      name: 'sections are lettered across the text, subsections restart in each section',
      items: [
        { kind: 'section', key: 'A' },
        { kind: 'subsection', key: 'A1' },
        para(1),
        { kind: 'subsection', key: 'A2' },
        para(2),
        { kind: 'section', key: 'B' },
        { kind: 'subsection', key: 'B1' },
        para(3),
      ],
      want: { A: 'A.', A1: '1.', A2: '2.', B: 'B.', B1: '1.', 'para-1': '1.', 'para-3': '3.' },
    },
    {
      name: 'subparagraphs are lettered per list, one level down in roman numerals',
      items: [
        para(1),
        { kind: 'subparagraph', key: 'a', list: 'L1', depth: 0 },
        { kind: 'subparagraph', key: 'b', list: 'L1', depth: 0 },
        { kind: 'subparagraph', key: 'b-i', list: 'L2', depth: 1 },
        { kind: 'subparagraph', key: 'b-ii', list: 'L2', depth: 1 },
        { kind: 'subparagraph', key: 'c', list: 'L1', depth: 0 },
        para(2),
        { kind: 'subparagraph', key: 'again-a', list: 'L3', depth: 0 },
      ],
      want: { a: '(a)', b: '(b)', 'b-i': '(i)', 'b-ii': '(ii)', c: '(c)', 'again-a': '(a)' },
    },
    {
      name: 'a paragraph pointing at itself names no direction',
      items: [para(1), para(2), xref(pid(2), 'self')],
      want: { self: 'paragraph 2' },
    },
    {
      name: 'a reference to a paragraph that is gone shows a question mark',
      items: [para(1), xref('p_goneaway', 'gone')],
      want: { gone: 'paragraph ? below' },
    },
  ];
  it.each(sectionsCase)('$name', ({ items, want }) => {
    const { labels } = numberDocument(items, { lang: 'en' });
    for (const [k, label] of Object.entries(want)) expect([k, labels.get(k)]).toEqual([k, label]);
  });

  it('moves "above" to "below" when the target moves past the reference', () => {
    const before = numberDocument([para(1), para(2), xref(pid(1), 'r'), para(3)], { lang: 'en' });
    const after = numberDocument([para(2), xref(pid(1), 'r'), para(3), para(1)], { lang: 'en' });
    expect(before.labels.get('r')).toBe('paragraph 1 above');
    expect(after.labels.get('r')).toBe('paragraph 3 below');
  });

  it('leaves deleted paragraphs without a number and reports references to them as broken', () => {
    const items = [para(1), para(2), para(3), xref(pid(2), 'r'), footnote(`see ${refToken(pid(2))}`, 'f')];
    const n = numberDocument(items, { lang: 'en', omit: new Set([pid(2)]) });
    expect(n.order).toEqual([pid(1), pid(3)]);
    expect(n.labels.has('para-2')).toBe(false);
    expect(n.labels.get('para-3')).toBe('2.');
    expect(n.labels.get('r')).toBe('paragraph ? above');
    expect(n.broken.sort()).toEqual(['f', 'r']);
  });

  it('numbers a copied paragraph id only once', () => {
    const n = numberDocument([para(1), { kind: 'paragraph', key: 'copy', id: pid(1) }, para(2)], { lang: 'en' });
    expect(n.labels.get('copy')).toBeUndefined();
    expect(n.labels.get('para-2')).toBe('2.');
  });

  it('records which paragraph owns each subparagraph, footnote and reference', () => {
    const n = numberDocument(
      [section(), footnote('in a heading', 'fh'), para(1), { kind: 'subparagraph', key: 'a', list: 'L', depth: 0 }, footnote('x', 'f1')],
      { lang: 'en' },
    );
    expect(n.owner.get('a')).toBe(pid(1));
    expect(n.owner.get('L')).toBe(pid(1));
    expect(n.owner.get('f1')).toBe(pid(1));
    expect(n.owner.has('fh')).toBe(false);
    expect(n.footnotes.map((f) => [f.number, f.paragraphId])).toEqual([
      [1, null],
      [2, pid(1)],
    ]);
  });
});

describe('labels in the six languages', () => {
  const table: { lang: Lang; paragraph: string; section: string; subsection: string; sub: string; subSub: string; below: string; above: string }[] = [
    { lang: 'en', paragraph: '110.', section: 'D.', subsection: '1.', sub: '(b)', subSub: '(ii)', below: 'paragraph 110 below', above: 'paragraph 110 above' },
    { lang: 'fr', paragraph: '110.', section: 'D.', subsection: '1.', sub: 'b)', subSub: 'ii)', below: 'paragraphe 110 ci-après', above: 'paragraphe 110 ci-dessus' },
    { lang: 'es', paragraph: '110.', section: 'D.', subsection: '1.', sub: 'b)', subSub: 'ii)', below: 'párrafo 110 infra', above: 'párrafo 110 supra' },
    { lang: 'ru', paragraph: '110.', section: 'D.', subsection: '1.', sub: 'b)', subSub: 'ii)', below: 'пункт 110 ниже', above: 'пункт 110 выше' },
    { lang: 'zh', paragraph: '110.', section: 'D.', subsection: '1.', sub: '(b)', subSub: '(ii)', below: '下文第110段', above: '上文第110段' },
    { lang: 'ar', paragraph: '١١٠-', section: 'دال-', subsection: '١-', sub: '(ب)', subSub: '(٢)', below: 'الفقرة ١١٠ أدناه', above: 'الفقرة ١١٠ أعلاه' },
  ];
  it.each(table)('$lang', ({ lang, paragraph, section: s, subsection: ss, sub, subSub, below, above }) => {
    expect(paragraphLabel(110, lang)).toBe(paragraph);
    expect(sectionLabel(4, lang)).toBe(s);
    expect(subsectionLabel(1, lang)).toBe(ss);
    expect(subparagraphLabel(2, 0, lang)).toBe(sub);
    expect(subparagraphLabel(2, 1, lang)).toBe(subSub);
    expect(crossRefWords(110, 'below', lang)).toBe(below);
    expect(crossRefWords(110, 'above', lang)).toBe(above);
  });

  it('numbers a footnote pointing outside the text as the report numbers it, and says so (issue 13)', () => {
    // The recommendations' paragraph 45 is the report's 50; its footnote points at the report's generated paragraph 109 (chapter IV).
    const heard = 'p-item-i4-heard';
    const items: DocItem[] = [para(45), footnote(`For the discussion of the working group on this recommendation, see ${refToken(heard)}; paragraph ${numberToken(heard)}.`, 'fn')];
    const alone = numberDocument(items, { lang: 'en' });
    expect(alone.footnotes[0].text).toBe('For the discussion of the working group on this recommendation, see paragraph ? below; paragraph ?.');
    expect(alone.broken).toEqual(['fn']);
    const report = new Map([[pid(45), 50], [heard, 109]]);
    const numbered = numberDocument(items, { lang: 'en', report });
    expect(numbered.footnotes[0].text).toBe('For the discussion of the working group on this recommendation, see paragraph 109 below; paragraph 109.');
    expect(numbered.footnotes[0].refs).toEqual([expect.objectContaining({ number: 109, inReport: true, direction: 'below' }), expect.objectContaining({ number: 109, inReport: true })]);
    expect(numbered.broken).toEqual([]);
    // This text's own paragraphs keep the draft's numbers; above when the report puts the target before the footnote's paragraph.
    expect(numbered.numberOf.get(pid(45))).toBe(1);
    const ar = numberDocument(items, { lang: 'ar', report: new Map([[pid(45), 120], [heard, 109]]) });
    expect(ar.footnotes[0].text).toContain('الفقرة ١٠٩ أعلاه');
  });
});
