import { describe, expect, it } from 'vitest';
import { denial } from '../access/policy';
import { parseCommand } from '../domain/parse';
import { replay } from '../domain/evolve';
import { CHAIR, delegate, domainError, SECRETARIAT, TestMeeting, VIEWER } from '../domain/test-support';
import { DomainError } from '../core/errors';
import { paragraphStatus, readOnlyParagraphs, unnumberedParagraphs } from './paragraphs';

const P50 = 'p_para050aaaa';
const P51 = 'p_para051aaaa';
const doc = 'recommendations';

describe('paragraph status', () => {
  it('starts at drafting for a paragraph the ledger has not heard of', () => {
    const m = new TestMeeting();
    expect(paragraphStatus(m.state, doc, P50)).toBe('drafting');
    expect(m.state.paragraphs).toEqual({});
  });

  it('is set by the chair for several paragraphs at once, one event each, and only where it changes', () => {
    const m = new TestMeeting();
    m.run({ type: 'paragraph.setStatus', doc, paragraphIds: [P50], status: 'agreed_ad_ref' }, CHAIR);
    const events = m.run({ type: 'paragraph.setStatus', doc, paragraphIds: [P50, P51, P51], status: 'agreed_ad_ref', note: 'section D' }, CHAIR);
    expect(events.map((e) => e.payload)).toEqual([
      { doc, paragraphId: P51, status: 'agreed_ad_ref', from: 'drafting', note: 'section D' },
    ]);
    expect(m.state.paragraphs[doc][P50]).toMatchObject({ status: 'agreed_ad_ref', by: 'Chair', since: m.ctx.now });
  });

  it('walks through every status; adopted is read-only until reopened with a reason, which is kept', () => {
    const m = new TestMeeting();
    for (const status of ['under_consideration', 'no_consensus', 'agreed_ad_ref', 'adopted'] as const) {
      m.run({ type: 'paragraph.setStatus', doc, paragraphIds: [P50], status }, CHAIR);
      expect(paragraphStatus(m.state, doc, P50)).toBe(status);
    }
    expect(readOnlyParagraphs(m.state, doc)).toEqual(new Set([P50]));

    const refused = domainError(
      () => m.run({ type: 'paragraph.setStatus', doc, paragraphIds: [P51, P50], status: 'drafting' }, CHAIR),
      'invalid_state',
    );
    expect(refused.details).toEqual({ paragraphIds: [P50] });
    // Nothing was recorded for P51 either: the command is all or nothing.
    expect(paragraphStatus(m.state, doc, P51)).toBe('drafting');

    expect(() => parseCommand({ type: 'paragraph.reopen', doc, paragraphId: P50, reason: '  ' })).toThrow(DomainError);
    const [reopened] = m.run({ type: 'paragraph.reopen', doc, paragraphId: P50, reason: 'At the request of Egypt, to align with paragraph 109' }, CHAIR);
    expect(reopened).toMatchObject({ type: 'ParagraphReopened', actor: CHAIR });
    expect(paragraphStatus(m.state, doc, P50)).toBe('under_consideration');
    expect(readOnlyParagraphs(m.state, doc).size).toBe(0);
    expect(m.state.paragraphs[doc][P50].changes.map((c) => [c.status, c.note ?? null, c.reopened ?? false])).toEqual([
      ['under_consideration', null, false],
      ['no_consensus', null, false],
      ['agreed_ad_ref', null, false],
      ['adopted', null, false],
      ['under_consideration', 'At the request of Egypt, to align with paragraph 109', true],
    ]);
    expect(replay(m.events).paragraphs).toEqual(m.state.paragraphs);
  });

  it('reopens only what is adopted', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'paragraph.reopen', doc, paragraphId: P50, reason: 'why not' }, CHAIR), 'invalid_state');
  });

  it('knows deleted paragraphs, which keep their place but lose their number', () => {
    const m = new TestMeeting();
    m.run({ type: 'paragraph.setStatus', doc, paragraphIds: [P51], status: 'deleted' });
    expect(unnumberedParagraphs(m.state, doc)).toEqual(new Set([P51]));
  });

  it('refuses what is not a paragraph of a text of this meeting', () => {
    for (const bad of [
      { type: 'paragraph.setStatus', doc: 'elsewhere', paragraphIds: [P50], status: 'adopted' },
      { type: 'paragraph.setStatus', doc: 'amendment:am_abcdef123456', paragraphIds: [P50], status: 'adopted' },
      { type: 'paragraph.setStatus', doc, paragraphIds: ['d_notaparagraph'], status: 'adopted' },
      { type: 'paragraph.setStatus', doc, paragraphIds: [], status: 'adopted' },
      { type: 'paragraph.setStatus', doc, paragraphIds: [P50], status: 'approved' },
      { type: 'paragraph.setStatus', doc, paragraphIds: Array.from({ length: 501 }, (_, i) => `p_para${String(i).padStart(6, '0')}`), status: 'adopted' },
      { type: 'paragraph.reopen', doc, paragraphId: P50 },
      { type: 'paragraph.reopen', doc, paragraphId: P50, reason: 'x', extra: 1 },
    ]) {
      expect(() => parseCommand(bad), JSON.stringify(bad).slice(0, 80)).toThrow(DomainError);
    }
    expect(parseCommand({ type: 'paragraph.setStatus', doc: 'summary:i_abcdef123456', paragraphIds: [P50], status: 'adopted' })).toBeTruthy();
  });

  it('is set by the chair and the secretariat only', () => {
    const m = new TestMeeting();
    const commands = [
      parseCommand({ type: 'paragraph.setStatus', doc, paragraphIds: [P50], status: 'adopted' }),
      parseCommand({ type: 'paragraph.reopen', doc, paragraphId: P50, reason: 'to correct a reference' }),
    ];
    for (const command of commands) {
      expect(denial(CHAIR, command, m.state)).toBeNull();
      expect(denial(SECRETARIAT, command, m.state)).toBeNull();
      expect(denial(delegate('d_test000001'), command, m.state)).toEqual(expect.any(String));
      expect(denial(VIEWER, command, m.state)).toEqual(expect.any(String));
    }
  });
});
