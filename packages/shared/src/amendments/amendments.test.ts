import { describe, expect, it } from 'vitest';
import { canReadDoc, canWriteDoc, denial } from '../access/policy';
import { CHAIR, delegate, domainError, SECRETARIAT, TestMeeting, VIEWER } from '../domain/test-support';
import { parseCommand } from '../domain/parse';
import { paragraphStatus } from '../draft/paragraphs';
import { richFromText, richText, type RichParagraph } from '../editor/rich';
import { textEditsOf } from './effects';
import type { CommandFacts, DraftMeta, TextFacts } from './facts';
import { openBrackets, pendingAmendments, standingObjections } from './model';
import { paragraphStory, storyHtml, storyMarkdown } from './story';

const P50 = 'p_para00000050';
const P51 = 'p_para00000051';
const P109 = 'p_para00000109';
const DOC = 'recommendations';
const TEXT_50 = 'States parties should implement the recommendations on non-punishment adopted at the first meeting.';

/** A meeting with parties, a signatory and an observer, and the text's paragraphs as the server would read them. */
function meeting() {
  const m = new TestMeeting();
  const norway = m.registerState('578');
  const egypt = m.registerState('818');
  const pakistan = m.registerState('586');
  const iran = m.registerState('364');
  const germany = m.registerState('276', 'signatory');
  const holySee = m.registerState('336', 'observer_state');
  const words: Record<string, RichParagraph> = { [P50]: richFromText(TEXT_50), [P51]: richFromText('Paragraph 51.'), [P109]: richFromText('Views differed.') };
  const text = (over: Partial<Record<string, RichParagraph>> = {}): TextFacts => {
    const content = { ...words, ...over } as Record<string, RichParagraph>;
    return { doc: DOC, paragraphIds: [P50, P51, P109], numbers: { [P50]: 50, [P51]: 51, [P109]: 109 }, headings: 2, content };
  };
  const facts = (over: Partial<Record<string, RichParagraph>> = {}): CommandFacts => ({ text: text(over) });
  return { m, norway, egypt, pakistan, iran, germany, holySee, text, facts, words };
}

type World = ReturnType<typeof meeting>;

function draftFacts(amendmentId: string, meta: Partial<DraftMeta> & Pick<DraftMeta, 'kind'>, content: RichParagraph | null): CommandFacts {
  return {
    draft: {
      amendmentId,
      meta: { doc: DOC, base: null, startedAt: '2010-01-27T10:00:00.000Z', ...meta },
      content,
      problem: null,
    },
  };
}

/** Norway drafts and tables "shall" for "should" in paragraph 50. */
function tableChange(w: World, proposed = TEXT_50.replace('should', 'shall'), by = w.norway): string {
  const [started] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(by, 'Kari'), w.facts());
  const id = (started.payload as { amendmentId: string }).amendmentId;
  w.m.run({ type: 'amendment.table', amendmentId: id }, delegate(by, 'Kari'), draftFacts(id, { kind: 'change', paragraphId: P50, base: w.words[P50] }, richFromText(proposed)));
  return id;
}

