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
import { richFromText, toWire, Y_MESSAGE, type LedgerEvent } from '@gavel/shared';
import { $writeParagraphContent } from '@gavel/shared/editor/content';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import { startCluster, type Cluster } from '../support/cluster';
import { ApiClient, waitFor } from '../support/server';
import { collectEvents, connect, sendCommand, setupMeeting, type MeetingFixture } from '../support/fixtures';
import { DraftClient } from '../support/draft-client';
import { awarenessMessage } from '../support/drafting';

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
    expect(new Set(states.map((s) => s.body.seq)).size).toBe(1);
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

    writer.socket.emit('doc:msg', 'recommendations', toWire(awarenessMessage([{ clientId: writer.doc.clientID, clock: 1, state: { cursor: null } }])));
    await waitFor(() => presence.length > 0 || undefined, 5000, "the writer's presence on node 1");
    // The server put the writer's name on it (its session's), on whichever node it is read.
    expect(new TextDecoder().decode(presence.at(-1)!)).toContain('Norway cursor');

    const paragraph = writer.read().units[0].id;
    expect((await writer.edit(() => $appendToParagraph(paragraph, [' to provide assistance']))).ok).toBe(true);
    await waitFor(() => changed.includes('recommendations') || undefined, 5000, 'texts:changed on node 0');
  });

  it('refuses what a client sends to the routes between nodes without the nodes\' secret, or with a forged one', async () => {
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
    expect((await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/events`)).body.events.length).toBe(before);
  });

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
    await new Promise((r) => setTimeout(r, 500));
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
    await new Promise((r) => setTimeout(r, 700));
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
    expect(typedAcked.length).toBeGreaterThan(5);
    const verify = await new ApiClient(b.n.url, f.secretariat.token).request('GET', `/api/meetings/${f.meetingId}/ledger/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body)).toBe(true);
  });
});
