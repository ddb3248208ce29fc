/**
 * The drafted text end to end: the secretariat imports its draft (DOCX with
 * footnotes, the model report's paragraph 50 / footnote 9 / paragraph 109),
 * the pen-holder inserts a paragraph over socket.io and every number,
 * footnote and cross-reference follows; the chair adopts a paragraph and the
 * server refuses any change to it, whoever sends it, until the chair reopens
 * it with a reason; the paragraph's history shows who wrote what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $appendToParagraph, $insertParagraphBefore, $removeParagraph } from '@gavel/shared/editor/edits';
import { docx, type DocxParagraph } from '@gavel/server/drafting/docx-fixture';
import { setupMeeting, type MeetingFixture } from '../support/fixtures';
import { TestServer, type ApiClient } from '../support/server';
import { DraftClient } from '../support/draft-client';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Chapter II shape: a section, a subsection, paragraphs 1-110; footnotes 1-7 early, 8 and 9 on paragraph 50. */
function modelDraft(): Buffer {
  const paragraphs: DocxParagraph[] = [
    { heading: 1, runs: [{ text: 'D. Non-punishment and non-prosecution of victims' }] },
    { heading: 2, runs: [{ text: '1. Implementation' }] },
  ];
  for (let n = 1; n <= 110; n++) {
    const runs: DocxParagraph['runs'] = [{ text: `${n}. Text of paragraph ${n}.` }];
    if (n <= 7) runs.push({ footnote: `Note on paragraph ${n}.` });
    if (n === 50) {
      runs[0] = { text: '50. The Working Group reiterates its recommendations on non-punishment.' };
      runs.push({ footnote: 'CTOC/COP/WG.4/2009/2, para. 5.' });
      runs.push({ footnote: 'For the discussion of the working group on this recommendation, see paragraph 109 below.' });
    }
    if (n === 109) runs[0] = { text: '109. Views differed sharply on non-prosecution; see paragraph 50 above.' };
    paragraphs.push({ runs });
  }
  return docx(paragraphs);
}