describe('drafting and tabling amendments', () => {
  it('starts a private draft: the ledger says only whose it is', () => {
    const w = meeting();
    const [e] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.norway), w.facts());
    expect(e.type).toBe('AmendmentDraftStarted');
    expect(e.payload).toEqual({ amendmentId: expect.stringMatching(/^a_/), doc: DOC, delegationId: w.norway, origin: 'delegation' });
    const a = w.m.state.negotiation.amendments[(e.payload as { amendmentId: string }).amendmentId];
    expect(a).toMatchObject({ status: 'drafting', kind: null, target: null, sponsor: w.norway });
  });

  it('refuses a delegation acting in another delegation’s name, and observers, with the reason', () => {
    const w = meeting();
    const other = domainError(
      () => w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50, delegationId: w.egypt }, delegate(w.norway), w.facts()),
      'forbidden',
    );
    expect(other.message).toBe('a delegation acts only in its own name');
    const observer = domainError(() => w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.holySee), w.facts()), 'forbidden');
    expect(observer.message).toMatch(/Non-signatory observer State and may not|may not table amendments: in this meeting only States parties/);
    expect(observer.details).toMatchObject({ category: 'observer_state' });
    // Signatories may amend by default; the secretariat may change who may.
    w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.germany), w.facts());
    w.m.run({ type: 'amendments.configure', amendCategories: ['state_party'] });
    domainError(() => w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.germany), w.facts()), 'forbidden');
    domainError(() => w.m.run({ type: 'amendments.configure', amendCategories: ['state_party'] }, CHAIR), 'forbidden');
  });

  it('lets the chair and the secretariat record an oral amendment for a delegation they name', () => {
    const w = meeting();
    domainError(() => w.m.run({ type: 'amendment.start', doc: DOC, kind: 'delete', paragraphId: P51 }, CHAIR, w.facts()), 'invalid_command');
    const [e] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'delete', paragraphId: P51, delegationId: w.egypt }, CHAIR, w.facts());
    expect(e.payload).toMatchObject({ delegationId: w.egypt, origin: 'floor' });
  });

  it('checks the paragraph and the place against the text', () => {
    const w = meeting();
    domainError(() => w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: 'p_nowhere0001' }, delegate(w.norway), w.facts()), 'not_found');
    domainError(() => w.m.run({ type: 'amendment.start', doc: DOC, kind: 'insert', place: { afterHeading: 3 } }, delegate(w.norway), w.facts()), 'not_found');
    w.m.run({ type: 'amendment.start', doc: DOC, kind: 'insert', place: { after: P50 } }, delegate(w.norway), w.facts());
    // The server must have read the text.
    domainError(() => w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.norway)), 'internal');
  });

  it('tables what the draft says, with the base it was drafted on; refuses a draft that changes nothing or makes brackets', () => {
    const w = meeting();
    const [started] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.norway), w.facts());
    const id = (started.payload as { amendmentId: string }).amendmentId;
    const meta = { kind: 'change' as const, paragraphId: P50, base: w.words[P50] };
    domainError(() => w.m.run({ type: 'amendment.table', amendmentId: id }, delegate(w.norway), draftFacts(id, meta, w.words[P50])), 'invalid_state');
    const forged: RichParagraph = { inlines: [{ text: 'States parties ' }, { bracket: { id: 'b_forged0001', alternatives: ['a', 'b'], by: w.egypt, label: 'Egypt' } }] };
    domainError(() => w.m.run({ type: 'amendment.table', amendmentId: id }, delegate(w.norway), draftFacts(id, meta, forged)), 'invalid_state');
    // Another delegation cannot table it, nor can the chair (a delegation's own draft is private).
    expect(domainError(() => w.m.run({ type: 'amendment.table', amendmentId: id }, delegate(w.egypt), draftFacts(id, meta, richFromText('x'))), 'forbidden').message).toMatch(
      /only the sponsoring delegation/,
    );
    domainError(() => w.m.run({ type: 'amendment.table', amendmentId: id }, SECRETARIAT, draftFacts(id, meta, richFromText('x'))), 'forbidden');

    const [tabled] = w.m.run({ type: 'amendment.table', amendmentId: id, note: 'Stronger.' }, delegate(w.norway, 'Kari'), draftFacts(id, meta, richFromText(TEXT_50.replace('should', 'shall'))));
    expect(tabled.type).toBe('AmendmentTabled');
    const a = w.m.state.negotiation.amendments[id];
    expect(a).toMatchObject({ status: 'tabled', kind: 'change', target: { paragraphId: P50 } });
    expect(a.versions).toEqual([{ version: 1, at: expect.any(String), by: 'Kari', base: w.words[P50], proposed: richFromText(TEXT_50.replace('should', 'shall')), note: 'Stronger.' }]);
    expect(pendingAmendments(w.m.state, DOC, P50).map((x) => x.id)).toEqual([id]);
  });

  it('keeps every version when the sponsor revises, and refuses a revision that changes nothing', () => {
    const w = meeting();
    const id = tableChange(w);
    const meta = { kind: 'change' as const, paragraphId: P50, base: w.words[P50] };
    domainError(() => w.m.run({ type: 'amendment.revise', amendmentId: id }, delegate(w.norway), draftFacts(id, meta, richFromText(TEXT_50.replace('should', 'shall')))), 'invalid_state');
    w.m.run({ type: 'amendment.revise', amendmentId: id }, delegate(w.norway), draftFacts(id, meta, richFromText(TEXT_50.replace('should', 'must'))));
    expect(w.m.state.negotiation.amendments[id].versions.map((v) => richText(v.proposed!))).toEqual([
      TEXT_50.replace('should', 'shall'),
      TEXT_50.replace('should', 'must'),
    ]);
  });

  it('records co-sponsors, supporters and objectors, each for itself; observers may support but not object', () => {
    const w = meeting();
    const id = tableChange(w);
    w.m.run({ type: 'amendment.cosponsor', amendmentId: id }, delegate(w.germany));
    w.m.run({ type: 'amendment.support', amendmentId: id }, delegate(w.holySee));
    w.m.run({ type: 'amendment.object', amendmentId: id, reason: 'Too strong.' }, delegate(w.egypt));
    w.m.run({ type: 'amendment.object', amendmentId: id, delegationId: w.pakistan }, SECRETARIAT);
    const observer = domainError(() => w.m.run({ type: 'amendment.object', amendmentId: id }, delegate(w.holySee)), 'forbidden');
    expect(observer.message).toMatch(/takes part as Non-signatory observer State and may not object/);
    domainError(() => w.m.run({ type: 'amendment.support', amendmentId: id, delegationId: w.iran }, delegate(w.egypt)), 'forbidden');
    domainError(() => w.m.run({ type: 'amendment.support', amendmentId: id }, delegate(w.norway)), 'invalid_state');
    domainError(() => w.m.run({ type: 'amendment.support', amendmentId: id }, VIEWER), 'forbidden');
    const a = w.m.state.negotiation.amendments[id];
    expect(Object.fromEntries(Object.entries(a.stances).map(([d, s]) => [d, s.stance]))).toEqual({
      [w.germany]: 'cosponsor',
      [w.holySee]: 'support',
      [w.egypt]: 'object',
      [w.pakistan]: 'object',
    });
    w.m.run({ type: 'amendment.retract', amendmentId: id }, delegate(w.egypt));
    expect(w.m.state.negotiation.amendments[id].stances[w.egypt]).toBeUndefined();
  });

  it('hides a draft from everyone but its sponsor: no positions on it', () => {
    const w = meeting();
    const [started] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.norway), w.facts());
    const id = (started.payload as { amendmentId: string }).amendmentId;
    domainError(() => w.m.run({ type: 'amendment.support', amendmentId: id }, delegate(w.egypt)), 'not_found');
  });

  it('withdraws: the sponsor, or the chair for what is public', () => {
    const w = meeting();
    const id = tableChange(w);
    domainError(() => w.m.run({ type: 'amendment.withdraw', amendmentId: id }, delegate(w.egypt)), 'forbidden');
    w.m.run({ type: 'amendment.withdraw', amendmentId: id, reason: 'Overtaken by events.' }, CHAIR);
    expect(w.m.state.negotiation.amendments[id].status).toBe('withdrawn');
    domainError(() => w.m.run({ type: 'amendment.withdraw', amendmentId: id }, delegate(w.norway)), 'invalid_state');
  });
});

