/**
 * Three nodes on a PostgreSQL and a Redis of the test's own
 * (tests/support/cluster.ts): sign-in limits shared through Redis; then
 * Redis and PostgreSQL each stopped mid-meeting:
 * - Redis away: the nodes go on deciding and storing (forwarding to the
 *   owner does not pass through Redis); fan-out between nodes pauses; when
 *   Redis is back, a client on another node gets what it missed, and what
 *   follows, and nothing is lost;
 * - PostgreSQL away: writes are refused at once with a clear code
 *   (503 storage_unavailable, or busy while the meeting changes hands),
 *   reads of what a node holds go on, /health says degraded (200); when it is back, writes resume and
 *   everything acknowledged before is there.
 */
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { CommandResult, LedgerEvent } from '@gavel/shared';
import { startCluster, type Cluster } from '../support/cluster';
import { ApiClient, waitFor } from '../support/server';
import { collectEvents, connect } from '../support/fixtures';

let cluster: Cluster;
let failed = false;
const sockets: Socket[] = [];

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, postgres: 'own', env: { GAVEL_LEASE_MS: '1500', GAVEL_SIGNIN_FAILURES: '6' } });
}, 120_000);
afterEach(({ task }) => {
  if (task.result?.state === 'fail') failed = true;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  if (failed) cluster?.printLogs();
  await cluster?.close();
});

let meetingId: string;
let secretariatCode: string;
let item: string;
const acknowledged: LedgerEvent[] = [];

async function client(i: number, name = 'Secretariat'): Promise<ApiClient> {
  const res = await new ApiClient(cluster.nodes[i].url).request('POST', '/api/session', { meetingId, code: secretariatCode, name });
  if (res.status !== 200) throw new Error(`sign in: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(cluster.nodes[i].url, res.body.token);
}

async function panellist(api: ApiClient, name: string) {
  const r = await api.command(meetingId, { type: 'speakers.request', itemId: item, kind: 'panellist', speakerName: name });
  if (r.status === 200) acknowledged.push(...(r.body as Extract<CommandResult, { ok: true }>).events);
  return r;
}

/** A sign-in sent to node i from a loopback address of our choosing (another client machine); its status. */
function signInFrom(localAddress: string, i: number, code: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ meetingId, code, name: 'Guesser' });
    const req = request(`${cluster.nodes[i].url}/api/session`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('Redis and PostgreSQL away and back', () => {
  beforeAll(async () => {
    const created = await cluster.admin().request('POST', '/api/meetings', { body: 'Working Group', title: 'Outages', venue: 'Vienna', startDate: '2027-01-27', endDate: '2027-01-29' });
    meetingId = created.body.meetingId;
    secretariatCode = created.body.secretariatCode;
    const api = await client(0);
    item = (await api.command(meetingId, { type: 'agenda.addItem', title: 'Trafficking in persons' })).body.events[0].payload.item.id;
  }, 30_000);

  it('counts wrong codes across the nodes: a guesser spreading over three nodes gets no more tries than on one', async () => {
    // GAVEL_SIGNIN_FAILURES=6: two wrong codes on each node, then the next is refused on any node, the right code too.
    for (const i of [0, 1, 2, 0, 1, 2]) expect(await signInFrom('127.0.0.7', i, 'WRONG-CODE-0000')).toBe(401);
    expect(await signInFrom('127.0.0.7', 0, 'WRONG-CODE-0000')).toBe(429);
    expect(await signInFrom('127.0.0.7', 1, secretariatCode)).toBe(429);
    // Another address is not affected.
    expect(await signInFrom('127.0.0.8', 2, secretariatCode)).toBe(200);
  });

  it('goes on storing while Redis is away; a client on another node gets what it missed once Redis is back', async () => {
    const owner = await cluster.waitForOwner(meetingId);
    const other = (owner + 1) % 3;
    const watcher = await connect(cluster.nodes[other].url, { token: (await client(other, 'Watcher')).token });
    sockets.push(watcher);
    const seen = collectEvents(watcher);
    const writer = await client(owner, 'Writer');

    await cluster.redis.stop();
    const during = await panellist(writer, 'While Redis is away');
    expect(during.status, JSON.stringify(during.body)).toBe(200);
    // A write sent to another node reaches the owner without Redis too.
    const forwarded = await panellist(await client(other, 'Other'), 'Forwarded without Redis');
    expect(forwarded.status, JSON.stringify(forwarded.body)).toBe(200);

    await cluster.redis.start();
    const missed = acknowledged.map((e) => e.seq);
    await waitFor(() => missed.every((s) => seen.some((e) => e.seq === s)) || undefined, 10_000, 'the missed events on the other node');
    const after = await panellist(writer, 'After Redis is back');
    expect(after.status).toBe(200);
    await waitFor(() => seen.some((e) => e.seq === after.body.events[0].seq) || undefined, 10_000, 'the next event on the other node');
  });

  it('refuses writes with a clear code while PostgreSQL is away, and resumes when it is back; nothing acknowledged is lost', async () => {
    const apis = await Promise.all([0, 1, 2].map((i) => client(i, `Writer ${i}`)));
    for (const [i, api] of apis.entries()) expect((await panellist(api, `Before ${i}`)).status).toBe(200);

    cluster.pg.stop();
    try {
      const refused = await Promise.all(apis.map((api, i) => panellist(api, `While PostgreSQL is away ${i}`)));
      for (const r of refused) {
        expect([503], JSON.stringify(r.body)).toContain(r.status);
        expect(['storage_unavailable', 'busy']).toContain(r.body.error.code);
      }
      // Each node is alive and says why it is not whole (200: the load balancer keeps it, and its clear refusals reach the clients).
      for (const node of cluster.nodes) {
        const health = await fetch(`${node.url}/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ ok: false, status: 'degraded', reason: expect.stringMatching(/database is not answering|writes are failing/) });
      }
    } finally {
      cluster.pg.start();
    }
    // Back: writes through every node succeed again (the meeting taken again by some node).
    for (const [i, api] of apis.entries()) {
      await waitFor(async () => (await panellist(api, `After ${i}`)).status === 200 || undefined, 20_000, `a write through node ${i}`);
    }
    const events = (await apis[0].request('GET', `/api/meetings/${meetingId}/events`)).body.events as LedgerEvent[];
    const stored = new Map(events.map((e) => [e.seq, e.hash]));
    for (const e of acknowledged) expect(stored.get(e.seq)).toBe(e.hash);
    const verify = await apis[1].request('GET', `/api/meetings/${meetingId}/ledger/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body)).toBe(true);
  }, 60_000);
});
