import { describe, expect, it } from 'vitest';
import { emptyNegotiation, type MeetingState } from '@gavel/shared';
import { richFromText } from '@gavel/shared/editor/rich';
import { storyTimeline } from './timeline';

const at = (m: number) => `2010-01-27T10:${String(m).padStart(2, '0')}:00.000Z`;
const names: Record<string, string> = { d_norway01: 'Norway', d_egypt001: 'Egypt' };

const state = {
  negotiation: {
    ...emptyNegotiation(),
    amendments: {
      a_one00001: {
        id: 'a_one00001',
        doc: 'recommendations',
        sponsor: 'd_norway01',
        origin: 'delegation',
        status: 'accepted',
        startedAt: at(1),
        kind: 'change',
        target: { paragraphId: 'p_fifty000' },
        versions: [{ version: 1, at: at(2), by: 'Kari', base: richFromText('should'), proposed: richFromText('shall') }],
        stances: { d_egypt001: { stance: 'support', at: at(3), by: 'Amina', version: 1 } },
        steps: [
          { what: 'started', at: at(1), by: 'Kari', delegationId: 'd_norway01' },
          { what: 'tabled', at: at(2), by: 'Kari', delegationId: 'd_norway01', version: 1 },
          { what: 'support', at: at(3), by: 'Amina', delegationId: 'd_egypt001', version: 1 },
          { what: 'decided', at: at(5), by: 'Chair', version: 1 },
        ],
        decision: { outcome: 'accept', version: 1, at: at(5), by: 'Chair', paragraphId: 'p_fifty000', result: richFromText('shall'), merged: true, brackets: [] },
      },
    },
    objections: { recommendations: { p_fifty000: [{ delegationId: 'd_egypt001', reason: 'Too far', at: at(4), by: 'Amina', withdrawnAt: at(6), withdrawnBy: 'Amina' }] } },
  },
  paragraphs: {
    recommendations: {
      p_fifty000: {
        status: 'no_consensus',
        since: at(7),
        by: 'Chair',
        changes: [
          {
            status: 'no_consensus',
            at: at(7),
            by: 'Chair',
            decision: { outcome: 'no_consensus', disposition: 'keep', footnote: { target: { paragraphId: 'p_other000' }, note: 'See {{ref:p_other000}}.' } },
          },
        ],
      },
    },
  },
} as unknown as MeetingState;

describe('the story of a paragraph as a timeline', () => {
  it('puts every step in the order it happened, drafts left out, for the reader’s own words', () => {
    const entries = storyTimeline(state, 'recommendations', 'p_fifty000', [{ seq: 1, from: at(0), to: at(0), by: ['Secretariat'], text: 'should', number: 50 }], (id) => names[id], {
      refWords: (pid) => (pid === 'p_other000' ? 'paragraph 109' : '?'),
    });
    expect(entries.map((e) => [e.key, e.by])).toEqual([
      ['version', 'Secretariat'],
      ['tabled', 'Kari'],
      ['support', 'Amina'],
      ['objection', 'Amina'],
      ['decidedMerged', 'Chair'],
      ['objectionWithdrawn', 'Amina'],
      ['noConsensusFootnote', 'Chair'],
    ]);
    expect(entries[1].values).toEqual({ sponsor: 'Norway', kind: { t: 'amendments.kinds.change' } });
    expect(entries[2].values).toMatchObject({ who: 'Egypt', sponsor: 'Norway' });
    expect(entries[4].values).toEqual({ sponsor: 'Norway', outcome: { t: 'amendments.outcomes.accept' } });
    expect(entries[6].values).toMatchObject({ note: 'See paragraph 109.' });
  });

  it('is empty for a paragraph nothing happened to', () => {
    expect(storyTimeline(state, 'recommendations', 'p_quiet000', [], (id) => id)).toEqual([]);
  });
});