describe('the chair’s decisions on amendments', () => {
  it('accepts: the paragraph becomes the amendment’s words; a second decision is refused', () => {
    const w = meeting();
    const id = tableChange(w);
    const events = w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'accept', expectedVersion: 1 }, CHAIR, w.facts());
    expect(events.map((e) => e.type)).toEqual(['AmendmentDecided']);
    expect(events[0].payload).toMatchObject({ paragraphId: P50, merged: false, result: richFromText(TEXT_50.replace('should', 'shall')) });
    expect(textEditsOf(events)).toEqual([{ op: 'replace', doc: DOC, paragraphId: P50, content: richFromText(TEXT_50.replace('should', 'shall')) }]);
    expect(w.m.state.negotiation.amendments[id].status).toBe('accepted');
    const again = domainError(() => w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'reject', expectedVersion: 1 }, CHAIR, w.facts()), 'invalid_state');
    expect(again.message).toMatch(/already decided: accept by Chair/);
    domainError(() => w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'accept', expectedVersion: 1 }, delegate(w.norway), w.facts()), 'forbidden');
  });

  it('refuses a decision on a version the chair has not seen', () => {
    const w = meeting();
    const id = tableChange(w);
    w.m.run({ type: 'amendment.revise', amendmentId: id }, delegate(w.norway), draftFacts(id, { kind: 'change', paragraphId: P50, base: w.words[P50] }, richFromText('New words.')));
    const e = domainError(() => w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'accept', expectedVersion: 1 }, CHAIR, w.facts()), 'conflict');
    expect(e.details).toEqual({ latestVersion: 2 });
  });

  it('merges with what the pen-holder changed since the draft, or reports the conflict', () => {
    const w = meeting();
    const id = tableChange(w);
    const changed = richFromText(TEXT_50.replace('non-punishment', 'non-punishment and non-prosecution'));
    const [decided] = w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'accept', expectedVersion: 1 }, CHAIR, w.facts({ [P50]: changed }));
    expect(decided.payload).toMatchObject({
      merged: true,
      result: richFromText('States parties shall implement the recommendations on non-punishment and non-prosecution adopted at the first meeting.'),
    });

    const v = meeting();
    const other = tableChange(v);
    const e = domainError(
      () => v.m.run({ type: 'amendment.decide', amendmentId: other, outcome: 'accept', expectedVersion: 1 }, CHAIR, v.facts({ [P50]: richFromText(TEXT_50.replace('should', 'must')) })),
      'conflict',
    );
    expect(e.message).toMatch(/paragraph 50 changed since the amendment was drafted.*"must" where the amendment says "shall"/);
    expect(e.details).toEqual({ conflicts: [{ base: 'should', current: 'must', proposed: 'shall', after: 'States parties ' }] });
    expect(v.m.state.negotiation.amendments[other].status).toBe('tabled');
    // The chair settles it with final words.
    v.m.run({ type: 'amendment.decide', amendmentId: other, outcome: 'accept_modified', expectedVersion: 1, text: TEXT_50.replace('should', 'shall') }, CHAIR, v.facts());
    expect(v.m.state.negotiation.amendments[other].status).toBe('accepted_modified');
  });

  it('places an amendment in brackets, the way negotiators write it', () => {
    const w = meeting();
    const id = tableChange(w);
    const events = w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'bracket', expectedVersion: 1 }, CHAIR, w.facts());
    expect(events.map((e) => e.type)).toEqual(['AmendmentDecided', 'BracketPlaced']);
    const result = (events[0].payload as { result: RichParagraph }).result;
    expect(richText(result)).toBe('States parties [should][shall] (Norway) implement the recommendations on non-punishment adopted at the first meeting.');
    const [bracket] = openBrackets(w.m.state, DOC, P50);
    expect(bracket).toMatchObject({ alternatives: ['should', 'shall'], proposedBy: w.norway, holders: { [w.norway]: expect.anything() } });
    expect(w.m.state.negotiation.amendments[id].status).toBe('bracketed');

    // Egypt holds it too; Norway lets go; the chair lifts it keeping "should".
    w.m.run({ type: 'bracket.hold', bracketId: bracket.id, reason: 'Needs to consult capital.' }, delegate(w.egypt));
    domainError(() => w.m.run({ type: 'bracket.hold', bracketId: bracket.id }, delegate(w.holySee)), 'forbidden');
    w.m.run({ type: 'bracket.release', bracketId: bracket.id }, delegate(w.norway));
    expect(Object.keys(w.m.state.negotiation.brackets[bracket.id].holders)).toEqual([w.egypt]);
    domainError(() => w.m.run({ type: 'bracket.lift', bracketId: bracket.id, keep: 0 }, delegate(w.egypt), w.facts({ [P50]: result })), 'forbidden');
    domainError(() => w.m.run({ type: 'bracket.lift', bracketId: bracket.id, keep: 2 }, CHAIR, w.facts({ [P50]: result })), 'invalid_command');
    const lifted = w.m.run({ type: 'bracket.lift', bracketId: bracket.id, keep: 0 }, CHAIR, w.facts({ [P50]: result }));
    expect(textEditsOf(lifted)).toEqual([{ op: 'lift', doc: DOC, paragraphId: P50, bracketId: bracket.id, words: 'should' }]);
    expect(openBrackets(w.m.state, DOC, P50)).toEqual([]);
  });

  it('brackets an alternative wording as one bracket beside the current words', () => {
    const w = meeting();
    const [started] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'alternative', paragraphId: P50 }, delegate(w.egypt), w.facts());
    const id = (started.payload as { amendmentId: string }).amendmentId;
    const alt = 'States parties may consider the recommendations on non-punishment adopted at the first meeting.';
    w.m.run({ type: 'amendment.table', amendmentId: id }, delegate(w.egypt), draftFacts(id, { kind: 'alternative', paragraphId: P50, base: w.words[P50] }, richFromText(alt)));
    const [decided] = w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'bracket', expectedVersion: 1 }, CHAIR, w.facts());
    expect(richText((decided.payload as { result: RichParagraph }).result)).toBe(
      'States parties [should implement][may consider] (Egypt) the recommendations on non-punishment adopted at the first meeting.',
    );
  });

  it('deletes by marking the paragraph deleted, and inserts a new paragraph at its place', () => {
    const w = meeting();
    const [d] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'delete', paragraphId: P51, delegationId: w.egypt }, SECRETARIAT, w.facts());
    const del = (d.payload as { amendmentId: string }).amendmentId;
    w.m.run({ type: 'amendment.table', amendmentId: del }, SECRETARIAT, draftFacts(del, { kind: 'delete', paragraphId: P51, base: w.words[P51] }, null));
    const deleted = w.m.run({ type: 'amendment.decide', amendmentId: del, outcome: 'accept', expectedVersion: 1 }, CHAIR, w.facts());
    expect(deleted.map((e) => e.type)).toEqual(['AmendmentDecided', 'ParagraphStatusSet']);
    expect(paragraphStatus(w.m.state, DOC, P51)).toBe('deleted');
    expect(textEditsOf(deleted)).toEqual([]);

    const [s] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'insert', place: { after: P50 } }, delegate(w.norway), w.facts());
    const ins = (s.payload as { amendmentId: string }).amendmentId;
    w.m.run({ type: 'amendment.table', amendmentId: ins }, delegate(w.norway), draftFacts(ins, { kind: 'insert', place: { after: P50 } }, richFromText('A new recommendation.')));
    const inserted = w.m.run({ type: 'amendment.decide', amendmentId: ins, outcome: 'accept', expectedVersion: 1 }, CHAIR, w.facts());
    const [edit] = textEditsOf(inserted);
    expect(edit).toMatchObject({ op: 'insert', doc: DOC, place: { after: P50 }, content: richFromText('A new recommendation.') });
    expect(w.m.state.negotiation.amendments[ins].decision?.paragraphId).toBe((edit as { paragraphId: string }).paragraphId);
  });

  it('lifts the brackets an accepted amendment’s words no longer carry, recording it', () => {
    const w = meeting();
    const first = tableChange(w);
    const [decided] = w.m.run({ type: 'amendment.decide', amendmentId: first, outcome: 'bracket', expectedVersion: 1 }, CHAIR, w.facts());
    const bracketed = (decided.payload as { result: RichParagraph }).result;
    const [bracket] = openBrackets(w.m.state, DOC, P50);
    const [s] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.egypt), w.facts({ [P50]: bracketed }));
    const id = (s.payload as { amendmentId: string }).amendmentId;
    w.m.run({ type: 'amendment.table', amendmentId: id }, delegate(w.egypt), draftFacts(id, { kind: 'change', paragraphId: P50, base: bracketed }, richFromText(TEXT_50)));
    const events = w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'accept', expectedVersion: 1 }, CHAIR, w.facts({ [P50]: bracketed }));
    expect(events.map((e) => e.type)).toEqual(['AmendmentDecided', 'BracketLifted']);
    expect(events[1].payload).toMatchObject({ bracketId: bracket.id, amendmentId: id });
    // The amendment's words replace the paragraph: no separate edit for the bracket.
    expect(textEditsOf(events).map((e) => e.op)).toEqual(['replace']);
  });
});

