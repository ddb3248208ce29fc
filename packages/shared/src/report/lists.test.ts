import { describe, expect, it } from 'vitest';
import type { Lang } from '../languages';
import { joinList } from './lists';
import { reportChapterLabel, reportParagraphLabel, reportSectionLabel, romanNumeral } from './labels';
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
