import { describe, expect, it } from 'vitest';
import { emptyNegotiation, type Amendment, type AmendmentVersion, type NegotiationState } from '@gavel/shared';
import { richFromText } from '@gavel/shared/editor/rich';
import { sponsorColour, SPONSOR_COLOURS } from './colours';
import { anchorOf, amendmentsAt, conflictCount, modifiedStart, negotiationAgenda, paragraphRange, refusalDetails, stanceOf, stances, trackedParts } from './present';
import { storyFromPath, storyPath } from './storyRoute';

const plain = (parts: ReturnType<typeof trackedParts>) =>
  parts.map((p) => (p.op === 'conflict' ? ['conflict', p.text.current, p.text.proposed] : [p.op, p.text]));

const version = (base: string | null, proposed: string | null, n = 1): AmendmentVersion => ({
  version: n,
  at: '2010-01-27T10:00:00.000Z',
  by: 'Kari Nordmann',
  base: base === null ? null : richFromText(base),
  proposed: proposed === null ? null : richFromText(proposed),
});

function amendment(id: string, over: Partial<Amendment> = {}): Amendment {
  return {
    id,
    doc: 'recommendations',
    sponsor: 'd_norway01',
    origin: 'delegation',
    status: 'tabled',
    startedAt: '2010-01-27T09:00:00.000Z',
    kind: 'change',
    target: { paragraphId: 'p_fifty000' },
    versions: [version('States parties should consider', 'States parties shall consider')],
    stances: {},
    steps: [],
    decision: null,
    ...over,
  };
}

describe('an amendment as tracked changes against the paragraph now', () => {
  it('is a word diff while the paragraph is as it was drafted on', () => {
    const a = amendment('a_one00001');
    expect(plain(trackedParts(a, a.versions[0], richFromText('States parties should consider')))).toEqual([
      ['same', 'States parties '],
      ['delete', 'should'],
      ['insert', 'shall'],
      ['same', ' consider'],
    ]);
  });

  it('keeps the paragraph’s own later changes, and marks a conflict where both changed the same words', () => {
    const a = amendment('a_one00001');
    const merged = trackedParts(a, a.versions[0], richFromText('Member States should consider'));
    expect(plain(merged)).toEqual([
      ['same', 'Member States '],
      ['delete', 'should'],
      ['insert', 'shall'],
      ['same', ' consider'],
    ]);
    expect(conflictCount(merged)).toBe(0);
    const clash = trackedParts(a, a.versions[0], richFromText('States parties must consider'));
    expect(conflictCount(clash)).toBe(1);
    expect(plain(clash)).toContainEqual(['conflict', 'must', 'shall']);
  });

  it('shows a new paragraph as all inserted, and a deletion as all the current words deleted', () => {
    const insert = amendment('a_ins00001', { kind: 'insert', target: { place: { after: 'p_fifty000' } }, versions: [version(null, 'States parties shall protect witnesses.')] });
    expect(plain(trackedParts(insert, insert.versions[0], null))).toEqual([['insert', 'States parties shall protect witnesses.']]);
    const del = amendment('a_del00001', { kind: 'delete', versions: [version('Old words.', null)] });
    expect(plain(trackedParts(del, del.versions[0], richFromText('Newer words.')))).toEqual([['delete', 'Newer words.']]);
  });

  it('works word by word in Arabic, marks and all', () => {
    const a = amendment('a_ar000001', { versions: [version('ينبغي للدول الأطراف أن تنظر، حسب الاقتضاء، في التدابير؛', 'يجب على الدول الأطراف أن تنظر، حسب الاقتضاء، في التدابير؛')] });
    const parts = plain(trackedParts(a, a.versions[0], richFromText('ينبغي للدول الأطراف أن تنظر، حسب الاقتضاء، في التدابير؛')));
    expect(parts[0]).toEqual(['delete', 'ينبغي للدول']);
    expect(parts[1]).toEqual(['insert', 'يجب على الدول']);
    expect(parts.at(-1)).toEqual(['same', ' الأطراف أن تنظر، حسب الاقتضاء، في التدابير؛']);
  });
});

