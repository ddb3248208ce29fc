import { describe, expect, it } from 'vitest';
import type { QueueLine, SpeakerEntry } from '@gavel/shared';
import { whyMovedBack } from './placeChange';

const line = (id: string, seq: number, kind: SpeakerEntry['kind'] = 'statement', category: QueueLine['category'] = 'state_party'): QueueLine =>
  ({ entry: { id, requestedSeq: seq, kind } as SpeakerEntry, category }) as QueueLine;

describe('why a request moved back', () => {
  const brazil = line('brazil', 1);
  const egypt = line('egypt', 2, 'statement', 'signatory');

  it('says nothing when the place stayed or improved', () => {
    expect(whyMovedBack(['brazil', 'egypt'], [brazil, egypt], 'egypt')).toBeNull();
    expect(whyMovedBack(['brazil', 'egypt'], [egypt], 'egypt')).toBeNull();
    expect(whyMovedBack([], [brazil, egypt], 'egypt')).toBeNull();
  });

  it('names a State party inscribed ahead by the rules, though it asked later', () => {
    const norway = line('norway', 3);
    expect(whyMovedBack(['brazil', 'egypt'], [brazil, norway, egypt], 'egypt')).toEqual({
      kind: 'precedence',
      entry: norway.entry,
      category: 'state_party',
      position: 3,
    });
  });

  it('names a point of order first, whatever else came ahead', () => {
    const norway = line('norway', 3);
    const order = line('po', 4, 'point_of_order');
    expect(whyMovedBack(['brazil', 'egypt'], [order, brazil, norway, egypt], 'egypt')).toMatchObject({ kind: 'point_of_order', entry: order.entry, position: 4 });
  });

  it('blames the chair when nobody new came ahead (the list was reordered)', () => {
    const france = line('france', 3);
    expect(whyMovedBack(['egypt', 'france'], [france, egypt], 'egypt')).toEqual({ kind: 'reordered', position: 2 });
  });
});
