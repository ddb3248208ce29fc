import { describe, expect, it } from 'vitest';
import { reportNumberOf, type Report, type ReportItem } from './assembled';

const paragraph = (n: number, source: ReportItem extends infer I ? (I extends { kind: 'paragraph'; source: infer S } ? S : never) : never): ReportItem =>
  ({ kind: 'paragraph', n, label: `${n}.`, inlines: [], subparagraphs: [], generated: false, sourceId: 'x', source }) as ReportItem;

describe('a text\'s paragraph in the report', () => {
  it('has the report\'s number, which runs over all its paragraphs (the draft\'s 2 is the report\'s 5)', () => {
    const report = {
      items: [
        { kind: 'heading', level: 1, label: 'I.', inlines: [] },
        paragraph(4, { kind: 'text', doc: 'introduction', paragraphId: 'p_intro0001' }),
        paragraph(5, { kind: 'text', doc: 'recommendations', paragraphId: 'p_second001' }),
      ],
    } as unknown as Report;
    expect(reportNumberOf(report, 'recommendations', 'p_second001')).toBe(5);
    expect(reportNumberOf(report, 'introduction', 'p_second001')).toBeNull();
    expect(reportNumberOf(report, 'recommendations', 'p_gone00001')).toBeNull();
  });
});