describe('the chair’s box for accepting as modified', () => {
  it('starts from the merge, the amendment’s words where it conflicts, keeping the paragraph’s other changes', () => {
    const base = richFromText('States parties should establish procedures for identifying victims.');
    const proposed = richFromText('States parties shall establish procedures for identifying victims.');
    expect(modifiedStart(base, base, proposed)).toEqual(proposed);
    expect(modifiedStart(base, richFromText('States parties should establish procedures for identifying all victims.'), proposed)).toEqual(
      richFromText('States parties shall establish procedures for identifying all victims.'),
    );
    expect(modifiedStart(base, richFromText('States parties must establish procedures for identifying all victims.'), proposed)).toEqual(
      richFromText('States parties shall establish procedures for identifying all victims.'),
    );
    expect(modifiedStart(null, null, proposed)).toEqual(proposed);
  });
});

describe('who stands where', () => {
  const a = amendment('a_one00001', {
    stances: {
      d_egypt001: { stance: 'object', reason: 'Too strong', at: '2010-01-27T10:05:00.000Z', by: 'Amina', version: 1 },
      d_chile001: { stance: 'support', at: '2010-01-27T10:01:00.000Z', by: 'Ana', version: 1 },
      d_peru0001: { stance: 'cosponsor', at: '2010-01-27T10:02:00.000Z', by: 'Luis', version: 1 },
      d_iran0001: { stance: 'object', at: '2010-01-27T10:03:00.000Z', by: 'Reza', version: 1 },
    },
  });
  it('lists delegations by stance in the order they took it, with reasons', () => {
    const s = stances(a);
    expect(s.cosponsor.map((x) => x.delegationId)).toEqual(['d_peru0001']);
    expect(s.support.map((x) => x.delegationId)).toEqual(['d_chile001']);
    expect(s.object).toEqual([
      { delegationId: 'd_iran0001', at: '2010-01-27T10:03:00.000Z' },
      { delegationId: 'd_egypt001', at: '2010-01-27T10:05:00.000Z', reason: 'Too strong' },
    ]);
    expect(stanceOf(a, 'd_egypt001')).toBe('object');
    expect(stanceOf(a, 'd_norway01')).toBeNull();
    expect(stanceOf(a, undefined)).toBeNull();
  });
});

describe('what is before the group', () => {
  const n: NegotiationState = {
    ...emptyNegotiation(),
    amendments: {
      a_one00001: amendment('a_one00001'),
      a_new00001: amendment('a_new00001', { kind: 'insert', target: { place: { after: 'p_first000' } } }),
      a_draft0001: amendment('a_draft0001', { status: 'drafting', kind: null, target: null, versions: [] }),
      a_done00001: amendment('a_done00001', { status: 'rejected', target: { paragraphId: 'p_first000' } }),
    },
    brackets: {
      b_one00001: {
        id: 'b_one00001',
        doc: 'recommendations',
        paragraphId: 'p_third000',
        alternatives: ['should', 'shall'],
        proposedBy: 'd_norway01',
        label: 'Norway',
        status: 'open',
        placedAt: '2010-01-27T10:00:00.000Z',
        holders: { d_norway01: { since: '2010-01-27T10:00:00.000Z' } },
        steps: [],
      },
    },
    objections: {
      recommendations: {
        p_fifty000: [
          { delegationId: 'd_egypt001', reason: 'No', at: '2010-01-27T10:00:00.000Z', by: 'Amina' },
          { delegationId: 'd_iran0001', reason: 'No', at: '2010-01-27T10:00:00.000Z', by: 'Reza', withdrawnAt: '2010-01-27T11:00:00.000Z' },
        ],
      },
    },
  };
  const order = ['p_first000', 'p_fifty000', 'p_third000'];

  it('lists paragraphs in text order with pending amendments, open brackets and standing objections', () => {
    expect(negotiationAgenda(n, 'recommendations', order).map((p) => [p.paragraphId, p.amendments.map((a) => a.id), p.brackets, p.objections])).toEqual([
      ['p_first000', ['a_new00001'], 0, 0],
      ['p_fifty000', ['a_one00001'], 0, 1],
      ['p_third000', [], 1, 0],
    ]);
    expect(negotiationAgenda(n, 'introduction', order)).toEqual([]);
  });

  it('shows a new paragraph with the paragraph it goes after, and keeps drafts out of sight', () => {
    expect(anchorOf(n.amendments.a_new00001)).toBe('p_first000');
    expect(amendmentsAt(n, 'recommendations', 'p_first000').map((a) => a.id)).toEqual(['a_new00001', 'a_done00001']);
    expect(amendmentsAt(n, 'recommendations', 'p_first000', true).map((a) => a.id)).toEqual(['a_new00001']);
    expect(Object.values(n.amendments).filter((a) => anchorOf(a) === null).map((a) => a.id)).toEqual(['a_draft0001']);
  });
});

