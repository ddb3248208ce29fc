/**
 * The report with its written parts (issue 6), end to end: the secretariat
 * writes the introduction and the summary of the discussion of an item
 * through the collaborative texts (Yjs, as the editor does); the chair keeps
 * a recommendation without consensus, with a footnote pointing at the
 * paragraph of the discussion that explains the disagreement (the model
 * report's paragraph 50, footnote 9, paragraph 109). The report numbers
 * everything as one document: the footnote reads the summary paragraph's
 * number in the report, and follows when a paragraph is inserted before it.
 *
 * And `texts:changed`: a room screen learns that a text changed, and never
 * hears of an amendment's private draft.
 */
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { $replaceWithBlocks } from '@gavel/shared/editor/build';
import { $insertParagraphBefore } from '@gavel/shared/editor/edits';
import { WS, type Report, type ReportItem, type TextsChanged } from '@gavel/shared';
import { DraftClient } from '../support/draft-client';
import { connect, setupMeeting, type MeetingFixture, type SignedIn } from '../support/fixtures';
import { hearSpeakers, importRecommendations, ok, openDraft, readText, startAmendment, writeDraft } from '../support/negotiation';
import { TestServer, waitFor } from '../support/server';
import { openInLibreOffice } from '../support/libreoffice';
import { validateAgainstAkn, xpath } from '../support/xsd';

let server: TestServer;
let f: MeetingFixture;
let chair: SignedIn;
let norway: SignedIn;
let itemId: string;
let summary: string;
/** An item taken up by nobody: no statements. */
let otherItem: string;
/** The introduction's first paragraph; the recommendation kept without consensus; the discussion's paragraph on it. */
let intro1: string;
let rec1: string;
let p109: string;
const clients: DraftClient[] = [];
const sockets: Socket[] = [];

const DRAFT = [
  '1. The Working Group reiterates that States parties should implement the recommendations on non-punishment adopted at its first meeting.',
  '2. States parties should establish appropriate procedures for identifying victims.',
].join('\n');

/** Writes numbered paragraphs into an empty text through its editor (Yjs updates, as the browser sends them); their ids. */
async function write(client: DraftClient, paragraphs: string[]): Promise<string[]> {
  const ack = await client.edit(() => {
    $replaceWithBlocks(paragraphs.map((text) => ({ kind: 'paragraph', runs: [{ text }], source: null })));
  });
  expect(ack, JSON.stringify(ack)).toEqual({ ok: true });
  return client.read().units.map((u) => u.id);
}