describe('objections, positions and adoption', () => {
  it('lists objections per paragraph with who and when; refuses observers and duplicates', () => {
    const w = meeting();
    w.m.run({ type: 'objection.raise', doc: DOC, paragraphId: P50, reason: 'Cannot join consensus.' }, delegate(w.egypt), w.facts());
    domainError(() => w.m.run({ type: 'objection.raise', doc: DOC, paragraphId: P50, reason: 'Again.' }, delegate(w.egypt), w.facts()), 'already_exists');
    const observer = domainError(() => w.m.run({ type: 'objection.raise', doc: DOC, paragraphId: P50, reason: 'No.' }, delegate(w.holySee), w.facts()), 'forbidden');
    expect(observer.message).toBe(
      'Holy See takes part as Non-signatory observer State and may not object to a paragraph: in this meeting only States parties, Regional economic integration organizations parties may; it may speak and record an explanation of position',
    );
    domainError(() => w.m.run({ type: 'objection.raise', doc: DOC, paragraphId: P50, reason: 'No.', delegationId: w.iran }, delegate(w.egypt), w.facts()), 'forbidden');
    expect(standingObjections(w.m.state, DOC, P50).map((o) => o.delegationId)).toEqual([w.egypt]);
    w.m.run({ type: 'objection.withdraw', doc: DOC, paragraphId: P50 }, delegate(w.egypt));
    expect(standingObjections(w.m.state, DOC, P50)).toEqual([]);
    expect(w.m.state.negotiation.objections[DOC][P50][0]).toMatchObject({ delegationId: w.egypt, withdrawnAt: expect.any(String) });
  });

  it('refuses consensus while brackets, objections or amendments stand, saying why and by whom', () => {
    const w = meeting();
    const id = tableChange(w);
    w.m.run({ type: 'objection.raise', doc: DOC, paragraphId: P50, reason: 'The first meeting’s recommendations do not emanate from this meeting.' }, delegate(w.egypt), w.facts());
    w.m.run({ type: 'objection.raise', doc: DOC, paragraphId: P50, reason: 'Same.', delegationId: w.pakistan }, CHAIR, w.facts());
    const e = domainError(() => w.m.run({ type: 'adoption.decide', doc: DOC, paragraphIds: [P50, P51], outcome: 'adopted' }, CHAIR, w.facts()), 'invalid_state');
    expect(e.message).toMatch(/^Paragraph 50 cannot be adopted by consensus: Egypt and Pakistan object \(Egypt: "The first meeting’s recommendations do not emanate from this meeting."; Pakistan: "Same."\); an amendment by Norway is still before the group\.$/);
    expect(e.details).toMatchObject({ blockers: [{ paragraphId: P50, number: 50, objections: [{ delegationId: w.egypt }, { delegationId: w.pakistan }], amendments: [{ amendmentId: id }] }] });
    // paragraph.setStatus obeys the same rule.
    domainError(() => w.m.run({ type: 'paragraph.setStatus', doc: DOC, paragraphIds: [P50], status: 'agreed_ad_ref' }, CHAIR), 'invalid_state');
    // The rest of the range can be adopted on its own.
    w.m.run({ type: 'adoption.decide', doc: DOC, paragraphIds: [P51], outcome: 'adopted' }, CHAIR, w.facts());
    expect(paragraphStatus(w.m.state, DOC, P51)).toBe('adopted');
    // Adopted is frozen: no objection, no other outcome until reopened.
    domainError(() => w.m.run({ type: 'objection.raise', doc: DOC, paragraphId: P51, reason: 'Late.' }, delegate(w.iran), w.facts()), 'invalid_state');
    domainError(() => w.m.run({ type: 'adoption.decide', doc: DOC, paragraphIds: [P51], outcome: 'deferred' }, CHAIR, w.facts()), 'invalid_state');
    w.m.run({ type: 'paragraph.reopen', doc: DOC, paragraphId: P51, reason: 'At the request of Iran.' }, CHAIR);
    expect(paragraphStatus(w.m.state, DOC, P51)).toBe('under_consideration');
  });

  it('records no consensus: dropped, or kept with a footnote pointing to the deliberations', () => {
    const w = meeting();
    domainError(() => w.m.run({ type: 'adoption.decide', doc: DOC, paragraphIds: [P50], outcome: 'no_consensus' }, CHAIR, w.facts()), 'invalid_command');
    const events = w.m.run(
      { type: 'adoption.decide', doc: DOC, paragraphIds: [P50], outcome: 'no_consensus', disposition: 'keep', footnote: { target: { paragraphId: P109 } } },
      CHAIR,
      w.facts(),
    );
    expect(events[0].payload).toMatchObject({
      status: 'no_consensus',
      decision: {
        outcome: 'no_consensus',
        disposition: 'keep',
        footnote: { target: { paragraphId: P109, doc: DOC }, note: `For the discussion of the working group on this recommendation, see {{ref:${P109}}}.` },
      },
    });
    expect(textEditsOf(events)).toEqual([{ op: 'footnote', doc: DOC, paragraphId: P50, note: expect.stringContaining(`{{ref:${P109}}}`) }]);
    w.m.run({ type: 'adoption.decide', doc: DOC, paragraphIds: [P51], outcome: 'no_consensus', disposition: 'drop' }, CHAIR, w.facts());
    expect(paragraphStatus(w.m.state, DOC, P51)).toBe('deleted');
    w.m.run({ type: 'adoption.decide', doc: DOC, paragraphIds: [P109], outcome: 'deferred' }, CHAIR, w.facts());
    expect(paragraphStatus(w.m.state, DOC, P109)).toBe('under_consideration');
    // Free words for what the report does not hold; a paragraph of the report numbered by hand is refused (issue 13).
    const free = (words: string) =>
      w.m.run(
        { type: 'adoption.decide', doc: DOC, paragraphIds: [P109], outcome: 'no_consensus', disposition: 'keep', footnote: { target: { text: words } } },
        CHAIR,
        w.facts(),
      );
    for (const typed of ['paragraph 109 of the report', 'paragraph 109 below', 'الفقرة ١٠٩ أدناه', '报告第109段', 'paragraphe 109 du rapport']) {
      expect(domainError(() => free(typed), 'invalid_command').message).toMatch(/choose the paragraph from the report's list/);
    }
    expect(paragraphStatus(w.m.state, DOC, P109)).toBe('under_consideration');
    const [outside] = free('paragraph 12 of the 2009 report (CTOC/COP/WG.4/2009/2)');
    expect((outside.payload as { decision: { footnote: { note: string } } }).decision.footnote.note).toBe(
      'For the discussion of the working group on this recommendation, see paragraph 12 of the 2009 report (CTOC/COP/WG.4/2009/2).',
    );
  });

  it('points a footnote at a paragraph the report generates, by its id in the report, and refuses one the report does not have (issue 13)', () => {
    const w = meeting();
    const keep = (target: { generated: string }) =>
      w.m.run({ type: 'adoption.decide', doc: DOC, paragraphIds: [P50], outcome: 'no_consensus', disposition: 'keep', footnote: { target } }, CHAIR, w.facts());
    domainError(() => keep({ generated: 'p-item-nosuchitem-heard' }), 'not_found');
    expect(() => keep({ generated: 'p_notgenerated1' })).toThrow();
    const [e] = keep({ generated: 'p-opening' });
    expect((e.payload as { decision: { footnote: unknown } }).decision.footnote).toEqual({
      target: { generated: 'p-opening' },
      note: 'For the discussion of the working group on this recommendation, see {{ref:p-opening}}.',
    });
  });

  it('takes {n} for the number alone in the footnote\'s own words, and refuses a number typed in them (issue 13)', () => {
    const w = meeting();
    const keep = (text: string) =>
      w.m.run(
        { type: 'adoption.decide', doc: DOC, paragraphIds: [P50], outcome: 'no_consensus', disposition: 'keep', footnote: { target: { paragraphId: P109 }, text } },
        CHAIR,
        w.facts(),
      );
    const typed = domainError(() => keep('For the views expressed, see paragraph 109 of the report.'), 'invalid_command');
    expect(typed.message).toMatch(/write \{n\} \(or \{ref\}\) where its number goes/);
    // A placeholder does not excuse a second number typed beside it.
    expect(domainError(() => keep('See {ref}, and paragraph 110 below.'), 'invalid_command').message).toContain('"paragraph 110 below"');
    // Nor a number typed in the same list as the placeholder, in any of the six languages.
    for (const [words, typed] of [
      ['For the views expressed, see paragraphs {n} and 110 below.', 'paragraphs {n} and 110 below'],
      ['Voir les paragraphes {n} et 110 du rapport.', 'paragraphes {n} et 110'],
      ['Véanse los párrafos {n} y 110 del informe.', 'párrafos {n} y 110'],
      ['См. пункты {n} и 110 доклада.', 'пункты {n} и 110'],
      ['انظر الفقرتين {n} و١١٠ من التقرير.', 'الفقرتين {n} و١١٠'],
      ['见报告第{n}和110段。', '第{n}和110段'],
    ]) {
      const refused = domainError(() => keep(words), 'invalid_command');
      expect(refused.message).toContain(`"${typed}"`);
      expect(refused.details).toEqual({ typed });
    }
    domainError(() => keep('For the views expressed, see the discussion below.'), 'invalid_command');
    expect(paragraphStatus(w.m.state, DOC, P50)).not.toBe('no_consensus');
    const [e] = keep('For the views expressed, see paragraph {n} of the report.');
    expect((e.payload as { decision: { footnote: { note: string } } }).decision.footnote.note).toBe(`For the views expressed, see paragraph {{num:${P109}}} of the report.`);
  });

  it('keeps reservations and explanations of position with the paragraph', () => {
    const w = meeting();
    w.m.run({ type: 'position.record', doc: DOC, paragraphId: P50, kind: 'reservation', text: 'Subject to domestic law.' }, delegate(w.iran), w.facts());
    w.m.run({ type: 'position.record', doc: DOC, paragraphId: P50, kind: 'explanation', text: 'We joined with reluctance.' }, delegate(w.holySee), w.facts());
    domainError(() => w.m.run({ type: 'position.record', doc: DOC, paragraphId: P50, kind: 'reservation', text: 'No.' }, delegate(w.holySee), w.facts()), 'forbidden');
    expect(w.m.state.negotiation.positions[DOC][P50].map((p) => [p.kind, p.delegationId])).toEqual([
      ['reservation', w.iran],
      ['explanation', w.holySee],
    ]);
  });
});

describe('the story of a paragraph', () => {
  it('puts every step in order, with who and what', () => {
    const w = meeting();
    const id = tableChange(w);
    w.m.run({ type: 'amendment.support', amendmentId: id }, delegate(w.germany));
    w.m.run({ type: 'amendment.object', amendmentId: id, reason: 'No.' }, delegate(w.egypt));
    w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'bracket', expectedVersion: 1 }, CHAIR, w.facts());
    w.m.run({ type: 'objection.raise', doc: DOC, paragraphId: P50, reason: 'Cannot join.' }, delegate(w.pakistan), w.facts());
    w.m.run({ type: 'adoption.decide', doc: DOC, paragraphIds: [P50], outcome: 'no_consensus', disposition: 'keep', footnote: { target: { paragraphId: P109 } } }, CHAIR, w.facts());
    const versions = [{ seq: 1, from: '2010-01-27T09:00:00.000Z', to: '2010-01-27T09:00:00.000Z', by: ['Secretariat officer'], text: TEXT_50, parts: [{ t: 'text' as const, text: TEXT_50 }], number: 50 }];
    const story = paragraphStory(w.m.state, DOC, P50, versions, { refWords: (id) => (id === P109 ? 'paragraph 109 below' : '?') });
    expect(story.status).toBe('no_consensus');
    expect(story.amendments).toEqual([
      expect.objectContaining({ sponsor: 'Norway', supporters: ['Germany'], objectors: [{ delegation: 'Egypt', reason: 'No.' }], status: 'bracketed' }),
    ]);
    expect(story.entries.map((e) => e.kind)).toEqual(['version', 'amendment', 'stance', 'stance', 'decision', 'bracket', 'objection', 'status']);
    const md = storyMarkdown(story);
    expect(md).toContain('Norway tables an amendment (change)');
    expect(md).toContain(
      'Read for adoption: no consensus; the paragraph is kept, with a footnote: “For the discussion of the working group on this recommendation, see paragraph 109 below.”',
    );
    // Which numbering, and no internal id anywhere (issue 13).
    expect(md).toContain('# The story of paragraph 50 of the draft');
    for (const out of [md, storyHtml(story)]) expect(out).not.toMatch(/\b(p|am|br)_[A-Za-z0-9]{6,}/);
    expect(storyMarkdown(paragraphStory(w.m.state, DOC, P50, [{ ...versions[0], number: null }]))).toContain('# The story of a paragraph without number');
  });

  it('sets a bracket the meeting placed apart from square brackets typed as words, in its JSON and both exports (issue 10)', () => {
    const w = meeting();
    // Norway's words carry "[must]" typed as words; the chair places the change in brackets.
    const proposed = TEXT_50.replace('should', 'shall').replace('adopted', '[must] adopted');
    const id = tableChange(w, proposed);
    w.m.run({ type: 'amendment.decide', amendmentId: id, outcome: 'bracket', expectedVersion: 1 }, CHAIR, w.facts());
    const [placed] = openBrackets(w.m.state, DOC, P50);
    const versions = [
      { seq: 1, from: '2010-01-27T09:00:00.000Z', to: '2010-01-27T09:00:00.000Z', by: ['Kari'], text: 'as read', number: 50, parts: [{ t: 'text' as const, text: 'States parties ' }, { t: 'bracket' as const, text: '[should][shall] (Norway)' }, { t: 'text' as const, text: ' [must] see.' }] },
    ];
    const story = paragraphStory(w.m.state, DOC, P50, versions);
    const bracketPart = { t: 'bracket', text: `${placed.alternatives.map((a) => `[${a}]`).join('')} (Norway)` };
    // JSON: parts, as the report's JSON carries them; the typed words stay words.
    expect(story.text).toEqual(versions[0].parts);
    expect(story.versions[0].text).toEqual(versions[0].parts);
    expect(story.brackets[0].words).toEqual([bracketPart]);
    expect(story.amendments[0].decision!.result).toContainEqual(bracketPart);
    expect(story.amendments[0].versions[0].proposed).toEqual([{ t: 'text', text: proposed }]);
    expect(story.entries.find((e) => e.kind === 'bracket')!.summary).toEqual([{ t: 'text', text: 'Bracket placed: ' }, bracketPart]);
    // Markdown: the placed bracket bold, typed brackets escaped. HTML: the placed one a .bracket span, typed ones plain.
    const md = storyMarkdown(story);
    expect(md).toContain('> States parties **\\[should\\]\\[shall\\] (Norway)** \\[must\\] see.');
    expect(md).toContain(`| Bracket placed: **${bracketPart.text.replace(/[[\]]/g, '\\$&')}** |`);
    expect(md).not.toMatch(/[^\\]\[must/);
    const html = storyHtml(story);
    expect(html).toContain('<blockquote>States parties <span class="bracket">[should][shall] (Norway)</span> [must] see.</blockquote>');
    expect(html).toContain('.bracket { font-weight: bold; }');
  });
});