describe('a range read for adoption', () => {
  const order = ['p_a', 'p_b', 'p_c', 'p_d'];
  it('runs from one paragraph to another in text order, whichever is named first', () => {
    expect(paragraphRange(order, 'p_b', 'p_d')).toEqual(['p_b', 'p_c', 'p_d']);
    expect(paragraphRange(order, 'p_d', 'p_b')).toEqual(['p_b', 'p_c', 'p_d']);
    expect(paragraphRange(order, 'p_c', 'p_c')).toEqual(['p_c']);
    expect(paragraphRange(order, 'p_c', 'p_gone')).toEqual(['p_c']);
  });
});

describe('the reasons of a refusal', () => {
  it('are read from the error details', () => {
    expect(refusalDetails({ blockers: [] })).toEqual({ kind: 'blockers', blockers: [] });
    expect(refusalDetails({ conflicts: [{ base: 'a', current: 'b', proposed: 'c', after: '' }] })?.kind).toBe('conflicts');
    expect(refusalDetails({ category: 'observer_state', allowed: ['state_party'] })).toEqual({ kind: 'category', category: 'observer_state', allowed: ['state_party'] });
    expect(refusalDetails({ latestVersion: 2 })).toEqual({ kind: 'version', latestVersion: 2 });
    expect(refusalDetails([{ path: 'x', message: 'y' }])).toBeNull();
    expect(refusalDetails(undefined)).toBeNull();
  });
});

describe('sponsor colours and the story’s address', () => {
  it('gives each delegation the colour of its place in the register, the same on every screen', () => {
    const registered = ['d_1', 'd_2', 'd_3'];
    expect(sponsorColour(registered, 'd_2')).toBe(SPONSOR_COLOURS[1]);
    expect(sponsorColour([...Array(9).keys()].map((i) => `d_${i}`), 'd_8')).toBe(SPONSOR_COLOURS[0]);
    expect(sponsorColour(registered, 'd_gone')).toBe('#3d434a');
  });

  it('reads and writes /story/<text>/<paragraph>, and nothing else', () => {
    expect(storyFromPath(storyPath('recommendations', 'p_abcdef12'))).toEqual({ doc: 'recommendations', paragraphId: 'p_abcdef12' });
    expect(storyFromPath('/story/summary%3Ai_abcdef12/p_abcdef12')).toEqual({ doc: 'summary:i_abcdef12', paragraphId: 'p_abcdef12' });
    expect(storyFromPath('/story/nope/p_abcdef12')).toBeNull();
    expect(storyFromPath('/story/recommendations/x')).toBeNull();
    expect(storyFromPath('/text')).toBeNull();
  });
});