async function report(query: string, client: SignedIn = f.secretariat) {
  const res = await client.request('GET', `/api/meetings/${f.meetingId}/report${query}`);
  expect(res.status, typeof res.body === 'string' ? res.body.slice(0, 300) : JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function reportBytes(query: string): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/report${query}`, { headers: { authorization: `Bearer ${f.secretariat.token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** One part of a zip file (a .docx), through its central directory. */
function unzipEntry(buf: Buffer, wanted: string): string {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    const nameLen = buf.readUInt16LE(p + 28);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (name === wanted) {
      const local = buf.readUInt32LE(p + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + buf.readUInt32LE(p + 20));
      return (buf.readUInt16LE(p + 10) === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  throw new Error(`no ${wanted} in the zip`);
}

const paragraphs = (r: Report) => r.items.flatMap((i) => (i.kind === 'paragraph' ? [i] : []));
const paragraph = (r: Report, id: string) => paragraphs(r).find((p) => p.sourceId === id)!;
/** The text of the footnote(s) on a paragraph, without the direction marks the Arabic edition holds English text between. */
const footnotesOn = (r: Report, id: string) =>
  paragraph(r, id).inlines.flatMap((i) => (i.t === 'fn' ? [r.footnotes[i.index - 1].text.replace(/[\u200e\u200f]/g, '')] : []));

beforeAll(async () => {
  // Every export in every language, many a test: faster than the per-session export limit (export-flood.test.ts tests that).
  server = await TestServer.start({ config: { exportsPerMinute: 1_000_000 } });
  f = await setupMeeting(server);
  chair = await server.signIn(f.meetingId, f.chairCode.code, 'Dominika Krois');
  norway = await server.signIn(f.meetingId, f.own.code.code, 'Kari Nordmann');
  const run = (command: Record<string, unknown>) => ok(f.secretariat.command(f.meetingId, command), String(command.type));
  await run({ type: 'agenda.addItem', title: 'Organizational matters' });
  const [added] = await run({ type: 'agenda.addItem', title: 'Non-punishment and non-prosecution of victims' });
  itemId = (added.payload as { item: { id: string } }).item.id;
  summary = `summary:${itemId}`;
  const [third] = await run({ type: 'agenda.addItem', title: 'Other matters' });
  otherItem = (third.payload as { item: { id: string } }).item.id;
  await ok(chair.command(f.meetingId, { type: 'meeting.open' }), 'open');
  await ok(chair.command(f.meetingId, { type: 'agenda.adopt' }), 'adopt');
  await ok(chair.command(f.meetingId, { type: 'agenda.takeUp', itemId }), 'take up');
  await run({ type: 'speakers.request', itemId, delegationId: f.own.delegationId });
  await run({ type: 'speakers.request', itemId, delegationId: f.other.delegationId });
  await hearSpeakers(chair, f.meetingId, itemId, 3);

  // II. The recommendations, imported.
  await importRecommendations(f.secretariat, f.meetingId, DRAFT);
  rec1 = (await readText(f.secretariat, f.meetingId)).paragraphs[0].id;

  // I. and IV.: written by the secretariat in the texts, as its editor does.
  const introduction = await DraftClient.open(server.url, f.secretariat.token!, 'introduction');
  clients.push(introduction);
  expect(introduction.canWrite).toBe(true);
  [intro1] = await write(introduction, [
    'In its decision 4/4, the Conference of the Parties established the working group.',
    'The working group held its first meeting in Vienna in April 2009.',
  ]);
  const discussion = await DraftClient.open(server.url, f.secretariat.token!, summary);
  clients.push(discussion);
  [, p109] = await write(discussion, [
    'Several speakers described their national measures for identifying victims.',
    'Views differed sharply on further recommendations on non-prosecution; a group of members objected to the decision to re-include the recommendations of the first meeting as emanating from this meeting.',
  ]);

  // The chair keeps the recommendation without consensus, with a footnote pointing at the discussion.
  await ok(
    chair.command(f.meetingId, {
      type: 'adoption.decide',
      doc: 'recommendations',
      paragraphIds: [rec1],
      outcome: 'no_consensus',
      disposition: 'keep',
      footnote: { target: { paragraphId: p109, doc: summary } },
    }),
    'no consensus',
  );
  await waitFor(async () => (await readText(f.secretariat, f.meetingId)).footnotes.length === 1, 5_000, 'the footnote in the text');
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of sockets) s.close();
  await server.stop();
});

describe('the report with its written parts', () => {
  it('as JSON: the written parts in their places, one numbering, sources, and the footnote with the report number', async () => {
    const r = (await report('?format=json&lang=en')) as Report;
    expect(r).toMatchObject({ lang: 'en', dir: 'ltr', masthead: { symbol: 'CTOC/COP/WG.4/2027/6' } });
    const ps = paragraphs(r);
    expect(ps.map((p) => p.n)).toEqual(ps.map((_, i) => i + 1));
    // I (2), II (2), III (opening, agenda, attendance), IV (considered, heard, then the discussion: 2).
    expect(ps.map((p) => (p.source.kind === 'text' ? p.source.doc : p.source.kind))).toEqual([
      'introduction',
      'introduction',
      'recommendations',
      'recommendations',
      'opening',
      'agenda_adoption',
      'registry',
      'agenda_item',
      'statements',
      summary,
      summary,
    ]);
    expect(paragraph(r, p109)).toMatchObject({ n: 11, label: '11.', generated: false, source: { kind: 'text', doc: summary, paragraphId: p109 } });
    expect(paragraph(r, rec1)).toMatchObject({ n: 3, adopted: false });
    expect(footnotesOn(r, rec1)).toEqual(['For the discussion of the working group on this recommendation, see paragraph 11 below.']);
    expect(r.footnotes).toEqual([{ n: 1, label: '1', text: 'For the discussion of the working group on this recommendation, see paragraph 11 below.' }]);
    // Where each written part goes; the empty ones hold nothing and only I would need a placeholder.
    const written = r.items.filter((i): i is Extract<ReportItem, { kind: 'written' }> => i.kind === 'written');
    expect(written).toEqual([
      { kind: 'written', doc: 'introduction', count: 2 },
      { kind: 'written', doc: 'addition:opening', count: 0 },
      { kind: 'written', doc: 'addition:agenda_adoption', count: 0 },
      { kind: 'written', doc: 'addition:attendance', count: 0 },
      { kind: 'written', doc: `${summary}:introduction`, count: 0 },
      { kind: 'written', doc: summary, count: 2 },
      { kind: 'written', doc: 'adoption', count: 0 },
    ]);
    expect(r.items.some((i) => i.kind === 'placeholder')).toBe(false);
  });

  it('reads the texts that were never written without creating them', async () => {
    await report('?format=json&lang=fr');
    const stored = await server.gavel.store.docNames(f.meetingId);
    expect(stored).toEqual(expect.arrayContaining(['introduction', 'recommendations', summary]));
    expect(stored).not.toContain('adoption');
    expect(stored).not.toContain(`${summary}:introduction`);
    expect(server.gavel.docs.status(f.meetingId, 'adoption')).toBeUndefined();
    expect(server.gavel.docs.status(f.meetingId, `${summary}:introduction`)).toBeUndefined();
  });

  it('in Arabic: the footnote with Arabic-Indic digits, the written words as written', async () => {
    const r = (await report('?format=json&lang=ar')) as Report;
    expect(r.dir).toBe('rtl');
    expect(paragraph(r, p109).label).toBe('١١-');
    expect(footnotesOn(r, rec1)).toEqual(['For the discussion of the working group on this recommendation, see paragraph 11 below.']);
    expect(r.footnotes[0].label).toBe('١');
    expect(paragraph(r, p109).inlines).toEqual([{ t: 'text', text: expect.stringMatching(/^\u200eViews differed sharply.*\u200e$/) }]);
  });

  it('as HTML and DOCX, in English and Arabic, with the resolved number', async () => {
    const html = (await report('?format=html&lang=en')) as string;
    expect(html).toContain('<li id="fn-1"><a class="fnlabel" href="#fnref-1">1</a> For the discussion of the working group on this recommendation, see paragraph 11 below.');
    expect(html).toContain(`data-n="11" data-source="${p109}"`);
    const htmlAr = (await report('?format=html&lang=ar')) as string;
    // The footnote is English text (the meeting's language): its reference reads in English in every edition.
    expect(htmlAr).toContain('see paragraph 11 below.');
    expect(htmlAr).toContain('<span class="num">١١-</span> \u200eViews differed sharply');
    const docx = unzipEntry(await reportBytes('?format=docx&lang=en'), 'word/footnotes.xml');
    expect(docx).toContain('For the discussion of the working group on this recommendation, see paragraph 11 below.');
    const docxAr = unzipEntry(await reportBytes('?format=docx&lang=ar'), 'word/footnotes.xml');
    expect(docxAr).toContain('see paragraph 11 below.');
  });

  it('as Akoma Ntoso XML in English and Arabic: valid against the schema, the footnote at its paragraph with the report number', async () => {
    for (const [lang, num, marker] of [
      ['en', '1.', '1'],
      ['ar', '١-', '١'],
    ] as const) {
      const xml = (await reportBytes(`?format=xml&lang=${lang}`)).toString('utf8');
      const valid = await validateAgainstAkn(xml);
      expect(valid.errors).toBe('');
      expect(valid.ok).toBe(true);
      // Chapter II's first paragraph (the recommendation kept without consensus) carries the footnote into IV.
      const note = `//chapter[2]//paragraph[1]`;
      expect(await xpath(xml, `string(${note}/num)`)).toBe(lang === 'en' ? '3.' : '٣-');
      expect(await xpath(xml, `string(${note}//authorialNote/@marker)`)).toBe(marker);
      expect(await xpath(xml, `string(${note}//authorialNote)`)).toBe('For the discussion of the working group on this recommendation, see paragraph 11 below.');
      expect(await xpath(xml, 'string(//chapter[1]//paragraph[1]/num)')).toBe(num);
    }
  });

  it('as DOCX with real Word footnotes: the reference in the paragraph, the note in footnotes.xml', async () => {
    const docx = await reportBytes('?format=docx&lang=ar');
    const body = unzipEntry(docx, 'word/document.xml');
    const notes = unzipEntry(docx, 'word/footnotes.xml');
    // Arabic markers are custom marks (their label follows), which LibreOffice shows in Arabic-Indic digits too.
    const refs = [...body.matchAll(/<w:footnoteReference w:customMarkFollows="true" w:id="(\d+)"\/>/g)].map((m) => m[1]);
    expect(refs).toHaveLength(1);
    expect(notes).toContain(`<w:footnote w:id="${refs[0]}">`);
    expect(body).toContain('<w:bidi/>');
  });

  it('opens in LibreOffice in English and Arabic: laid out, with the footnote and the report numbers', async () => {
    const en = await openInLibreOffice(await reportBytes('?format=docx&lang=en'));
    expect(en.pages).toBeGreaterThan(0);
    const flat = (s: string) => s.replace(/[\u200e\u200f]/g, '').replace(/\s+/g, ' ');
    expect(flat(en.text)).toContain('For the discussion of the working group on this recommendation, see paragraph 11 below.');
    expect(flat(en.text)).toContain('Recommendations of the working group');
    const ar = await openInLibreOffice(await reportBytes('?format=docx&lang=ar'));
    expect(ar.pages).toBeGreaterThan(0);
    // pdftotext may read a right-to-left page's footnote marker into the middle of the English note's line.
    expect(flat(ar.text)).toMatch(/see (\d+ )?paragraph 11 below\./);
    expect(ar.text).toContain('توصيات الفريق العامل');
    expect(ar.text).toContain('١١');
  }, 240_000);

  it('follows renumbering: a paragraph inserted at the start of the introduction moves the footnote to paragraph 12', async () => {
    const ack = await clients[0].edit(() => {
      $insertParagraphBefore(intro1, ['The working group was established by the Conference of the Parties.']);
    });
    expect(ack).toEqual({ ok: true });
    const r = (await report('?format=json&lang=en')) as Report;
    expect(paragraph(r, p109).n).toBe(12);
    expect(footnotesOn(r, rec1)).toEqual(['For the discussion of the working group on this recommendation, see paragraph 12 below.']);
    expect((await report('?format=md&lang=en')) as string).toContain('[^1]: For the discussion of the working group on this recommendation, see paragraph 12 below.');
    const ar = (await report('?format=json&lang=ar')) as Report;
    expect(footnotesOn(ar, rec1)).toEqual(['For the discussion of the working group on this recommendation, see paragraph 12 below.']);
  });

  it('points a footnote at a paragraph the report generates (the statements heard, in IV), resolved to its report number in every export; a number typed by hand is refused (issue 13)', async () => {
    const rec2 = (await readText(f.secretariat, f.meetingId)).paragraphs[1].id;
    const heard = `p-item-${itemId}-heard`;
    const keep = (footnote: Record<string, unknown>) =>
      chair.command(f.meetingId, { type: 'adoption.decide', doc: 'recommendations', paragraphIds: [rec2], outcome: 'no_consensus', disposition: 'keep', footnote });
    // Free words numbering a paragraph of the report, and words typing a second number beside {n}: refused, saying what to do.
    for (const footnote of [
      { target: { text: 'paragraph 9 of the report' } },
      { target: { generated: heard }, text: 'See paragraph {n} and paragraph 11 below.' },
    ]) {
      const res = await keep(footnote);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain("choose the paragraph from the report's list");
    }
    // A generated paragraph the report does not have.
    expect((await keep({ target: { generated: `p-item-${otherItem}-nothing` } })).status).toBe(404);
    await ok(keep({ target: { generated: heard }, text: 'For the statements made on this item, see paragraph {n} of the present report.' }), 'no consensus');
    await waitFor(async () => (await readText(f.secretariat, f.meetingId)).footnotes.length === 2, 5_000, 'the second footnote in the text');

    const r = (await report('?format=json&lang=en')) as Report;
    const at = paragraph(r, heard);
    expect(at).toMatchObject({ generated: true, source: { kind: 'statements' } });
    expect(r.items.filter((i) => i.kind === 'heading' && i.level === 1).map((h) => h.kind === 'heading' && h.label)).toContain('IV.');
    expect(footnotesOn(r, rec2)).toEqual([`For the statements made on this item, see paragraph ${at.n} of the present report.`]);
    const ar = (await report('?format=json&lang=ar')) as Report;
    expect(paragraph(ar, heard).n).toBe(at.n);
    expect(footnotesOn(ar, rec2)).toEqual([`For the statements made on this item, see paragraph ${at.n} of the present report.`]);
    expect(ar.footnotes.map((n) => n.label)).toEqual(['١', '٢']);
    expect((await report('?format=html&lang=en')) as string).toContain(`see paragraph ${at.n} of the present report.`);
    expect((await report('?format=md&lang=fr')) as string).toContain(`[^2]: For the statements made on this item, see paragraph ${at.n} of the present report.`);
    expect(unzipEntry(await reportBytes('?format=docx&lang=zh'), 'word/footnotes.xml')).toContain(`see paragraph ${at.n} of the present report.`);
    const xml = (await reportBytes('?format=xml&lang=ru')).toString('utf8');
    expect(await xpath(xml, 'string(//chapter[2]//paragraph[2]//authorialNote)')).toBe(`For the statements made on this item, see paragraph ${at.n} of the present report.`);
    // It follows: a paragraph more in the introduction moves it.
    const ack = await clients[0].edit(() => $insertParagraphBefore(intro1, ['The working group met twice.']));
    expect(ack).toEqual({ ok: true });
    const again = (await report('?format=json&lang=en')) as Report;
    expect(paragraph(again, heard).n).toBe(at.n + 1);
    expect(footnotesOn(again, rec2)).toEqual([`For the statements made on this item, see paragraph ${at.n + 1} of the present report.`]);
  });

  it('gives an item without statements its section in IV once the secretariat writes its summary', async () => {
    const other = otherItem;
    const sections = (r: Report) => r.items.flatMap((i) => (i.kind === 'heading' && i.level === 2 ? [i.inlines.map((x) => (x.t === 'text' ? x.text : '')).join('')] : []));
    expect(sections((await report('?format=json&lang=en')) as Report)).not.toContain('Other matters');
    const text = await DraftClient.open(server.url, f.secretariat.token!, `summary:${other}`);
    clients.push(text);
    const [written] = await write(text, ['No other matters were raised.']);
    const r = (await report('?format=json&lang=en')) as Report;
    expect(sections(r)).toContain('Other matters');
    expect(paragraph(r, written)).toMatchObject({ source: { kind: 'text', doc: `summary:${other}`, paragraphId: written } });
    expect(paragraph(r, written).n).toBeGreaterThan(paragraph(r, p109).n);
    const ps = paragraphs(r);
    expect(ps.map((p) => p.n)).toEqual(ps.map((_, i) => i + 1));
  });

  it('may be read as JSON by a viewer, not by anyone signed out', async () => {
    const viewer = await server.signIn(f.meetingId, f.viewerCode, 'Room screen');
    expect(((await report('?format=json', viewer)) as Report).items.length).toBeGreaterThan(10);
    const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/report?format=json`);
    expect(res.status).toBe(401);
  });
});

describe('texts:changed', () => {
  it('tells a viewer that follows the texts that the introduction changed, and nothing of an amendment draft; nothing to one that does not follow', async () => {
    const viewer = await server.signIn(f.meetingId, f.viewerCode, 'Room screen');
    const socket = await connect(server.url, { token: viewer.token });
    // Another participant's socket that did not ask (or stopped asking): a text being typed costs it no message.
    const other = await connect(server.url, { token: viewer.token });
    const stopped = await connect(server.url, { token: viewer.token });
    sockets.push(socket, other, stopped);
    const changes: (TextsChanged & { at: number })[] = [];
    const everything: string[] = [];
    const toOthers: string[] = [];
    socket.on(WS.textsChanged, (change: TextsChanged) => changes.push({ ...change, at: Date.now() }));
    socket.onAny((event: string, ...args: unknown[]) => everything.push(`${event} ${JSON.stringify(args)}`));
    other.on(WS.textsChanged, (change: TextsChanged) => toOthers.push(change.doc));
    stopped.on(WS.textsChanged, (change: TextsChanged) => toOthers.push(change.doc));
    expect(await socket.timeout(5_000).emitWithAck(WS.textsFollow, true)).toEqual({ ok: true });
    expect(await stopped.timeout(5_000).emitWithAck(WS.textsFollow, true)).toEqual({ ok: true });
    expect(await stopped.timeout(5_000).emitWithAck(WS.textsFollow, false)).toEqual({ ok: true });
    // Anything but a boolean is refused.
    expect(await other.timeout(5_000).emitWithAck(WS.textsFollow, 'yes')).toMatchObject({ ok: false, error: { code: 'invalid_command' } });

    // Norway drafts an amendment in private.
    const amendmentId = await startAmendment(norway, f.meetingId, { kind: 'change', paragraphId: rec1 });
    const draft = await openDraft(server, norway, amendmentId);
    clients.push(draft);
    await writeDraft(draft, 'States parties should, in accordance with the Protocol, implement the recommendations.');

    // The secretariat types in the introduction: a burst of changes.
    const introduction = clients[0];
    const id = introduction.read().units[0].id;
    let lastSent = 0;
    for (let i = 0; i < 5; i++) {
      lastSent = Date.now();
      expect(await introduction.edit(() => $insertParagraphBefore(id, [`Typing ${i}.`]))).toEqual({ ok: true });
    }
    await waitFor(() => changes.some((c) => c.doc === 'introduction' && c.at >= lastSent), 5_000, 'texts:changed for the last change');
    // Quiet for longer than the interval: nothing more arrives, and the burst came in at most one a second.
    await new Promise((r) => setTimeout(r, 1_300));
    const intro = changes.filter((c) => c.doc === 'introduction');
    expect(intro.length).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < intro.length; i++) expect(intro[i].at - intro[i - 1].at).toBeGreaterThanOrEqual(900);
    expect(intro.length).toBeLessThanOrEqual(Math.ceil((intro.at(-1)!.at - intro[0].at) / 1_000) + 1);
    // Nothing names the draft, which is private to Norway.
    expect(changes.every((c) => !c.doc.startsWith('amendment:'))).toBe(true);
    expect(everything.filter((e) => e.includes(`amendment:${amendmentId}`))).toEqual([]);
    expect(everything.some((e) => e.startsWith('texts:changed'))).toBe(true);
    expect(toOthers).toEqual([]);
  });
});
