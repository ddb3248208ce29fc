/**
 * One meeting over three nodes (tests/support/cluster.ts: PostgreSQL, Redis,
 * HAProxy, three node processes): the chair, the delegations and the pen
 * spread over the nodes; one node owns the meeting and the others send it
 * what their clients write and relay what it stores. Then the owner is
 * killed (SIGKILL) while a delegate types and delegations ask for the floor:
 * another node takes over from PostgreSQL, and nothing acknowledged is lost.
 */
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import * as decoding from 'lib0/decoding';
import { richFromText, toWire, Y_MESSAGE, type LedgerEvent } from '@gavel/shared';
import { $writeParagraphContent } from '@gavel/shared/editor/content';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import { startCluster, type Cluster } from '../support/cluster';
import { ApiClient, waitFor } from '../support/server';
import { collectEvents, connect, sendCommand, setupMeeting, type MeetingFixture } from '../support/fixtures';
import { DraftClient } from '../support/draft-client';
import { awarenessMessage } from '../support/drafting';
import { NON_PUNISHMENT, ok, setupNegotiation, startAmendment, writeDraft } from '../support/negotiation';

let cluster: Cluster;
let failed = false;
const sockets: Socket[] = [];
const drafts: DraftClient[] = [];

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, env: { GAVEL_LEASE_MS: '2000' } });
}, 90_000);
afterEach(({ task }) => {
  if (task.result?.state === 'fail') failed = true;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const d of drafts) d.close();
  if (failed) cluster?.printLogs();
  await cluster?.close();
});

/** The fixtures' server, on one node: sessions are in PostgreSQL, so any node signs in. */
function nodeServer(url: string) {
  return {
    url,
    async createMeeting() {
      const res = await cluster.admin().request('POST', '/api/meetings', {
        body: 'Working Group on Trafficking in Persons',
        title: 'Meeting on several nodes',
        venue: 'Vienna',
        startDate: '2027-01-27',
        endDate: '2027-01-29',
      });
      if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { meetingId: string; secretariatCode: string; viewerCode: string };
    },
    async signIn(meetingId: string, code: string, name = 'Tester') {
      const res = await new ApiClient(url).request('POST', '/api/session', { meetingId, code, name });
      if (res.status !== 200) throw new Error(`sign in: ${res.status} ${JSON.stringify(res.body)}`);
      return Object.assign(new ApiClient(url, res.body.token), { session: res.body.session });
    },
  };
}

async function signInSocket(url: string, meetingId: string, code: string, name: string): Promise<Socket> {
  const res = await new ApiClient(url).request('POST', '/api/session', { meetingId, code, name });
  if (res.status !== 200) throw new Error(`sign in: ${res.status}`);
  const socket = await connect(url, { token: res.body.token });
  sockets.push(socket);
  return socket;
}

const typed = (d: DraftClient) => d.doc.get('root', Y.XmlText).toString();

/** The presence entries in a doc:msg, or undefined if it is not an awareness message. */
function presenceIn(bytes: Uint8Array): { clientId: number; state: unknown }[] | undefined {
  const outer = decoding.createDecoder(bytes);
  if (decoding.readVarUint(outer) !== Y_MESSAGE.awareness) return undefined;
  const inner = decoding.createDecoder(decoding.readVarUint8Array(outer));
  return Array.from({ length: decoding.readVarUint(inner) }, () => {
    const clientId = decoding.readVarUint(inner);
    decoding.readVarUint(inner);
    return { clientId, state: JSON.parse(decoding.readVarString(inner)) as unknown };
  });
}

/** Every presence entry a socket receives for a text. */
function presenceSeen(socket: Socket, doc: string): { clientId: number; state: unknown }[] {
  const seen: { clientId: number; state: unknown }[] = [];
  socket.on('doc:msg', (name: string, bytes: ArrayBuffer) => {
    if (name === doc) seen.push(...(presenceIn(new Uint8Array(bytes)) ?? []));
  });
  return seen;
}

let f: MeetingFixture;
let item: string;

