import { describe, expect, it } from 'vitest';
import type { Report, ReportItem } from '@gavel/shared';
import { footnoteChoices, typedFootnoteNumber } from './footnoteTargets';

const heading = (label: string, title: string): ReportItem => ({ kind: 'heading', level: 1, label, inlines: [{ t: 'text', text: title }] });
const para = (n: number, label: string, text: string, source: Extract<ReportItem, { kind: 'paragraph' }>['source'], sourceId: string): ReportItem => ({
  kind: 'paragraph',
  n,
  label,
  inlines: [{ t: 'text', text }, { t: 'fn', index: 1 }],
  subparagraphs: [],
  generated: source.kind !== 'text',
  sourceId,
  source,
});

function report(items: ReportItem[]): Report {
  return { lang: 'ar', dir: 'rtl', masthead: {} as Report['masthead'], items, footnotes: [], fallbacks: [] };
}

describe('the paragraphs a no-consensus footnote may point at', () => {
  const r = report([
    heading('أولاً-', 'مقدمة'),
    para(1, '١-', 'أنشأ مؤتمر الأطراف الفريق العامل.', { kind: 'text', doc: 'introduction', paragraphId: 'p_intro00001' }, 'p_intro00001'),
    heading('ثانياً-', 'توصيات الفريق العامل'),
    para(2, '٢-', 'ينبغي للدول الأطراف أن تنفّذ التوصيات.', { kind: 'text', doc: 'recommendations', paragraphId: 'p_rec0000001' }, 'p_rec0000001'),
    para(3, '٣-', 'ينبغي للدول الأطراف أن تحدّد الضحايا.', { kind: 'text', doc: 'recommendations', paragraphId: 'p_rec0000002' }, 'p_rec0000002'),
    heading('ثالثاً-', 'المسائل التنظيمية'),
    para(4, '٤-', '\u200fافتتح الاجتماع.\u200f', { kind: 'opening', at: null }, 'p-opening'),
    heading('رابعاً-', 'موجز المداولات'),
    para(5, '٥-', 'وأدلى ببيانات ممثلو الدول التالية: '.repeat(5), { kind: 'statements', itemId: 'i_1', statementIds: [] }, 'p-item-i_1-heard'),
    para(6, '٦-', 'تباينت الآراء.', { kind: 'text', doc: 'summary:i_1', paragraphId: 'p_disc000001' }, 'p_disc000001'),
    { kind: 'written', doc: 'adoption', count: 0 },
    heading('خامساً-', 'اعتماد التقرير'),
  ]);

  it('lists chapter IV first, then the others in order, each paragraph by the number the report prints', () => {
    const groups = footnoteChoices(r, ['p_rec0000001']);
    expect(groups.map((g) => g.label)).toEqual(['رابعاً- موجز المداولات', 'أولاً- مقدمة', 'ثانياً- توصيات الفريق العامل', 'ثالثاً- المسائل التنظيمية']);
    expect(groups[0].choices.map((c) => c.target)).toEqual([{ generated: 'p-item-i_1-heard' }, { paragraphId: 'p_disc000001', doc: 'summary:i_1' }]);
    expect(groups[0].choices[0].label.startsWith('٥- وأدلى')).toBe(true);
    expect(groups[0].choices[0].label.endsWith('…')).toBe(true);
    expect(groups[0].choices[1].label).toBe('٦- تباينت الآراء.');
    // No direction marks in a label; the paragraph being decided is not offered for its own footnote.
    expect(groups[3].choices[0].label).toBe('٤- افتتح الاجتماع.');
    expect(groups[2].choices.map((c) => c.target)).toEqual([{ paragraphId: 'p_rec0000002', doc: 'recommendations' }]);
    for (const c of groups.flatMap((g) => g.choices)) expect(JSON.parse(c.value)).toEqual(c.target);
  });
});

describe('a paragraph number typed in the footnote, caught before sending (issue 13)', () => {
  it('names the field and the words: a number typed beside {n}, or a paragraph of the report in the words pointing elsewhere', () => {
    expect(typedFootnoteNumber('paragraph', '', 'See paragraphs {n} and 110 below.')).toEqual({ field: 'text', typed: 'paragraphs {n} and 110 below' });
    expect(typedFootnoteNumber('paragraph', '', 'انظر الفقرتين {n} و١١٠ أدناه.')).toEqual({ field: 'text', typed: 'الفقرتين {n} و١١٠ أدناه' });
    expect(typedFootnoteNumber('words', 'paragraph 109 of the report', '')).toEqual({ field: 'words', typed: 'paragraph 109' });
    expect(typedFootnoteNumber('words', 'paragraph 12 of the 2009 report', 'See {ref}.')).toBeNull();
    expect(typedFootnoteNumber('paragraph', '', 'See paragraph {n} of the report.')).toBeNull();
    expect(typedFootnoteNumber('none', 'paragraph 109 of the report', 'paragraphs {n} and 110')).toBeNull();
  });
});
