/**
 * Bad input and security for the negotiation, with the real server, over
 * HTTP and the Yjs protocol: a delegation cannot table, revise or withdraw
 * in another's name, object on behalf of another, see another delegation's
 * untabled draft, or write into the live text or a draft's kept base with a
 * crafted update; observer categories that may not object are refused with
 * a clear reason; nothing is written when refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { Y_SYNC } from '@gavel/shared';
import { ledgerSeq } from '../support/fixtures';
import { collectDocMessages, connected, disconnection, incidents, joinDoc, meetingSocket, sendRaw, syncMessage, updateMessage } from '../support/drafting';
import { ok, openDraft, setupNegotiation, startAmendment, tableAmendment, writeDraft, type NegotiationFixture } from '../support/negotiation';
import { TestServer } from '../support/server';
import type { DraftClient } from '../support/draft-client';

let server: TestServer;
let f: NegotiationFixture;
let logged: ReturnType<typeof incidents>;
const sockets: Socket[] = [];
const drafts: DraftClient[] = [];
/** Norway's private draft, and one it has tabled. */
let draftId: string;
let tabledId: string;

beforeAll(async () => {
  server = await TestServer.start();
  logged = incidents(server);
  f = await setupNegotiation(server);
  draftId = await startAmendment(f.norway.client, f.meetingId, { kind: 'change', paragraphId: f.p[1], text: 'Confidential Norwegian wording.' });
  tabledId = await tableAmendment(server, f.norway, f.meetingId, { kind: 'change', paragraphId: f.p[2] }, 'States parties shall establish procedures.');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const d of drafts) d.close();
  await server.stop();
});

async function rawSocket(token: string) {
  const socket = meetingSocket(server.url, token, { reconnection: false });
  sockets.push(socket);
  return connected(socket);
}

/** Sends `command` as `client`, expects 403 with a message, and that nothing was written. */
async function refused(client: NegotiationFixture['chair'], command: Record<string, unknown>): Promise<string> {
  const before = await ledgerSeq(server, f.meetingId);
  const res = await client.command(f.meetingId, command);
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
  expect(await ledgerSeq(server, f.meetingId)).toBe(before);
  return res.body.error.message as string;
}

describe('acting in another delegation’s name', () => {
  it('refuses to table, revise or withdraw another delegation’s amendment', async () => {
    expect(await refused(f.egypt.client, { type: 'amendment.table', amendmentId: draftId })).toMatch(/only the sponsoring delegation/);
    expect(await refused(f.egypt.client, { type: 'amendment.revise', amendmentId: tabledId })).toMatch(/only the sponsoring delegation/);
    expect(await refused(f.egypt.client, { type: 'amendment.withdraw', amendmentId: tabledId })).toMatch(/only the sponsoring delegation/);
    expect(await refused(f.egypt.client, { type: 'amendment.start', doc: 'recommendations', kind: 'delete', paragraphId: f.p[3], delegationId: f.norway.delegationId })).toBe(
      'a delegation acts only in its own name',
    );
  });

  it('refuses to object, support or hold a bracket on behalf of another delegation', async () => {
    for (const command of [
      { type: 'amendment.object', amendmentId: tabledId, delegationId: f.pakistan.delegationId, reason: 'On behalf of Pakistan' },
      { type: 'amendment.support', amendmentId: tabledId, delegationId: f.iran.delegationId },
      { type: 'objection.raise', doc: 'recommendations', paragraphId: f.p[1], reason: 'No.', delegationId: f.iran.delegationId },
      { type: 'position.record', doc: 'recommendations', paragraphId: f.p[1], kind: 'reservation', text: 'No.', delegationId: f.iran.delegationId },
    ]) {
      expect(await refused(f.egypt.client, command)).toBe('a delegation acts only in its own name');
    }
    // For itself it may; and the record says who sent it.
    const [e] = await ok(f.egypt.client.command(f.meetingId, { type: 'amendment.object', amendmentId: tabledId, reason: 'Too strong.' }));
    expect(e).toMatchObject({ payload: { delegationId: f.egypt.delegationId }, actor: { role: 'delegate', delegationId: f.egypt.delegationId } });
  });

  it('refuses the chair’s and the secretariat’s tabling of a delegation’s own private draft', async () => {
    expect(await refused(f.chair, { type: 'amendment.table', amendmentId: draftId })).toMatch(/private/);
    expect(await refused(f.secretariat, { type: 'amendment.table', amendmentId: draftId })).toMatch(/private/);
  });
});

