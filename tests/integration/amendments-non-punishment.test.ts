/**
 * THE NON-PUNISHMENT STORY, end to end with the real server (the model
 * report's paragraph 50, footnote 9 and paragraph 109): a recommendation is
 * drafted; two amendments are tabled, one accepted and one put in brackets;
 * three delegations object; the chair cannot gavel it by consensus and is
 * told why and by whom; the chair records no consensus and keeps the
 * paragraph with a footnote pointing to the paragraph of the deliberations
 * that explains the disagreement; the paragraph's story shows all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import { wordsText, type ParagraphStory, type WordPart } from '@gavel/shared';
import { DraftClient } from '../support/draft-client';
import { NON_PUNISHMENT, ok, readText, setupNegotiation, tableAmendment, type NegotiationFixture } from '../support/negotiation';
import { TestServer, waitFor } from '../support/server';

let server: TestServer;
let f: NegotiationFixture;
let pen: DraftClient;
/** The recommendation, and the deliberations paragraph that explains the disagreement. */
let p50: string;
let p109: string;
let summary: string;

beforeAll(async () => {
  server = await TestServer.start();
  f = await setupNegotiation(server);
  p50 = f.p[1];
  // Chapter IV: the summary of the deliberations on the item, with its paragraph on non-punishment.
  const [item] = await ok(f.secretariat.command(f.meetingId, { type: 'agenda.addItem', title: 'Non-punishment and non-prosecution of victims' }));
  summary = `summary:${(item.payload as { item: { id: string } }).item.id}`;
  const imported = await f.secretariat.request(
    'POST',
    `/api/meetings/${f.meetingId}/drafts/${summary}/import?format=text`,
    '1. Views differed sharply on further recommendations on non-prosecution; a group of members objected to the decision to re-include the recommendations of the first meeting as emanating from this meeting.',
    { 'content-type': 'text/plain' },
  );
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  p109 = (await readText(f.secretariat, f.meetingId, summary)).paragraphs[0].id;
  pen = await DraftClient.open(server.url, f.secretariat.token!);
});
afterAll(async () => {
  pen?.close();
  await server.stop();
});

const PROTOCOL = ', in accordance with the Trafficking in Persons Protocol,';
const withProtocol = NON_PUNISHMENT.replace('States parties should', `States parties${PROTOCOL} should`);

