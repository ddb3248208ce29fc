import { describe, expect, it } from 'vitest';
import type { ParagraphStatus } from './paragraphs';
import { isOpenForReading, nextToRead } from './reading';

describe('reading a text for adoption', () => {
  const order = ['p1', 'p2', 'p3', 'p4', 'p5'];
  const reading = (statuses: Record<string, ParagraphStatus>, settled: string[] = []) => (id: string) =>
    isOpenForReading(statuses[id] ?? 'drafting', settled.includes(id));

  it('goes on to the next open paragraph in text order, skipping those done', () => {
    const open = reading({ p2: 'adopted', p3: 'no_consensus', p4: 'deleted' });
    expect(nextToRead(order, open, null)).toBe('p1');
    expect(nextToRead(order, open, 'p1')).toBe('p5');
  });

  it('comes back to a deferred paragraph after the last one; stays on it when nothing else is left', () => {
    // p2 deferred (still under consideration); p3 to p5 done.
    const open = reading({ p1: 'adopted', p2: 'under_consideration', p3: 'adopted', p4: 'adopted', p5: 'adopted' });
    expect(nextToRead(order, open, 'p5')).toBe('p2');
    expect(nextToRead(order, open, 'p2')).toBe('p2');
    expect(nextToRead(order, reading(Object.fromEntries(order.map((id) => [id, 'adopted' as const]))), 'p5')).toBeNull();
  });

  it('reads again a paragraph agreed ad referendum before the reading, not one the reading agreed', () => {
    const statuses: Record<string, ParagraphStatus> = { p1: 'agreed_ad_ref', p2: 'agreed_ad_ref' };
    expect(nextToRead(order, reading(statuses), null)).toBe('p1');
    expect(nextToRead(order, reading(statuses, ['p1']), null)).toBe('p2');
  });

  it('starts from the beginning when the paragraph it was on is gone from the text', () => {
    expect(nextToRead(order, reading({}), 'p_gone')).toBe('p1');
  });
});