describe('another delegation’s untabled draft', () => {
  it('cannot be joined over the Yjs protocol: refused, disconnected, logged', async () => {
    const socket = await rawSocket(f.egypt.client.token!);
    const seen = collectDocMessages(socket, `amendment:${draftId}`);
    const gone = disconnection(socket);
    const joined = await joinDoc(socket, `amendment:${draftId}`);
    expect(joined).toEqual({ ok: false, error: { code: 'forbidden', message: 'this document is not yours to see' } });
    await gone;
    expect(seen.received).toEqual([]);
    expect(logged.at(-1)).toMatchObject({ docName: `amendment:${draftId}`, action: 'disconnected', reason: 'forbidden_document' });
  });

  it('cannot be read by asking for it without joining (sync step 1), nor by the chair', async () => {
    const socket = await rawSocket(f.egypt.client.token!);
    const seen = collectDocMessages(socket, `amendment:${draftId}`);
    const gone = disconnection(socket);
    await sendRaw(socket, `amendment:${draftId}`, syncMessage(Y_SYNC.step1, Y.encodeStateVector(new Y.Doc())));
    await gone;
    expect(seen.received).toEqual([]);
    const chair = await rawSocket(f.chair.token!);
    expect(await joinDoc(chair, `amendment:${draftId}`)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('is not served over HTTP, and does not exist for others', async () => {
    for (const path of [
      `/api/meetings/${f.meetingId}/amendments/${draftId}`,
      `/api/meetings/${f.meetingId}/amendments/${draftId}/draft`,
    ]) {
      const res = await f.egypt.client.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Confidential');
    }
    expect((await f.egypt.client.request('GET', `/api/meetings/${f.meetingId}/drafts/amendment:${draftId}`)).status).toBe(403);
    expect((await f.egypt.client.command(f.meetingId, { type: 'amendment.support', amendmentId: draftId })).status).toBe(404);
    // Its sponsor sees it.
    const own = await f.norway.client.request('GET', `/api/meetings/${f.meetingId}/amendments/${draftId}/draft`);
    expect(own.status).toBe(200);
    expect(own.body.content).toEqual({ inlines: [{ text: 'Confidential Norwegian wording.' }] });
    // Nothing of it went to the ledger.
    expect(JSON.stringify(await server.gavel.store.readEvents(f.meetingId))).not.toContain('Confidential');
  });
});

describe('crafted updates', () => {
  it('refuses the sponsor’s update to the live text: disconnected, the text unchanged', async () => {
    const socket = await rawSocket(f.norway.client.token!);
    expect(await joinDoc(socket, 'recommendations')).toEqual({ ok: true, canWrite: false });
    const base = await server.gavel.docs.read(f.meetingId, 'recommendations', (d) => Y.encodeStateAsUpdate(d));
    const before = await server.gavel.docs.read(f.meetingId, 'recommendations', (d) => d.get('root', Y.XmlText).toString());
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const sv = Y.encodeStateVector(doc);
    doc.get('root', Y.XmlText).insert(0, 'Norway decides alone. ');
    const gone = disconnection(socket);
    const ack = await sendRaw(socket, 'recommendations', updateMessage(Y.encodeStateAsUpdate(doc, sv)));
    expect(ack === undefined || (ack.ok === false && ack.error.code === 'forbidden')).toBe(true);
    await gone;
    expect(await server.gavel.docs.read(f.meetingId, 'recommendations', (d) => d.get('root', Y.XmlText).toString())).toBe(before);
  });

  it('refuses the sponsor’s update to what the server keeps beside the draft (its base)', async () => {
    const draft = await openDraft(server, f.norway.client, draftId);
    drafts.push(draft);
    const sv = Y.encodeStateVector(draft.doc);
    draft.doc.getMap('gavel').set('amendment', { kind: 'change', doc: 'recommendations', paragraphId: f.p[1], base: { inlines: [] }, startedAt: '' });
    const ack = await draft.sendRaw(Y.encodeStateAsUpdate(draft.doc, sv));
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_state', message: expect.stringMatching(/kept by the server/) } });
    const kept = await server.gavel.docs.read(f.meetingId, `amendment:${draftId}`, (d) => d.getMap('gavel').get('amendment') as { base: unknown });
    expect(kept.base).not.toEqual({ inlines: [] });
    // Its words remain the sponsor's to write.
    const again = await openDraft(server, f.norway.client, draftId);
    drafts.push(again);
    await writeDraft(again, 'Revised confidential wording.');
  });
});

describe('observers', () => {
  it('are refused objections, amendments and brackets, with a clear reason; they may support and explain', async () => {
    const message = await refused(f.holySee.client, { type: 'objection.raise', doc: 'recommendations', paragraphId: f.p[1], reason: 'We cannot join.' });
    expect(message).toBe(
      'Holy See takes part as Non-signatory observer State and may not object to a paragraph: in this meeting only States parties, Regional economic integration organizations parties may; it may speak and record an explanation of position',
    );
    expect(await refused(f.holySee.client, { type: 'amendment.object', amendmentId: tabledId })).toMatch(/may not object to an amendment/);
    expect(await refused(f.holySee.client, { type: 'amendment.start', doc: 'recommendations', kind: 'delete', paragraphId: f.p[1] })).toMatch(
      /may not table amendments: in this meeting only States parties, Regional economic integration organizations parties, Signatory States may/,
    );
    await ok(f.holySee.client.command(f.meetingId, { type: 'amendment.support', amendmentId: tabledId }));
    await ok(f.holySee.client.command(f.meetingId, { type: 'position.record', doc: 'recommendations', paragraphId: f.p[1], kind: 'explanation', text: 'We would have preferred stronger language.' }));
  });

  it('may object once the secretariat lets their category', async () => {
    await ok(f.secretariat.command(f.meetingId, { type: 'amendments.configure', objectCategories: ['state_party', 'reio_party', 'observer_state'] }));
    await ok(f.holySee.client.command(f.meetingId, { type: 'objection.raise', doc: 'recommendations', paragraphId: f.p[3], reason: 'We cannot join.' }));
    await ok(f.secretariat.command(f.meetingId, { type: 'amendments.configure', objectCategories: ['state_party', 'reio_party'] }));
  });

  it('and the public takes no part at all', async () => {
    const viewer = await server.signIn(f.meetingId, f.viewerCode, 'Member of the public');
    expect(await refused(viewer, { type: 'amendment.support', amendmentId: tabledId })).toMatch(/public/);
    expect(await refused(viewer, { type: 'adoption.decide', doc: 'recommendations', paragraphIds: [f.p[1]], outcome: 'adopted' })).toMatch(/public/);
  });
});
