/**
 * The chair's decisions with the real server: accepting applies the change
 * to the live text (a trusted edit under the chair's name, seen by every
 * reader); a paragraph changed since the draft is merged, or the conflict is
 * reported and nothing changes; two racing decisions record exactly one;
 * brackets go into the text and out of it only by decisions, and the
 * pen-holder cannot forge or remove one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import * as Y from 'yjs';
import { $readStructure, $readParagraphContent, $writeParagraphContent } from '@gavel/shared/editor/content';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import { richFromText, type LedgerEvent } from '@gavel/shared';
import { DraftClient } from '../support/draft-client';
import { ok, paragraphText, readText, setupNegotiation, tableAmendment, type NegotiationFixture } from '../support/negotiation';
import { TestServer, tempDir, waitFor } from '../support/server';

let server: TestServer;
let f: NegotiationFixture;
const open: DraftClient[] = [];
let pen: DraftClient;
let reader: DraftClient;

beforeAll(async () => {
  server = await TestServer.start();
  f = await setupNegotiation(server);
  pen = await DraftClient.open(server.url, f.secretariat.token!);
  reader = await DraftClient.open(server.url, f.holySee.client.token!);
  open.push(pen, reader);
});
afterAll(async () => {
  for (const c of open) c.close();
  await server.stop();
});

const P52 = 'States parties should consider, to the extent possible, providing legal assistance to victims.';
const decide = (amendmentId: string, outcome: string, extra: Record<string, unknown> = {}) =>
  f.chair.command(f.meetingId, { type: 'amendment.decide', amendmentId, outcome, expectedVersion: 1, ...extra });
const amendments = async () => (await server.gavel.meetings.state(f.meetingId))!.negotiation;

describe('accepting an amendment', () => {
  it('applies it to the live text, under the chair’s name, for every reader', async () => {
    const id = await tableAmendment(server, f.norway, f.meetingId, { kind: 'change', paragraphId: f.p[2] }, 'States parties shall establish appropriate procedures for identifying victims.');
    const before = (await server.gavel.store.readDocUpdates(f.meetingId, 'recommendations')).length;
    const events = await ok(decide(id, 'accept'));
    expect(events[0]).toMatchObject({ type: 'AmendmentDecided', actor: { role: 'chair', name: 'Dominika Krois' }, payload: { outcome: 'accept', merged: false } });
    expect(await paragraphText(f.secretariat, f.meetingId, f.p[2])).toBe('States parties shall establish appropriate procedures for identifying victims.');
    const updates = await server.gavel.store.readDocUpdates(f.meetingId, 'recommendations', before);
    expect(updates.map((u) => u.actor)).toEqual([expect.objectContaining({ role: 'chair', name: 'Dominika Krois' })]);
    await waitFor(() => reader.read().units.find((u) => u.id === f.p[2])?.text.includes('shall establish'), 5_000, 'the reader to see it');
  });

  it('merges with what the pen-holder changed in the paragraph since the draft', async () => {
    const id = await tableAmendment(server, f.egypt, f.meetingId, { kind: 'change', paragraphId: f.p[3] }, P52.replace('legal assistance', 'free legal assistance'));
    // Meanwhile the pen-holder drops "to the extent possible".
    await waitFor(() => pen.read().units.length === 3, 5_000, 'the pen-holder to have the text');
    expect(await pen.edit(() => $writeParagraphContent(f.p[3], richFromText(P52.replace(', to the extent possible,', ''))))).toEqual({ ok: true });
    const events = await ok(decide(id, 'accept'));
    expect(events[0].payload).toMatchObject({ merged: true });
    expect(await paragraphText(f.secretariat, f.meetingId, f.p[3])).toBe('States parties should consider providing free legal assistance to victims.');
  });

  it('reports a conflict and changes nothing when the same words changed two ways', async () => {
    const id = await tableAmendment(server, f.norway, f.meetingId, { kind: 'change', paragraphId: f.p[3] }, 'States parties shall consider providing free legal assistance to victims.');
    await waitFor(() => pen.read().units.find((u) => u.id === f.p[3])?.text.includes('free legal'), 5_000, 'the pen-holder to see the merge');
    expect(await pen.edit(() => $writeParagraphContent(f.p[3], richFromText('States parties must consider providing free legal assistance to victims.')))).toEqual({ ok: true });
    const res = await decide(id, 'accept');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.details.conflicts).toEqual([{ base: 'should', current: 'must', proposed: 'shall', after: 'States parties ' }]);
    expect(await paragraphText(f.secretariat, f.meetingId, f.p[3])).toBe('States parties must consider providing free legal assistance to victims.');
    expect((await amendments()).amendments[id].status).toBe('tabled');
    // The tracked changes the chair sees mark it.
    const seen = await f.chair.request('GET', `/api/meetings/${f.meetingId}/amendments/${id}`);
    expect(seen.body.tracked.find((p: { op: string }) => p.op === 'conflict')).toMatchObject({ text: { current: 'must', proposed: 'shall' } });
    // The chair settles it with final words.
    await ok(decide(id, 'accept_modified', { text: 'States parties shall consider providing free legal assistance to victims.' }));
    expect(await paragraphText(f.secretariat, f.meetingId, f.p[3])).toBe('States parties shall consider providing free legal assistance to victims.');
  });

  it('records exactly one of two racing decisions (accept and reject clicked at once)', async () => {
    const id = await tableAmendment(server, f.pakistan, f.meetingId, { kind: 'change', paragraphId: f.p[2] }, 'States parties shall establish procedures for identifying victims.');
    const textBefore = await paragraphText(f.secretariat, f.meetingId, f.p[2]);
    const [a, b] = await Promise.all([
      f.chair.command(f.meetingId, { type: 'amendment.decide', amendmentId: id, outcome: 'accept', expectedVersion: 1 }),
      f.secretariat.command(f.meetingId, { type: 'amendment.decide', amendmentId: id, outcome: 'reject', expectedVersion: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.message).toMatch(/already decided/);
    const decided = (await server.gavel.store.readEvents(f.meetingId)).filter(
      (e: LedgerEvent) => e.type === 'AmendmentDecided' && e.payload.amendmentId === id,
    );
    expect(decided).toHaveLength(1);
    const winner = decided[0] as Extract<LedgerEvent, { type: 'AmendmentDecided' }>;
    expect(await paragraphText(f.secretariat, f.meetingId, f.p[2])).toBe(
      winner.payload.outcome === 'accept' ? 'States parties shall establish procedures for identifying victims.' : textBefore,
    );
  });

  it('inserts a new paragraph where proposed, and deletes by marking deleted (the numbers follow)', async () => {
    const ins = await tableAmendment(server, f.norway, f.meetingId, { kind: 'insert', place: { after: f.p[1] }, text: 'States parties should train front-line officials.' });
    const [decided] = await ok(decide(ins, 'accept'));
    const newId = (decided.payload as { paragraphId: string }).paragraphId;
    let t = await readText(f.secretariat, f.meetingId);
    expect(t.paragraphs.map((p) => p.id)).toEqual([f.p[1], newId, f.p[2], f.p[3]]);
    expect(t.paragraphs[1]).toMatchObject({ number: 2, text: 'States parties should train front-line officials.' });

    const del = await tableAmendment(server, f.egypt, f.meetingId, { kind: 'delete', paragraphId: newId });
    await ok(decide(del, 'accept'));
    t = await readText(f.secretariat, f.meetingId);
    expect(t.paragraphs.find((p) => p.id === newId)).toMatchObject({ status: 'deleted', number: null });
    expect(t.paragraphs.find((p) => p.id === f.p[2])).toMatchObject({ number: 2 });
  });
});

describe('brackets in the live text', () => {
  let bracketId: string;

  it('places an amendment in brackets tagged with the proposer, the way the room writes it', async () => {
    const id = await tableAmendment(server, f.norway, f.meetingId, { kind: 'change', paragraphId: f.p[1] }, (await paragraphText(f.secretariat, f.meetingId, f.p[1]))!.replace('should implement', 'shall implement'));
    const events = await ok(decide(id, 'bracket'));
    expect(events.map((e) => e.type)).toEqual(['AmendmentDecided', 'BracketPlaced']);
    bracketId = (events[1].payload as { bracketId: string }).bracketId;
    const t = await readText(f.secretariat, f.meetingId);
    expect(t.paragraphs[0].text).toContain('States parties [should][shall] (Norway) implement');
    expect(t.html).toContain('<span class="alternative">[should]</span><span class="alternative">[shall]</span> <span class="proposer">(Norway)</span>');
  });

  it('refuses the pen-holder’s update that removes a bracket, or forges one in a delegation’s name; typing around them is fine', async () => {
    await waitFor(() => pen.read().units[0]?.text.includes('[should][shall]'), 5_000, 'the pen-holder to see the bracket');
    const fresh = await DraftClient.open(server.url, f.secretariat.token!);
    open.push(fresh);
    expect(await fresh.edit(() => $appendToParagraph(f.p[1], [' As a matter of priority.']))).toEqual({ ok: true });
    const remove = await fresh.edit(() => $writeParagraphContent(f.p[1], richFromText('No brackets here.')));
    expect(remove).toMatchObject({ ok: false, error: { code: 'invalid_state', message: expect.stringMatching(/brackets are placed and lifted by the chair/) } });

    const forger = await DraftClient.open(server.url, f.secretariat.token!);
    open.push(forger);
    const content = forger.text.editor.read(() => $readParagraphContent(f.p[2]))!;
    const forged = await forger.edit(() =>
      $writeParagraphContent(f.p[2], { inlines: [...content.inlines, { bracket: { id: 'b_forged000001', alternatives: ['', ' never'], by: f.egypt.delegationId, label: 'Egypt' } }] }),
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    expect((await readText(f.secretariat, f.meetingId)).text).not.toContain('never');
  });

  it('lifts a bracket by the chair’s decision, keeping one alternative', async () => {
    await ok(f.egypt.client.command(f.meetingId, { type: 'bracket.hold', bracketId, reason: 'We must consult our capital.' }));
    expect((await f.egypt.client.command(f.meetingId, { type: 'bracket.lift', bracketId, keep: 0 })).status).toBe(403);
    await ok(f.chair.command(f.meetingId, { type: 'bracket.lift', bracketId, keep: 1, note: 'Agreed in informal consultations.' }));
    const t = await readText(f.secretariat, f.meetingId);
    expect(t.paragraphs[0].text).toMatch(/^The Working Group reiterates that States parties shall implement .* As a matter of priority\.$/);
    expect((await amendments()).brackets[bracketId]).toMatchObject({ status: 'lifted', lifted: { keep: 1, words: 'shall' } });
  });

  it('keeps the server’s copy and the readers’ copies equal', async () => {
    const onServer = await server.gavel.docs.read(f.meetingId, 'recommendations', (d) => Y.encodeStateVector(d));
    await waitFor(() => Y.encodeStateVector(reader.doc).join() === onServer.join() && Y.encodeStateVector(pen.doc).join() === onServer.join(), 5_000, 'readers to converge');
    expect(reader.read().units.map((u) => u.text)).toEqual(pen.read().units.map((u) => u.text));
    expect(reader.read().units[0].text).toContain('shall implement');
  });
});

describe('two nodes on one store', () => {
  it('record exactly one of an accept on one node and a reject on the other', async () => {
    const dataDir = tempDir('gavel-negotiation-nodes-');
    const nodeA = await TestServer.start({ dataDir });
    const nodeB = await TestServer.start({ dataDir });
    try {
      const g = await setupNegotiation(nodeA);
      const amendmentIds: string[] = [];
      for (let i = 0; i < 3; i++) {
        const [started] = await ok(
          g.secretariat.command(g.meetingId, { type: 'amendment.start', doc: 'recommendations', kind: 'change', paragraphId: g.p[i + 1], text: `Words ${i}.`, delegationId: g.egypt.delegationId }),
        );
        const amendmentId = (started.payload as { amendmentId: string }).amendmentId;
        await ok(g.secretariat.command(g.meetingId, { type: 'amendment.table', amendmentId }));
        amendmentIds.push(amendmentId);
      }
      const chairOnB = await nodeB.signIn(g.meetingId, g.chairCode.code, 'Vice-Chair on B');
      // Both nodes hold the meeting at the same point.
      await nodeB.gavel.meetings.catchUp(g.meetingId);
      for (const amendmentId of amendmentIds) {
        const [a, b] = await Promise.all([
          g.chair.command(g.meetingId, { type: 'amendment.decide', amendmentId, outcome: 'accept', expectedVersion: 1 }),
          chairOnB.command(g.meetingId, { type: 'amendment.decide', amendmentId, outcome: 'reject', expectedVersion: 1 }),
        ]);
        expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).toEqual([200, 409]);
        const decided = (await nodeA.gavel.store.readEvents(g.meetingId)).filter(
          (e: LedgerEvent) => e.type === 'AmendmentDecided' && e.payload.amendmentId === amendmentId,
        );
        expect(decided).toHaveLength(1);
        // Accepted or rejected, the paragraph reads accordingly on the node that decided.
        const winner = decided[0] as Extract<LedgerEvent, { type: 'AmendmentDecided' }>;
        const i = amendmentIds.indexOf(amendmentId);
        if (winner.payload.outcome === 'accept') expect(await paragraphText(g.secretariat, g.meetingId, g.p[i + 1])).toBe(`Words ${i}.`);
        else expect(b.body.error?.message ?? a.body.error.message).toMatch(/already decided/);
      }
    } finally {
      await nodeA.stop();
      await nodeB.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