describe('who may read and write an amendment’s draft', () => {
  it('is the sponsoring delegation; for an oral amendment also the chair and the secretariat; after a decision nobody writes', () => {
    const w = meeting();
    const [own] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.norway), w.facts());
    const [oral] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50, delegationId: w.egypt }, SECRETARIAT, w.facts());
    const ownDoc = `amendment:${(own.payload as { amendmentId: string }).amendmentId}`;
    const oralDoc = `amendment:${(oral.payload as { amendmentId: string }).amendmentId}`;
    const s = w.m.state;
    expect([delegate(w.norway), delegate(w.egypt), CHAIR, SECRETARIAT, VIEWER].map((a) => canReadDoc(a, s, ownDoc))).toEqual([true, false, false, false, false]);
    expect([delegate(w.norway), delegate(w.egypt), CHAIR, SECRETARIAT, VIEWER].map((a) => canReadDoc(a, s, oralDoc))).toEqual([false, true, true, true, false]);
    expect(canWriteDoc(delegate(w.norway), s, ownDoc)).toBe(true);
    expect(canReadDoc(delegate(w.norway), s, 'amendment:a_unknown00001')).toBe(false);
    w.m.run({ type: 'amendment.withdraw', amendmentId: (own.payload as { amendmentId: string }).amendmentId }, delegate(w.norway));
    expect(canWriteDoc(delegate(w.norway), w.m.state, ownDoc)).toBe(false);
    expect(canReadDoc(delegate(w.norway), w.m.state, ownDoc)).toBe(true);
  });

  it('keeps the public and the secretariat out of a delegation’s own draft commands', () => {
    const w = meeting();
    const [own] = w.m.run({ type: 'amendment.start', doc: DOC, kind: 'change', paragraphId: P50 }, delegate(w.norway), w.facts());
    const amendmentId = (own.payload as { amendmentId: string }).amendmentId;
    const table = parseCommand({ type: 'amendment.table', amendmentId });
    expect(denial(SECRETARIAT, table, w.m.state)).toMatch(/private/);
    expect(denial(CHAIR, parseCommand({ type: 'amendment.withdraw', amendmentId }), w.m.state)).toMatch(/private/);
    expect(denial(VIEWER, parseCommand({ type: 'objection.raise', doc: DOC, paragraphId: P50, reason: 'x' }), w.m.state)).toMatch(/public/);
  });
});
