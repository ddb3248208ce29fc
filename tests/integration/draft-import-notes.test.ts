/**
 * The import says what it guessed (issue 13): every heading made from a
 * line's look and every reference left as words comes back by line; a draft
 * with no paragraph is refused with the reason and the lines; a reference
 * to another document's paragraph is never made a live reference.
 */
import { describe, expect, it } from 'vitest';
import { serverWithMeeting } from '../support/fixtures';

const env = serverWithMeeting();
const upload = (body: string) =>
  env.meeting.secretariat.request('POST', `/api/meetings/${env.meeting.meetingId}/drafts/recommendations/import?format=text`, body, { 'content-type': 'text/plain' });

describe('importing a draft', () => {
  it('returns the notes by line, and keeps another document\'s paragraph 12 as words', async () => {
    const res = await upload(
      ['A. Implementation', '1. General', '12. The Working Group met.', '13. It recalled paragraph 12 of the 2009 report and paragraph 12 above.'].join('\n'),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ ok: true, paragraphs: 2 });
    expect(res.body.notes).toEqual([
      { line: 1, code: 'section_mark', text: 'A. Implementation' },
      { line: 2, code: 'short_numbered_line', text: '1. General' },
      { line: 4, code: 'external_reference', text: 'paragraph 12' },
    ]);
    const text = (await env.meeting.secretariat.request('GET', `/api/meetings/${env.meeting.meetingId}/drafts/recommendations`)).body;
    expect(text.paragraphs.map((p: { text: string }) => p.text)).toEqual([
      'The Working Group met.',
      'It recalled paragraph 12 of the 2009 report and paragraph 1 above.',
    ]);
  });

  it('refuses a draft with no paragraph, saying why, line by line', async () => {
    const headings = await upload('1. Organizational matters\n2. Implementation of the Protocol\n');
    expect(headings.status).toBe(400);
    expect(headings.body.error).toMatchObject({
      code: 'invalid_command',
      message: 'the draft has no paragraphs: every line read as a heading (see the notes by line)',
      details: {
        reason: 'only_headings',
        notes: [
          { line: 1, code: 'short_numbered_line', text: '1. Organizational matters' },
          { line: 2, code: 'short_numbered_line', text: '2. Implementation of the Protocol' },
        ],
      },
    });
    const empty = await upload('\n \n');
    expect(empty.body.error).toMatchObject({ details: { reason: 'empty', notes: [] } });
  });
});
