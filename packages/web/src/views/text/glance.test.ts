import { describe, expect, it } from 'vitest';
import type { DocItem } from '@gavel/shared';
import { groupByStatus, nextWithStatus, paragraphsInScope, type GlanceParagraph } from './glance';

const paragraphs: GlanceParagraph[] = [
  { id: 'p_a', number: 1, status: 'adopted' },
  { id: 'p_b', number: 2, status: 'drafting' },
  { id: 'p_c', number: 3, status: 'adopted' },
  { id: 'p_d', number: null, status: 'deleted' },
];

describe('status at a glance', () => {
  it('groups paragraphs by status, every status listed, in text order', () => {
    const groups = groupByStatus(paragraphs);
    expect(groups.map((g) => g.status)).toEqual(['drafting', 'under_consideration', 'agreed_ad_ref', 'adopted', 'no_consensus', 'deleted']);
    expect(groups.find((g) => g.status === 'adopted')!.paragraphs.map((p) => p.id)).toEqual(['p_a', 'p_c']);
    expect(groups.find((g) => g.status === 'no_consensus')!.paragraphs).toEqual([]);
  });

  it('steps to the next paragraph with a status, wrapping round', () => {
    expect(nextWithStatus(paragraphs, 'adopted', null)?.id).toBe('p_a');
    expect(nextWithStatus(paragraphs, 'adopted', 'p_a')?.id).toBe('p_c');
    expect(nextWithStatus(paragraphs, 'adopted', 'p_c')?.id).toBe('p_a');
    expect(nextWithStatus(paragraphs, 'no_consensus', 'p_a')).toBeNull();
  });

  it('finds the paragraphs of a subsection or a section', () => {
    const p = (id: string): DocItem => ({ kind: 'paragraph', key: id, id });
    const items: DocItem[] = [
      { kind: 'section', key: 'A' },
      { kind: 'subsection', key: 'A1' },
      p('p_1'),
      p('p_2'),
      { kind: 'footnote', key: 'f', note: '' },
      { kind: 'subsection', key: 'A2' },
      p('p_3'),
      { kind: 'section', key: 'B' },
      p('p_4'),
    ];
    expect(paragraphsInScope(items, 'p_2', 'paragraph')).toEqual(['p_2']);
    expect(paragraphsInScope(items, 'p_2', 'subsection')).toEqual(['p_1', 'p_2']);
    expect(paragraphsInScope(items, 'p_3', 'section')).toEqual(['p_1', 'p_2', 'p_3']);
    expect(paragraphsInScope(items, 'p_4', 'subsection')).toEqual(['p_4']);
  });
});
