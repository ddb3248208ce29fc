import { describe, expect, it } from 'vitest';
import type { Lang } from '../languages';
import { joinList } from './lists';
import { numberParagraphs, reportChapterLabel, reportParagraphLabel, reportSectionLabel, romanNumeral } from './labels';
import type { ReportSkeleton } from './model';

describe('joining a list inside a sentence', () => {
  const abc = ['A', 'B', 'C'];
  it.each<[Lang, string]>([
    ['en', 'A, B and C'],
    ['fr', 'A, B et C'],
    ['es', 'A, B y C'],
    ['ru', 'A, B и C'],
    ['zh', 'A、B和C'],
    ['ar', 'A وB وC'],
  ])('%s: %s', (lang, expected) => {
    expect(joinList(abc, lang)).toBe(expected);
  });

  it('writes one item alone and two with the conjunction only', () => {
    expect(joinList(['Norway'], 'en')).toBe('Norway');
    expect(joinList(['Norway', 'Colombia'], 'en')).toBe('Norway and Colombia');
    expect(joinList([], 'en')).toBe('');
  });

  it('joins the Arabic lists the three ways the model report does', () => {
    // Observers (para. 79): "الصين والهند وباكستان وإيران (جمهورية-الإسلامية) وتايلند"
    expect(joinList(['الصين', 'الهند', 'باكستان'], 'ar')).toBe('الصين والهند وباكستان');
    // States heard and attendance (paras. 68, 79): Arabic commas only.
    expect(joinList(['كولومبيا', 'أذربيجان', 'الأرجنتين'], 'ar', 'comma')).toBe('كولومبيا، أذربيجان، الأرجنتين');
    // Panellists (para. 88): "…(فنلندا)، والسيدة …(ألمانيا)، والسيد …"
    expect(joinList(['فينلا روت (فنلندا)', 'نيكول تسيندورف-هينته (ألمانيا)', 'أوليفيه فيبر (فرنسا)'], 'ar', 'comma_and')).toBe(
      'فينلا روت (فنلندا)، ونيكول تسيندورف-هينته (ألمانيا)، وأوليفيه فيبر (فرنسا)',
    );
  });

  it('writes Spanish "e" before a word sounding /i/', () => {
    expect(joinList(['Francia', 'Italia'], 'es')).toBe('Francia e Italia');
    expect(joinList(['Francia', 'Hungría'], 'es')).toBe('Francia y Hungría');
    expect(joinList(['Irlanda', 'Chile'], 'es')).toBe('Irlanda y Chile');
  });
});

describe('labels of chapters, sections and paragraphs', () => {
  it.each<[Lang, string, string, string]>([
    ['en', 'III.', 'C.', '68.'],
    ['fr', 'III.', 'C.', '68.'],
    ['es', 'III.', 'C.', '68.'],
    ['ru', 'III.', 'C.', '68.'],
    ['zh', '三.', 'C.', '68.'],
    ['ar', 'ثالثا-', 'جيم-', '٦٨-'],
  ])('%s: chapter 3 %s, section 3 %s, paragraph 68 %s', (lang, chapter, section, paragraph) => {
    expect(reportChapterLabel(3, lang)).toBe(chapter);
    expect(reportSectionLabel(3, lang)).toBe(section);
    expect(reportParagraphLabel(68, lang)).toBe(paragraph);
  });

  it('labels the Arabic chapters and sections as the model does', () => {
    expect([1, 2, 3, 4, 5].map((n) => reportChapterLabel(n, 'ar'))).toEqual(['أولا-', 'ثانيا-', 'ثالثا-', 'رابعا-', 'خامسا-']);
    expect([1, 2, 3, 4, 5].map((n) => reportSectionLabel(n, 'ar'))).toEqual(['ألف-', 'باء-', 'جيم-', 'دال-', 'هاء-']);
    expect([4, 9, 14, 40].map(romanNumeral)).toEqual(['IV', 'IX', 'XIV', 'XL']);
  });
});

describe('numbering the paragraphs', () => {
  const p = (id: string) => ({ kind: 'paragraph' as const, id, sentences: [], source: { kind: 'meeting_info' as const } });
  const skeleton: ReportSkeleton = {
    lang: 'en',
    masthead: { symbol: '', startDate: '2010-01-27', endDate: '2010-01-29', title: '', body: '', parentBody: '', venue: '', originalLanguage: 'en' },
    chapters: [
      {
        id: 'organization',
        number: 3,
        sections: [
          { id: 'a', number: 1, heading: { kind: 'fixed', key: 'opening' }, blocks: [p('p1')] },
          { id: 'b', number: 2, heading: { kind: 'fixed', key: 'agenda_adoption' }, blocks: [p('p2'), { kind: 'agenda_list', id: 'l', items: [] }] },
        ],
        blocks: [],
      },
      {
        id: 'deliberations',
        number: 4,
        sections: [{ id: 'c', number: 1, heading: { kind: 'fixed', key: 'attendance' }, blocks: [p('p3'), { kind: 'slot', id: 'w1', slot: 'discussion' }, p('p4')] }],
        blocks: [],
      },
      { id: 'adoption', number: 5, sections: [], blocks: [{ kind: 'slot', id: 'w2', slot: 'adoption_of_report' }] },
    ],
  };

  it('numbers continuously from the given start, counting what the slots hold, not the agenda list', () => {
    // The model: chapter III begins at paragraph 66 after the recommendations' 65.
    const n = numberParagraphs(skeleton, 'en', { start: 66, slotParagraphs: { w1: 2, w2: 1 } });
    expect([...n.paragraphs].map(([id, x]) => [id, x.label])).toEqual([
      ['p1', '66.'],
      ['p2', '67.'],
      ['p3', '68.'],
      ['p4', '71.'],
    ]);
    expect(n.slots.get('w1')?.map((x) => x.n)).toEqual([69, 70]);
    expect(n.slots.get('w2')?.map((x) => x.n)).toEqual([72]);
    expect(n.next).toBe(73);
  });

  it('writes the numbers in Arabic-Indic digits for Arabic and leaves the tree as it was', () => {
    const before = JSON.stringify(skeleton);
    const n = numberParagraphs(skeleton, 'ar', { start: 66 });
    expect([...n.paragraphs.values()].map((x) => x.label)).toEqual(['٦٦-', '٦٧-', '٦٨-', '٦٩-']);
    expect(JSON.stringify(skeleton)).toBe(before);
  });
});
