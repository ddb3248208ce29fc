/**
 * The report compiled from a small meeting, end to end through the API
 * (issue 6): delegations, the agenda adopted, an item with a panellist and
 * statements, the recommendations imported as a draft; then GET the report
 * in English and Arabic, as HTML and as Markdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupMeeting, type MeetingFixture } from '../support/fixtures';
import { ApiClient, TestServer, type ApiClient as Client } from '../support/server';
import { hearSpeakers, importRecommendations } from '../support/negotiation';
import { validateAgainstAkn, xpath, xpathTexts } from '../support/xsd';

let server: TestServer;
let f: MeetingFixture;
let chair: Client;

async function ok(res: Promise<{ status: number; body: any }>, what: string) {
  const r = await res;
  if (r.status !== 200 || !r.body?.ok) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.events as any[];
}

const DRAFT = [
  'A. Implementation of the Protocol',
  '1. General recommendations',
  '1. States parties should criminalize trafficking in persons <in all its forms>.',
  '2. States parties should protect victims & witnesses.',
  '3. The working group recommends that States parties:',
  '(a) Collect data;',
  '(b) Share information.',
].join('\n');

const report = async (query: string, client: Client = f.secretariat) => {
  const res = await client.request('GET', `/api/meetings/${f.meetingId}/report${query}`);
  expect(res.status, typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body)).toBe(200);
  return res.body as string;
};

beforeAll(async () => {
  server = await TestServer.start();
  f = await setupMeeting(server);
  chair = await server.signIn(f.meetingId, f.chairCode.code, 'Dominika Krois');
  const run = (command: Record<string, unknown>, what: string) => ok(f.secretariat.command(f.meetingId, command), what);
  await run({ type: 'agenda.addItem', title: 'Organizational matters', plannedDate: '2027-01-27' }, 'item 1');
  const item = (
    await run(
      {
        type: 'agenda.addItem',
        title: 'Implementation of the <Protocol>',
        plannedDate: '2027-01-27',
        documents: [{ symbol: 'CTOC/COP/WG.4/2027/2', title: 'Background paper prepared by the Secretariat' }],
      },
      'item 2',
    )
  )[0].payload.item.id;
  await run({ type: 'agenda.addItem', title: 'Adoption of the report' }, 'item 3');
  await ok(chair.command(f.meetingId, { type: 'meeting.open' }), 'open');
  await ok(chair.command(f.meetingId, { type: 'agenda.adopt' }), 'adopt');
  await ok(chair.command(f.meetingId, { type: 'agenda.takeUp', itemId: item }), 'take up');
  await run({ type: 'speakers.request', itemId: item, kind: 'panellist', speakerName: 'Venla Roth' }, 'panellist');
  // Norway speaks before Egypt: chapter IV keeps that order, attendance is alphabetical.
  await run({ type: 'speakers.request', itemId: item, delegationId: f.own.delegationId }, 'Norway');
  await run({ type: 'speakers.request', itemId: item, delegationId: f.other.delegationId }, 'Egypt');
  await hearSpeakers(chair, f.meetingId, item, 4);
  await importRecommendations(f.secretariat, f.meetingId, DRAFT);
  // The chair adopts paragraph 1; the report marks it.
  const text = await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/drafts/recommendations`);
  const first = (text.body.paragraphs as { id: string; number: number }[]).find((p) => p.number === 1)!;
  const adopt = await chair.command(f.meetingId, { type: 'paragraph.setStatus', doc: 'recommendations', paragraphIds: [first.id], status: 'adopted' });
  expect(adopt.status, JSON.stringify(adopt.body)).toBe(200);
  firstId = first.id;
});
let firstId = '';
afterAll(() => server.stop());

const paragraphNumbers = (html: string) => [...html.matchAll(/data-n="(\d+)"/g)].map((m) => Number(m[1]));

describe('the report', () => {
  it('in English as HTML: masthead, the recommendations, generated chapters, continuous numbering', async () => {
    const html = await report('?format=html&lang=en');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
    expect(html).toContain('CTOC/COP/WG.4/2027/6');
    expect(html).toContain('Distr.: General');
    expect(html).toContain('Original: English');
    expect(html).toContain('29 January 2027');
    // I. Introduction: nothing written yet, so a marked empty slot and no invented text.
    expect(html).toContain('<span class="label">I.</span> Introduction</h2>');
    expect(html).toContain('class="placeholder"');
    // II. the imported text, escaped, with its section and subsection.
    expect(html).toContain('Recommendations of the working group');
    expect(html).toContain('Implementation of the Protocol');
    expect(html).toContain('criminalize trafficking in persons &lt;in all its forms&gt;.');
    expect(html).toContain('victims &amp; witnesses');
    expect(html).not.toContain('<in all its forms>');
    expect(html).toContain('(a)</span> Collect data;');
    expect(html).toMatch(new RegExp(`<div class="para written adopted" id="para-1" data-n="1" data-source="${firstId}" data-adopted="true">`));
    expect(html).toContain('id="para-2" data-n="2" data-source="');
    expect((html.match(/data-adopted="true"/g) ?? []).length).toBe(1);
    expect((html.match(/data-adopted="false"/g) ?? []).length).toBe(2);
    // III–V generated in English.
    expect(html).toContain('Organization of the meeting');
    expect(html).toContain('Vienna');
    expect(html).toContain('Implementation of the &lt;Protocol&gt;');
    expect(html).toContain('CTOC/COP/WG.4/2027/2');
    expect(html).toContain('Venla Roth');
    expect(html).toMatch(/following States: Norway(,| and) Egypt/);
    // Attendance: alphabetical.
    const attendance = html.slice(html.indexOf('Attendance'));
    expect(attendance.indexOf('Egypt')).toBeLessThan(attendance.indexOf('Norway'));
    // Numbering: II's paragraphs 1-3, then III… continuously.
    const numbers = paragraphNumbers(html);
    expect(numbers.length).toBeGreaterThan(5);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(html).toContain('<span class="num">4.</span> The working group held its meeting in Vienna');
  });

  it('in Arabic as HTML: right to left, Arabic-Indic digits, Arabic headings, Latin symbols', async () => {
    const html = await report('?format=html&lang=ar');
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('أولا-');
    expect(html).toContain('ثالثا-');
    expect(html).toContain('<span class="num">١-</span>');
    expect(html).toContain('<span class="num">٤-</span>');
    expect(html).not.toMatch(/<span class="num">\d/);
    expect(html).toContain('CTOC/COP/WG.4/2027/6');
    expect(html).toContain('كانون الثاني/يناير');
    expect(html).toContain('Traditional Arabic');
    const numbers = paragraphNumbers(html);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // Attendance in the Arabic order (مصر before النرويج, the article ignored); speakers in the order they spoke.
    const attendance = html.slice(html.indexOf('الحضور'));
    expect(attendance.indexOf('مصر')).toBeLessThan(attendance.indexOf('النرويج'));
    const deliberations = html.slice(html.indexOf('ملخص المداولات'));
    expect(deliberations.indexOf('النرويج')).toBeLessThan(deliberations.indexOf('مصر'));
  });

  it('as Markdown in English and Arabic: headings, numbered paragraphs, escaped text', async () => {
    const md = await report('?format=md&lang=en');
    expect(md).toContain('# Meeting of the Working Group on Trafficking in Persons');
    expect(md).toContain('## I. Introduction');
    expect(md).toContain('## III. Organization of the meeting');
    expect(md).toMatch(/^1\\\. States parties should criminalize trafficking in persons &lt;in all its forms&gt;\./m);
    expect(md).toMatch(/^4\\\. The working group held its meeting in Vienna/m);
    expect(md).toContain('Norway');
    const ar = await report('?format=md&lang=ar');
    expect(ar).toContain('## أولا- مقدمة');
    expect(ar).toMatch(/^١- /m);
    expect(ar).toMatch(/^٤- /m);
  });

  it('exports a Word document', async () => {
    const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/report?format=docx&lang=ar`, {
      headers: { authorization: `Bearer ${f.secretariat.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml.document');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('prints a PDF through headless Chromium, in Arabic too', async () => {
    const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/report?format=pdf&lang=ar`, {
      headers: { authorization: `Bearer ${f.secretariat.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The first PDF starts the server's Chromium, then Paged.js lays the pages out: slow on a loaded machine.
  }, 90_000);

  it('exports Akoma Ntoso 3.0 XML that validates against the OASIS schema', async () => {
    const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/report?format=xml&lang=ar`, {
      headers: { authorization: `Bearer ${f.secretariat.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/akn+xml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.ar\.xml"$/);
    const xml = await res.text();
    const valid = await validateAgainstAkn(xml);
    expect(valid.errors).toBe('');
    expect(valid.ok).toBe(true);
    const assembled = (await report('?format=json&lang=ar')) as unknown as { items: { kind: string; label?: string }[] };
    const labels = assembled.items.filter((i) => i.kind === 'paragraph').map((i) => i.label);
    expect(labels.length).toBeGreaterThan(3);
    expect(await xpathTexts(xml, '//paragraph/num/text()')).toEqual(labels);
    expect(await xpath(xml, 'string(/akomaNtoso/doc/mainBody/@xml:lang)')).toBe('ar');
  });

  it('defaults to HTML in the meeting language', async () => {
    const html = await report('');
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
  });

  it('refuses a bad query with a message naming the formats', async () => {
    for (const q of ['?format=odt&lang=en', '?format=rtf']) {
      const res = await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/report${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_command');
      expect(res.body.error.message).toContain('html, md, docx, pdf');
    }
    for (const q of ['?lang=de', '?format=html&extra=1']) {
      const res = await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/report${q}`);
      expect([res.status, res.body.error.code]).toEqual([400, 'invalid_command']);
    }
  });

  it('may be read by a viewer, not by anyone signed out', async () => {
    const viewer = await server.signIn(f.meetingId, f.viewerCode, 'Room screen');
    expect(await report('?format=md&lang=fr', viewer)).toContain('## I. Introduction');
    const anonymous = new ApiClient(server.url);
    const res = await anonymous.request('GET', `/api/meetings/${f.meetingId}/report?format=html`);
    expect(res.status).toBe(401);
  });
});

describe('the list of participants', () => {
  const get = (query: string, client: Client = f.secretariat) => client.request('GET', `/api/meetings/${f.meetingId}/participants${query}`);

  it('as HTML in English and Arabic: the delegations in each language’s order, each with its head of delegation', async () => {
    const en = await get('?format=html&lang=en');
    expect(en.status).toBe(200);
    const html = en.body as string;
    expect(html).toContain('<h1>List of participants</h1>');
    expect(html.indexOf('Egypt')).toBeLessThan(html.indexOf('Norway'));
    expect(html).toContain('Ms. Kari Nordmann, Head of delegation');
    const ar = (await get('?format=html&lang=ar')).body as string;
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain('قائمة المشاركين');
    expect(ar.indexOf('مصر')).toBeLessThan(ar.indexOf('النرويج'));
  });

  it('as DOCX and PDF, named by the INF symbol, for the chair too', async () => {
    const docx = await fetch(`${server.url}/api/meetings/${f.meetingId}/participants?format=docx&lang=ru`, { headers: { authorization: `Bearer ${chair.token}` } });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]*INF_1\.ru\.docx"$/);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await fetch(`${server.url}/api/meetings/${f.meetingId}/participants?format=pdf&lang=zh`, { headers: { authorization: `Bearer ${f.secretariat.token}` } });
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 90_000);

  it('is refused to a delegate, and to a bad query with the formats named', async () => {
    const delegate = await server.signIn(f.meetingId, f.own.code.code, 'Delegate of Norway');
    const refused = await get('?format=html', delegate);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const bad = await get('?format=md');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('html, docx, pdf');
  });
});