describe('a meeting on three nodes', () => {
  it('spreads the chair and the delegations over the nodes: commands, the speakers list and the pen reach everyone', async () => {
    const [n0, n1, n2] = cluster.nodes.map((n) => n.url);
    f = await setupMeeting(nodeServer(n0) as never);
    const owner = await cluster.waitForOwner(f.meetingId);
    const added = await f.secretariat.command(f.meetingId, { type: 'agenda.addItem', title: 'Trafficking in persons' });
    item = added.body.events[0].payload.item.id;

    // The chair on node 1, Norway on node 2, Egypt on node 0.
    const chair = await signInSocket(n1, f.meetingId, f.chairCode.code, 'Chair');
    const norway = await signInSocket(n2, f.meetingId, f.own.code.code, 'Norway');
    const egypt = await signInSocket(n0, f.meetingId, f.other.code.code, 'Egypt');
    const seen = [chair, norway, egypt].map((s) => collectEvents(s));

    const asked = await sendCommand(norway, { type: 'speakers.request', itemId: item });
    expect(asked.ok, JSON.stringify(asked)).toBe(true);
    const askedToo = await sendCommand(egypt, { type: 'speakers.request', itemId: item });
    expect(askedToo.ok, JSON.stringify(askedToo)).toBe(true);
    const seqs = [...(asked.ok ? asked.events : []), ...(askedToo.ok ? askedToo.events : [])].map((e) => e.seq);
    for (const received of seen) await waitFor(() => seqs.every((s) => received.some((e) => e.seq === s)), 5000, 'both requests on every node');
    // The state read from each node directly is the same.
    const states = await Promise.all(cluster.nodes.map((n) => new ApiClient(n.url, f.secretariat.token).request('GET', `/api/meetings/${f.meetingId}/state`)));
    expect(new Set(states.map((s) => s.body.state.seq)).size).toBe(1);
    expect(states[0].body.state.seq).toBeGreaterThan(0);
    expect(owner).toBeGreaterThanOrEqual(0);

    // The pen to Norway (on node 2); the chair reads on node 1.
    const pen = await sendCommand(chair, { type: 'pen.hand', codeId: f.own.code.codeId });
    expect(pen.ok, JSON.stringify(pen)).toBe(true);
    const writerToken = (await new ApiClient(n2).request('POST', '/api/session', { meetingId: f.meetingId, code: f.own.code.code, name: 'Norway pen' })).body.token;
    const writer = await DraftClient.open(n2, writerToken);
    const reader = await DraftClient.open(n1, (await new ApiClient(n1).request('POST', '/api/session', { meetingId: f.meetingId, code: f.chairCode.code, name: 'Chair reads' })).body.token);
    drafts.push(writer, reader);
    await waitFor(() => writer.canWrite, 5000, 'the pen on node 2');
    await waitFor(() => writer.read().units.length > 0 || undefined, 5000, 'the first paragraph');
    const first = writer.read().units[0].id;
    const ack = await writer.edit(() => $writeParagraphContent(first, richFromText('The Working Group recommends that States parties')));
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    await waitFor(() => typed(reader).includes('recommends that States parties'), 5000, 'the words on node 1');
  });

  it("relays a writer's presence and the texts' changes to the other nodes", async () => {
    const [n0, n1, n2] = cluster.nodes.map((n) => n.url);
    const writerToken = (await new ApiClient(n2).request('POST', '/api/session', { meetingId: f.meetingId, code: f.own.code.code, name: 'Norway cursor' })).body.token;
    const writer = await DraftClient.open(n2, writerToken);
    drafts.push(writer);
    await waitFor(() => writer.canWrite, 5000, 'the pen');
    // The chair reads the text on node 1; the public follows the report's texts on node 0, with no text open.
    const chair = await signInSocket(n1, f.meetingId, f.chairCode.code, 'Chair sees cursors');
    const presence: Uint8Array[] = [];
    chair.on('doc:msg', (name: string, bytes: ArrayBuffer) => {
      const b = new Uint8Array(bytes);
      if (name === 'recommendations' && b[0] === Y_MESSAGE.awareness) presence.push(b);
    });
    expect((await chair.timeout(5000).emitWithAck('doc:join', 'recommendations')).ok).toBe(true);
    const publicView = await signInSocket(n0, f.meetingId, f.viewerCode, 'Public');
    const changed: string[] = [];
    publicView.on('texts:changed', (c: { doc: string }) => changed.push(c.doc));
    expect(await publicView.timeout(5000).emitWithAck('texts:follow', true)).toEqual({ ok: true });

    writer.socket.emit('doc:msg', 'recommendations', toWire(awarenessMessage([{ clientId: writer.doc.clientID, clock: 1, state: { cursor: null } }])));
    await waitFor(() => presence.length > 0 || undefined, 5000, "the writer's presence on node 1");
    // The server put the writer's name on it (its session's), on whichever node it is read.
    expect(new TextDecoder().decode(presence.at(-1)!)).toContain('Norway cursor');

    const paragraph = writer.read().units[0].id;
    expect((await writer.edit(() => $appendToParagraph(paragraph, [' to provide assistance']))).ok).toBe(true);
    await waitFor(() => changed.includes('recommendations') || undefined, 5000, 'texts:changed on node 0');
  });

  it('refuses what a client sends to the routes between nodes (command, update, start) without the nodes\' secret, or with a forged one', async () => {
    const owner = await cluster.waitForOwner(f.meetingId);
    const before = (await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/events`)).body.events.length;
    const send = (headers: Record<string, string>, body: unknown) =>
      fetch(`${cluster.nodes[owner].url}/internal/cluster/command`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const command = { meetingId: f.meetingId, tokenHash: 'a'.repeat(64), command: { type: 'agenda.addItem', title: 'Smuggled in' } };
    expect((await send({}, command)).status).toBe(403);
    expect((await send({ 'x-gavel-cluster': 'guessed' }, command)).status).toBe(403);
    const update = await fetch(`${cluster.nodes[owner].url}/internal/cluster/update`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gavel-cluster': 'guessed' },
      body: JSON.stringify({ meetingId: f.meetingId, docName: 'recommendations', tokenHash: 'a'.repeat(64), sender: 'x', update: 'AAA=' }),
    });
    expect(update.status).toBe(403);
    const start = (headers: Record<string, string>, body: unknown) =>
      fetch(`${cluster.nodes[owner].url}/internal/cluster/start`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    for (const body of [{ meetingId: f.meetingId, docName: 'recommendations' }, { meetingId: f.meetingId, docName: '../../etc' }, 'not an object']) {
      expect((await start({}, body)).status).toBe(403);
      expect((await start({ 'x-gavel-cluster': 'guessed' }, body)).status).toBe(403);
    }
    expect((await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/events`)).body.events.length).toBe(before);
  });

  it('carries amendments across the nodes: drafted on two, tabled, supported and objected to from the three, seen by all; the pen handed from a node to another', async () => {
    const [n0, n1, n2] = cluster.nodes.map((n) => n.url);
    const g = await setupNegotiation(nodeServer(n0) as never);
    const on = (url: string, client: { token?: string }) => new ApiClient(url, client.token);
    // Someone watching the ledger on each node.
    const watchers = await Promise.all([n0, n1, n2].map((url, i) => signInSocket(url, g.meetingId, g.viewerCode, `Public ${i}`)));
    const seen = watchers.map((s) => collectEvents(s));
    const everywhere = (type: string, amendmentId: string, count = 1) =>
      Promise.all(
        seen.map((events, i) =>
          waitFor(() => events.filter((e) => e.type === type && (e.payload as { amendmentId?: string }).amendmentId === amendmentId).length >= count || undefined, 10_000, `${type} on node ${i}`),
        ),
      );

    // Norway starts a draft through node 1 and writes it on node 2; its second member follows it live on node 0.
    const id = await startAmendment(on(n1, g.norway.client) as never, g.meetingId, { kind: 'change', paragraphId: g.p[1] });
    await everywhere('AmendmentDraftStarted', id);
    const kari = await DraftClient.open(n2, g.norway.client.token!, `amendment:${id}`);
    const second = await new ApiClient(n0).request('POST', '/api/session', { meetingId: g.meetingId, code: g.own.spareCode.code, name: 'Ola Nordmann' });
    const ola = await DraftClient.open(n0, second.body.token, `amendment:${id}`);
    drafts.push(kari, ola);
    expect(kari.canWrite && ola.canWrite).toBe(true);
    const words = NON_PUNISHMENT.replace('should implement', 'shall implement');
    await writeDraft(kari, words);
    await waitFor(() => ola.read().units[0]?.text === words || undefined, 10_000, "Kari's words on Ola's node");
    // Still private: Egypt may not open it, on any node.
    const peek = await DraftClient.open(n1, g.egypt.client.token!, `amendment:${id}`).then(
      (d) => (drafts.push(d), 'opened'),
      () => 'refused',
    );
    expect(peek).toBe('refused');

    // Tabled through node 1, supported by Egypt through node 2, objected to by Pakistan through node 0.
    await ok(on(n1, g.norway.client).command(g.meetingId, { type: 'amendment.table', amendmentId: id }));
    await ok(on(n2, g.egypt.client).command(g.meetingId, { type: 'amendment.support', amendmentId: id }));
    await ok(on(n0, g.pakistan.client).command(g.meetingId, { type: 'amendment.object', amendmentId: id, reason: 'Too binding.' }));
    await everywhere('AmendmentTabled', id);
    await everywhere('AmendmentStanceTaken', id, 2);
    for (const url of [n0, n1, n2]) {
      const a = await on(url, g.chair).request('GET', `/api/meetings/${g.meetingId}/amendments/${id}`);
      expect(a.status, JSON.stringify(a.body)).toBe(200);
      expect(a.body.tracked.map((x: { op: string; text: string }) => [x.op, x.text])).toContainEqual(['insert', 'shall']);
    }
    const state = await on(n2, g.chair).request('GET', `/api/meetings/${g.meetingId}/state`);
    const amendment = state.body.state.negotiation.amendments[id];
    expect(amendment.status).toBe('tabled');
    expect(JSON.stringify(amendment)).toContain(g.egypt.delegationId);
    expect(JSON.stringify(amendment)).toContain(g.pakistan.delegationId);

    // The pen: the chair (node 2) hands it to Egypt, who writes on node 1; the Holy See reads on node 0.
    const chair = await signInSocket(n2, g.meetingId, g.chairCode.code, 'Chair of the negotiation');
    const reader = await DraftClient.open(n0, g.holySee.client.token!);
    const egypt = await DraftClient.open(n1, g.egypt.client.token!);
    const pakistan = await DraftClient.open(n2, g.pakistan.client.token!);
    drafts.push(reader, egypt, pakistan);
    expect((await sendCommand(chair, { type: 'pen.hand', codeId: g.egypt.client.session.codeId })).ok).toBe(true);
    await waitFor(() => egypt.canWrite || undefined, 10_000, 'the pen on node 1');
    expect((await egypt.edit(() => $appendToParagraph(g.p[3], [' Egypt wrote this.']))).ok).toBe(true);
    await waitFor(() => typed(reader).includes('Egypt wrote this.') || undefined, 10_000, "Egypt's words on node 0");
    // … then from Egypt (node 1) to Pakistan (node 2): Egypt's node takes the pen away, Pakistan's gives it.
    expect((await sendCommand(chair, { type: 'pen.hand', codeId: g.pakistan.client.session.codeId })).ok).toBe(true);
    await waitFor(() => (!egypt.canWrite && pakistan.canWrite) || undefined, 10_000, 'the pen moved from node 1 to node 2');
    expect(await egypt.edit(() => $appendToParagraph(g.p[3], [' Too late.']))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await waitFor(() => typed(pakistan).includes('Egypt wrote this.') || undefined, 10_000, "Egypt's words on node 2");
    expect((await pakistan.edit(() => $appendToParagraph(g.p[3], [' Pakistan added this.']))).ok).toBe(true);
    await waitFor(() => typed(reader).includes('Pakistan added this.') || undefined, 10_000, "Pakistan's words on node 0");
    expect(typed(reader)).not.toContain('Too late.');

    // The chair accepts the amendment (node 2): every node's readers see the paragraph change.
    await ok(on(n2, g.chair).command(g.meetingId, { type: 'amendment.decide', amendmentId: id, outcome: 'accept', expectedVersion: 1 }));
    await everywhere('AmendmentDecided', id);
    await waitFor(() => (typed(reader).includes('shall implement') && typed(egypt).includes('shall implement')) || undefined, 10_000, 'the accepted words on nodes 0 and 1');
    const verify = await on(n1, g.secretariat).request('GET', `/api/meetings/${g.meetingId}/ledger/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body)).toBe(true);
  }, 120_000);

  it('survives the owner killed while Norway types and delegations ask for the floor: another node takes over, nothing acknowledged is lost', async () => {
    const owner = await cluster.waitForOwner(f.meetingId);
    const survivors = cluster.nodes.map((n, i) => ({ n, i })).filter(({ i }) => i !== owner);
    const [a, b] = survivors;
    const writerToken = (await new ApiClient(a.n.url).request('POST', '/api/session', { meetingId: f.meetingId, code: f.own.code.code, name: 'Norway typing' })).body.token;
    const writer = await DraftClient.open(a.n.url, writerToken);
    drafts.push(writer);
    await waitFor(() => writer.canWrite, 5000, 'the pen');
    const paragraph = writer.read().units[0].id;
    const egypt = await signInSocket(b.n.url, f.meetingId, f.other.code.code, 'Egypt again');

    const acknowledged: LedgerEvent[] = [];
    const typedAcked: string[] = [];
    let stop = false;
    const typing = (async () => {
      for (let k = 0; !stop; k++) {
        const word = ` w${k}`;
        const ack = await writer.edit(() => $appendToParagraph(paragraph, [word])).catch(() => ({ ok: false }));
        if (ack.ok) typedAcked.push(word.trim());
        await new Promise((r) => setTimeout(r, 30));
      }
    })();
    const asking = (async () => {
      for (let k = 0; !stop; k++) {
        const r = await sendCommand(egypt, { type: k % 2 ? 'speakers.withdraw' : 'speakers.request', itemId: item }).catch(() => undefined);
        if (r?.ok) acknowledged.push(...r.events);
        // Under the socket's command rate (40 in 10 s), with room for the probe below.
        await new Promise((r) => setTimeout(r, 400));
      }
    })();
    // Some keystrokes acknowledged before the kill (under load a round trip takes a while) …
    await waitFor(() => (typedAcked.length >= 3 ? typedAcked : undefined), 15_000, 'keystrokes before the kill');
    const killedAt = performance.now();
    await cluster.kill(owner, 'SIGKILL');
    // A command through a surviving node succeeds once another node holds the meeting.
    const chairAfter = await signInSocket(b.n.url, f.meetingId, f.chairCode.code, 'Chair after the kill');
    await waitFor(
      async () => (await sendCommand(chairAfter, { type: 'speakers.request', itemId: item, kind: 'panellist', speakerName: 'Probe' }).catch(() => undefined))?.ok || undefined,
      15_000,
      'a command after the takeover',
    );
    const takeover = performance.now() - killedAt;
    // … and after the takeover.
    const before = typedAcked.length;
    await waitFor(() => (typedAcked.length >= before + 3 ? typedAcked : undefined), 15_000, 'keystrokes after the takeover');
    stop = true;
    await Promise.all([typing, asking]);

    expect(takeover).toBeLessThan(8000);
    const next = await cluster.waitForOwner(f.meetingId);
    expect(next).not.toBe(owner);
    // Every acknowledged event is in the ledger, once.
    const ledger = await new ApiClient(a.n.url, f.secretariat.token).request('GET', `/api/meetings/${f.meetingId}/events`);
    const stored = ledger.body.events as LedgerEvent[];
    for (const e of acknowledged) expect(stored.filter((s) => s.seq === e.seq && s.hash === e.hash)).toHaveLength(1);
    // Every acknowledged keystroke is in the text as a fresh reader sees it.
    const reader = await DraftClient.open(b.n.url, (await new ApiClient(b.n.url).request('POST', '/api/session', { meetingId: f.meetingId, code: f.chairCode.code, name: 'Chair after' })).body.token);
    drafts.push(reader);
    await waitFor(() => typedAcked.every((w) => typed(reader).includes(w)), 5000, 'every acknowledged word');
    const verify = await new ApiClient(b.n.url, f.secretariat.token).request('GET', `/api/meetings/${f.meetingId}/ledger/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body)).toBe(true);
  }, 90_000);

  it("drops the presence a dead node published: its readers' cursors leave the other nodes, and who joins later does not get them", async () => {
    const alive = cluster.nodes.map((n, i) => ({ n, i })).filter(({ n }) => n.process && n.process.exitCode === null && n.process.signalCode === null);
    const owner = await cluster.waitForOwner(f.meetingId);
    // The writer on a node that does not own the meeting (killing it is no takeover), the chair on the owner.
    const writerNode = alive.find(({ i }) => i !== owner)!;
    const readerNode = alive.find(({ i }) => i === owner)!;
    const writerToken = (await new ApiClient(writerNode.n.url).request('POST', '/api/session', { meetingId: f.meetingId, code: f.own.code.code, name: 'Norway leaving' })).body.token;
    const writer = await DraftClient.open(writerNode.n.url, writerToken);
    drafts.push(writer);
    await waitFor(() => writer.canWrite || undefined, 5000, 'the pen');
    const chair = await signInSocket(readerNode.n.url, f.meetingId, f.chairCode.code, 'Chair watching cursors');
    const seen = presenceSeen(chair, 'recommendations');
    expect((await chair.timeout(5000).emitWithAck('doc:join', 'recommendations')).ok).toBe(true);
    const clientId = writer.doc.clientID;
    writer.socket.emit('doc:msg', 'recommendations', toWire(awarenessMessage([{ clientId, clock: 1, state: { cursor: null } }])));
    await waitFor(() => seen.some((e) => e.clientId === clientId && e.state !== null) || undefined, 10_000, "the writer's presence on the chair's node");

    await cluster.kill(writerNode.i, 'SIGKILL');
    // The chair's node hears the writer's node no more: the presence is removed for its readers …
    await waitFor(() => seen.some((e) => e.clientId === clientId && e.state === null) || undefined, 20_000, "the dead node's presence removed");
    // … and who joins afterwards is not given it.
    const late = await signInSocket(readerNode.n.url, f.meetingId, f.secretariatCode, 'Late reader');
    const lateSeen = presenceSeen(late, 'recommendations');
    expect((await late.timeout(5000).emitWithAck('doc:join', 'recommendations')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(lateSeen.filter((e) => e.clientId === clientId)).toEqual([]);
  }, 60_000);
});