let server: TestServer;
let f: MeetingFixture;
let chair: ApiClient;
const text = async (client: ApiClient = f.secretariat) => {
  const res = await client.request('GET', `/api/meetings/${f.meetingId}/drafts/recommendations`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { paragraphs: { id: string; number: number; status: string; text: string }[]; footnotes: { number: number; text: string }[]; html: string };
};
const byNumber = (t: Awaited<ReturnType<typeof text>>, n: number) => t.paragraphs.find((p) => p.number === n)!;

beforeAll(async () => {
  server = await TestServer.start();
  f = await setupMeeting(server);
  chair = await server.signIn(f.meetingId, f.chairCode.code, 'Dominika Krois');
});
afterAll(() => server.stop());

describe('a drafted text', () => {
  let p50: string;
  let p109: string;

  it('starts with one empty paragraph, made by the server', async () => {
    const t = await text();
    expect(t.paragraphs).toHaveLength(1);
    expect(t.paragraphs[0]).toMatchObject({ number: 1, status: 'drafting', text: '' });
    // A client that finds a text empty asks for its first paragraph: made once, however often asked.
    for (let i = 0; i < 2; i++) {
      expect((await f.secretariat.request('POST', `/api/meetings/${f.meetingId}/drafts/recommendations/start`)).status).toBe(200);
    }
    expect((await text()).paragraphs).toHaveLength(1);
  });

  it('is imported by the secretariat only', async () => {
    const file = modelDraft();
    const path = `/api/meetings/${f.meetingId}/drafts/recommendations/import`;
    const delegate = await server.signIn(f.meetingId, f.own.code.code, 'Delegate');
    for (const who of [delegate, chair]) {
      const refused = await who.request('POST', path, file.toString('latin1'), { 'content-type': 'text/plain' });
      expect(refused.status).toBe(403);
    }
    const res = await fetch(server.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.secretariat.token}`, 'content-type': DOCX },
      body: new Uint8Array(file),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, paragraphs: 110 });

    const t = await text(delegate);
    expect(t.paragraphs).toHaveLength(110);
    p50 = byNumber(t, 50).id;
    p109 = byNumber(t, 109).id;
    expect(byNumber(t, 50).text).toBe('The Working Group reiterates its recommendations on non-punishment.[8][9]');
    expect(t.footnotes[8]).toEqual({
      number: 9,
      paragraphId: p50,
      text: 'For the discussion of the working group on this recommendation, see paragraph 109 below.',
    });
    expect(byNumber(t, 109).text).toBe('Views differed sharply on non-prosecution; see paragraph 50 above.');
    expect(t.html).toContain('<h2><span class="label">A.</span> Non-punishment and non-prosecution of victims</h2>');
  });

  it('renumbers paragraphs, footnotes and references when the pen-holder inserts a paragraph before paragraph 50', async () => {
    const pen = await DraftClient.open(server.url, f.secretariat.token!);
    expect(pen.canWrite).toBe(true);
    expect(pen.read().numbering.numberOf.get(p50)).toBe(50);
    const ack = await pen.edit(() => {
      $insertParagraphBefore(p50, ['States parties should ', { footnote: 'A new footnote.' }, 'consider this.']);
    });
    expect(ack).toEqual({ ok: true });
    pen.close();

    const t = await text();
    expect(t.paragraphs).toHaveLength(111);
    expect(byNumber(t, 50).text).toBe('States parties should [8]consider this.');
    expect(byNumber(t, 51).id).toBe(p50);
    expect(byNumber(t, 51).text).toBe('The Working Group reiterates its recommendations on non-punishment.[9][10]');
    expect(t.footnotes.find((n) => n.number === 10)!.text).toBe(
      'For the discussion of the working group on this recommendation, see paragraph 110 below.',
    );
    expect(byNumber(t, 110).id).toBe(p109);
    expect(byNumber(t, 110).text).toBe('Views differed sharply on non-prosecution; see paragraph 51 above.');
    // Every reader numbers it the same way: a delegate's client, from the same updates.
    const reader = await DraftClient.open(server.url, (await server.signIn(f.meetingId, f.other.code.code, 'Egypt')).token!);
    expect(reader.canWrite).toBe(false);
    const reading = reader.read();
    expect(reading.numbering.numberOf.get(p109)).toBe(110);
    expect(reading.numbering.footnotes[9].text).toContain('see paragraph 110 below');
    reader.close();
  });

  it('keeps an adopted paragraph read-only for everyone, pen-holder included, until the chair reopens it with a reason', async () => {
    const adopt = await chair.command(f.meetingId, { type: 'paragraph.setStatus', doc: 'recommendations', paragraphIds: [p50], status: 'adopted' });
    expect(adopt.status).toBe(200);
    const before = await text();

    const pen = await DraftClient.open(server.url, f.secretariat.token!);
    const typed = await pen.edit(() => $appendToParagraph(p50, [' And more.']));
    expect(typed.ok).toBe(false);
    expect(typed).toMatchObject({ error: { code: 'invalid_state' } });
    expect(typed.ok === false && typed.error.message).toMatch(/adopted paragraph 51 cannot change until the chair reopens it/);
    expect(pen.refusals.at(-1)).toMatchObject({ reason: 'guard' });
    pen.close();

    const again = await DraftClient.open(server.url, f.secretariat.token!);
    expect((await again.edit(() => $removeParagraph(p50))).ok).toBe(false);
    again.close();
    expect(await text()).toEqual(before);

    // An import would replace it: refused too.
    const res = await f.secretariat.request('POST', `/api/meetings/${f.meetingId}/drafts/recommendations/import`, '1. New.', {
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(409);

    // Other paragraphs stay open.
    const other = await DraftClient.open(server.url, f.secretariat.token!);
    expect(await other.edit(() => $appendToParagraph(p109, [' Noted.']))).toEqual({ ok: true });
    other.close();

    const reopen = await chair.command(f.meetingId, {
      type: 'paragraph.reopen',
      doc: 'recommendations',
      paragraphId: p50,
      reason: 'At the request of Egypt, to align it with paragraph 110',
    });
    expect(reopen.status).toBe(200);
    const fresh = await DraftClient.open(server.url, f.secretariat.token!);
    expect(await fresh.edit(() => $appendToParagraph(p50, [' As amended.']))).toEqual({ ok: true });
    fresh.close();
    const t = await text();
    expect(byNumber(t, 51)).toMatchObject({ id: p50, status: 'under_consideration' });
    expect(byNumber(t, 51).text).toMatch(/As amended\.$/);
  });

  it('gives the history of a paragraph: each version, who wrote it, and the status changes with the reason', async () => {
    const res = await chair.request('GET', `/api/meetings/${f.meetingId}/drafts/recommendations/paragraphs/${p50}/history`);
    expect(res.status).toBe(200);
    const { versions, statusChanges, status } = res.body;
    expect(status).toBe('under_consideration');
    // The text as it stood when adopted (after the import and the insertion, one writing turn), then as amended after reopening.
    expect(versions.map((v: { by: string[]; number: number; text: string }) => [v.by, v.number, v.text])).toEqual([
      [['Secretariat officer'], 51, 'The Working Group reiterates its recommendations on non-punishment.[9][10]'],
      [['Secretariat officer'], 51, 'The Working Group reiterates its recommendations on non-punishment.[9][10] As amended.'],
    ]);
    expect(statusChanges.map((c: { status: string; by: string; note?: string }) => [c.status, c.by, c.note ?? null])).toEqual([
      ['adopted', 'Dominika Krois', null],
      ['under_consideration', 'Dominika Krois', 'At the request of Egypt, to align it with paragraph 110'],
    ]);
    const bad = await chair.request('GET', `/api/meetings/${f.meetingId}/drafts/recommendations/paragraphs/not-an-id/history`);
    expect(bad.status).toBe(400);
  });
});