describe('the non-punishment recommendation', () => {
  let accepted: string;
  let bracketed: string;

  it('is drafted by the pen-holder', async () => {
    await waitFor(() => pen.read().units.length === 3, 5_000, 'the text');
    expect(await pen.edit(() => $appendToParagraph(p50, [' (CTOC/COP/WG.4/2009/2)']))).toEqual({ ok: true });
  });

  it('gets two amendments tabled, co-sponsored, supported and objected to', async () => {
    const current = `${NON_PUNISHMENT} (CTOC/COP/WG.4/2009/2)`;
    accepted = await tableAmendment(server, f.norway, f.meetingId, { kind: 'change', paragraphId: p50 }, current.replace('States parties should', `States parties${PROTOCOL} should`));
    bracketed = await tableAmendment(server, f.egypt, f.meetingId, { kind: 'change', paragraphId: p50 }, current.replace('should implement', 'may consider'));
    await ok(f.germany.client.command(f.meetingId, { type: 'amendment.cosponsor', amendmentId: accepted }));
    await ok(f.holySee.client.command(f.meetingId, { type: 'amendment.support', amendmentId: accepted }));
    await ok(f.pakistan.client.command(f.meetingId, { type: 'amendment.support', amendmentId: bracketed }));
    await ok(f.norway.client.command(f.meetingId, { type: 'amendment.object', amendmentId: bracketed, reason: 'It would weaken the first meeting’s recommendations.' }));
    // Iran speaks from the floor; the secretariat records its support.
    await ok(f.secretariat.command(f.meetingId, { type: 'amendment.support', amendmentId: bracketed, delegationId: f.iran.delegationId }));
  });

  it('takes one amendment into the text and puts the other in brackets (merged with the first)', async () => {
    await ok(f.chair.command(f.meetingId, { type: 'amendment.decide', amendmentId: accepted, outcome: 'accept', expectedVersion: 1 }));
    const [decided] = await ok(f.chair.command(f.meetingId, { type: 'amendment.decide', amendmentId: bracketed, outcome: 'bracket', expectedVersion: 1 }));
    expect(decided.payload).toMatchObject({ merged: true });
    const t = await readText(f.secretariat, f.meetingId);
    expect(t.paragraphs[0].text).toBe(
      `The Working Group reiterates that States parties${PROTOCOL} [should implement][may consider] (Egypt) the recommendations on non-punishment and non-prosecution of victims adopted at its first meeting. (CTOC/COP/WG.4/2009/2)`,
    );
    await ok(f.pakistan.client.command(f.meetingId, { type: 'bracket.hold', bracketId: (decided.payload as { brackets: string[] }).brackets[0], reason: 'We need to consult our capital.' }));
  });

  it('is objected to by three delegations', async () => {
    const reason = 'The recommendations of the first meeting cannot be re-included as emanating from this meeting.';
    await ok(f.egypt.client.command(f.meetingId, { type: 'objection.raise', doc: 'recommendations', paragraphId: p50, reason }));
    await ok(f.pakistan.client.command(f.meetingId, { type: 'objection.raise', doc: 'recommendations', paragraphId: p50, reason }));
    await ok(f.iran.client.command(f.meetingId, { type: 'objection.raise', doc: 'recommendations', paragraphId: p50, reason: 'We cannot join consensus.' }));
    const state = (await server.gavel.meetings.state(f.meetingId))!;
    expect(state.negotiation.objections.recommendations[p50].map((o) => o.delegationId)).toEqual([f.egypt.delegationId, f.pakistan.delegationId, f.iran.delegationId]);
  });

  it('cannot be gavelled by consensus: the chair is told why and by whom', async () => {
    const res = await f.chair.command(f.meetingId, { type: 'adoption.decide', doc: 'recommendations', paragraphIds: [p50, f.p[2]], outcome: 'adopted' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'Paragraph 1 cannot be adopted by consensus: Egypt, Pakistan and Iran (Islamic Republic of) object (Egypt: "The recommendations of the first meeting cannot be re-included as emanating from this meeting."; Pakistan: "The recommendations of the first meeting cannot be re-included as emanating from this meeting."; Iran (Islamic Republic of): "We cannot join consensus."); the bracket [should implement][may consider] (Egypt) is open, held by Egypt and Pakistan.',
    );
    expect(res.body.error.details.blockers).toHaveLength(1);
    expect((await readText(f.secretariat, f.meetingId)).paragraphs.map((p) => p.status)).toEqual(['drafting', 'drafting', 'drafting']);
  });

  it('is recorded as no consensus, kept with a footnote pointing to the deliberations paragraph', async () => {
    await ok(f.norway.client.command(f.meetingId, { type: 'position.record', doc: 'recommendations', paragraphId: p50, kind: 'explanation', text: 'Norway regrets that consensus could not be reached.' }));
    const events = await ok(
      f.chair.command(f.meetingId, {
        type: 'adoption.decide',
        doc: 'recommendations',
        paragraphIds: [p50],
        outcome: 'no_consensus',
        disposition: 'keep',
        footnote: { target: { doc: summary, paragraphId: p109 } },
      }),
    );
    expect(events[0]).toMatchObject({
      type: 'ParagraphStatusSet',
      payload: { status: 'no_consensus', decision: { outcome: 'no_consensus', disposition: 'keep', footnote: { target: { doc: summary, paragraphId: p109 } } } },
    });
    const t = await readText(f.secretariat, f.meetingId);
    expect(t.paragraphs[0]).toMatchObject({ number: 1, status: 'no_consensus' });
    expect(t.paragraphs[0].text).toMatch(/\(CTOC\/COP\/WG\.4\/2009\/2\)\[1\]$/);
    // The footnote points at the deliberations paragraph by its id: the report (issue 6) numbers it with the whole document.
    const footnote = await server.gavel.docs.read(f.meetingId, 'recommendations', (d) => JSON.stringify(d.toJSON()));
    expect(footnote).toContain(`For the discussion of the working group on this recommendation, see {{ref:${p109}}}.`);
    // The rest of the text is adopted; the paragraph without consensus is not.
    await ok(f.chair.command(f.meetingId, { type: 'adoption.decide', doc: 'recommendations', paragraphIds: [f.p[2], f.p[3]], outcome: 'adopted' }));
    expect((await readText(f.secretariat, f.meetingId)).paragraphs.map((p) => p.status)).toEqual(['no_consensus', 'adopted', 'adopted']);
  });

  it('has a story that shows all of it, as JSON, Markdown and HTML', async () => {
    const res = await f.iran.client.request('GET', `/api/meetings/${f.meetingId}/paragraphs/${p50}/story`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const story = res.body as ParagraphStory;
    expect(story).toMatchObject({ paragraphId: p50, number: 1, status: 'no_consensus' });
    // Every version of the words: as the secretariat drafted it, then as each decision of the chair left it.
    // The words are parts (a placed bracket apart from typed words, issue 10): here read as they read.
    const read = (parts: WordPart[] | null) => (parts ? wordsText(parts) : null);
    const texts = story.versions.map((v) => read(v.text));
    expect(story.versions[0]).toMatchObject({ by: ['Secretariat officer'], text: [{ t: 'text', text: `${NON_PUNISHMENT} (CTOC/COP/WG.4/2009/2)` }] });
    expect(texts).toContain(`${withProtocol} (CTOC/COP/WG.4/2009/2)`);
    expect(story.versions.at(-1)).toMatchObject({ by: ['Dominika Krois'] });
    expect(read(story.versions.at(-1)!.text)).toMatch(/\[should implement\]\[may consider\] \(Egypt\) .* \(CTOC\/COP\/WG\.4\/2009\/2\)\[1\]$/);
    expect(story.amendments).toEqual([
      expect.objectContaining({ sponsor: 'Norway', status: 'accepted', cosponsors: ['Germany'], supporters: ['Holy See'], objectors: [] }),
      expect.objectContaining({
        sponsor: 'Egypt',
        status: 'bracketed',
        supporters: ['Pakistan', 'Iran (Islamic Republic of)'],
        objectors: [{ delegation: 'Norway', reason: 'It would weaken the first meeting’s recommendations.' }],
      }),
    ]);
    expect(read(story.amendments[0].versions[0].proposed)).toContain(PROTOCOL);
    expect(story.brackets).toEqual([expect.objectContaining({ words: [{ t: 'bracket', text: '[should implement][may consider] (Egypt)' }], holders: ['Egypt', 'Pakistan'], status: 'open' })]);
    expect(story.objections.map((o) => o.delegation)).toEqual(['Egypt', 'Pakistan', 'Iran (Islamic Republic of)']);
    expect(story.positions).toEqual([expect.objectContaining({ delegation: 'Norway', kind: 'explanation' })]);
    expect(story.statusChanges.at(-1)).toMatchObject({ status: 'no_consensus', by: 'Dominika Krois', decision: { disposition: 'keep' } });
    const kinds = story.entries.map((e) => e.kind);
    for (const kind of ['version', 'amendment', 'stance', 'decision', 'bracket', 'objection', 'position', 'status']) expect(kinds).toContain(kind);
    expect(story.entries.map((e) => e.at)).toEqual([...story.entries.map((e) => e.at)].sort());

    const md = await f.iran.client.request('GET', `/api/meetings/${f.meetingId}/paragraphs/${p50}/story?format=md`);
    expect(md.status).toBe(200);
    expect(md.body).toContain('# The story of paragraph 1');
    expect(md.body).toContain('### Egypt: change (bracketed)');
    expect(md.body).toContain('Iran (Islamic Republic of) cannot join consensus: We cannot join consensus.');
    expect(md.body).toContain('Read for adoption: no consensus; the paragraph is kept, with a footnote: “For the discussion of the working group on this recommendation, see paragraph \\[its number in the report\\].”');
    const html = await f.iran.client.request('GET', `/api/meetings/${f.meetingId}/paragraphs/${p50}/story?format=html`);
    expect(html.status).toBe(200);
    expect(html.body).toContain('<article class="paragraph-story" lang="en" dir="ltr">');
    expect(html.body).toContain('Pakistan holds the bracket <span class="bracket">[should implement][may consider] (Egypt)</span> (We need to consult our capital.)');
  });
});
