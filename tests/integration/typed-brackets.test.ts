/**
 * Issue 10, item 8b: square brackets someone typed as words ("[must]") next
 * to a bracket the meeting placed must not read as a placed bracket. The
 * report's exports set them apart (export/brackets.test.ts); here the other
 * readers of a paragraph's words through the real server: the draft API's
 * paragraphs (plain text escaped as the whole text's is, and parts), the
 * paragraph's history, and its story as JSON, Markdown and HTML.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import type { ParagraphStory, WordPart } from '@gavel/shared';
import { DraftClient } from '../support/draft-client';
import { NON_PUNISHMENT, ok, readText, setupNegotiation, tableAmendment, type NegotiationFixture } from '../support/negotiation';
import { TestServer, waitFor } from '../support/server';

let server: TestServer;
let f: NegotiationFixture;
let p50: string;

const PLACED = '[should implement][may consider] (Egypt)';
const TYPED = ' See [must] and [1].';

beforeAll(async () => {
  server = await TestServer.start();
  f = await setupNegotiation(server);
  p50 = f.p[1];
  const pen = await DraftClient.open(server.url, f.secretariat.token!);
  try {
    await waitFor(() => pen.read().units.length === 3, 5_000, 'the text');
    expect(await pen.edit(() => $appendToParagraph(p50, [TYPED]))).toEqual({ ok: true });
  } finally {
    pen.close();
  }
  // Egypt's words put in brackets by the chair: a placed bracket beside the typed ones.
  const egypt = await tableAmendment(server, f.egypt, f.meetingId, { kind: 'change', paragraphId: p50 }, `${NON_PUNISHMENT}${TYPED}`.replace('should implement', 'may consider'));
  await ok(f.chair.command(f.meetingId, { type: 'amendment.decide', amendmentId: egypt, outcome: 'bracket', expectedVersion: 1 }));
}, 90_000);
afterAll(() => server?.stop());

const placedPart: WordPart = { t: 'bracket', text: PLACED };
const typedWords = (parts: WordPart[]) => parts.filter((p) => p.t === 'text').map((p) => p.text).join('');

describe('square brackets typed as words beside a placed bracket', () => {
  it('are escaped in the draft API’s paragraph text, as in the whole text, and apart in its parts', async () => {
    const t = await readText(f.secretariat, f.meetingId);
    const p = t.paragraphs.find((x) => x.id === p50)!;
    expect(p.text).toBe(`The Working Group reiterates that States parties ${PLACED} the recommendations on non-punishment and non-prosecution of victims adopted at its first meeting. See \\[must\\] and \\[1\\].`);
    // The paragraph's text is its line of the whole text.
    expect(t.text).toContain(`1. ${p.text}`);
    expect(p.parts).toContainEqual(placedPart);
    expect(typedWords(p.parts)).toContain('See [must] and [1].');
    expect(p.parts.filter((x) => x.t === 'bracket')).toEqual([placedPart]);
  });

  it('are apart in the paragraph’s history', async () => {
    const res = await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/drafts/recommendations/paragraphs/${p50}/history`);
    expect(res.status).toBe(200);
    const last = res.body.versions.at(-1) as { parts: WordPart[] };
    expect(last.parts.filter((x) => x.t === 'bracket')).toEqual([placedPart]);
    expect(typedWords(last.parts)).toContain('[must]');
  });

  it('are apart in the story: parts in its JSON, plain beside a bold placed bracket in Markdown and HTML', async () => {
    const res = await f.norway.client.request('GET', `/api/meetings/${f.meetingId}/paragraphs/${p50}/story`);
    expect(res.status).toBe(200);
    const story = res.body as ParagraphStory;
    expect(story.text!.filter((x) => x.t === 'bracket')).toEqual([placedPart]);
    expect(typedWords(story.text!)).toContain('See [must] and [1].');
    expect(story.versions.at(-1)!.text).toEqual(story.text);
    expect(story.brackets.map((b) => b.words)).toEqual([[placedPart]]);
    expect(story.entries.filter((e) => e.summary.some((x) => x.t === 'bracket')).map((e) => e.kind)).toEqual(expect.arrayContaining(['version', 'decision', 'bracket']));

    const md = (await f.norway.client.request('GET', `/api/meetings/${f.meetingId}/paragraphs/${p50}/story?format=md`)).body as string;
    expect(md).toContain(`States parties **\\[should implement\\]\\[may consider\\] (Egypt)** the recommendations`);
    expect(md).toContain('See \\[must\\] and \\[1\\].');
    expect(md.match(/\*\*[^*]+\*\*/g)!.filter((bold) => bold.includes('must'))).toEqual([]);

    const html = (await f.norway.client.request('GET', `/api/meetings/${f.meetingId}/paragraphs/${p50}/story?format=html`)).body as string;
    expect(html).toContain(`States parties <span class="bracket">${PLACED}</span> the recommendations`);
    expect(html).toContain('See [must] and [1].');
    expect(html).not.toMatch(/class="bracket">[^<]*must/);
  });
});
