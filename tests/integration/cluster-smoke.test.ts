/**
 * Three Gavel nodes behind HAProxy on one PostgreSQL (and a Redis of their
 * own), started by tests/support/cluster.ts on free ports: what the load
 * balancer must do whatever the nodes decide among themselves. A meeting
 * made and run through it is the same read from every node; a socket goes
 * through it over WebSocket (polling is refused: there is no stickiness);
 * the nodes see the client's address, not the proxy's; a paused or killed
 * node is taken out within seconds while the proxy keeps answering, and put
 * back when it answers again.
 */
import { request } from 'node:http';
import { agendaInOrder } from '@gavel/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '@gavel/server/store/postgres';
import { startCluster, type Cluster } from '../support/cluster';
import { ApiClient, SAMPLE_MEETING } from '../support/server';
import { connect } from '../support/fixtures';

let cluster: Cluster;
let failed = false;

beforeAll(async () => {
  // Info-level logs: each request's remoteAddress, as the node took it from X-Forwarded-For.
  cluster = await startCluster({ nodes: 3, env: { GAVEL_LOG_LEVEL: 'info' } });
}, 90_000);
afterEach(({ task }) => {
  // (An it.fails test's own failure is expected.)
  if (task.result?.state === 'fail' && !task.fails) failed = true;
});
afterAll(async () => {
  if (failed) cluster?.printLogs();
  await cluster?.close();
});

/** A GET from a loopback address of our choosing (another "client machine"), with extra headers. */
function getFrom(localAddress: string, url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

let meetingId: string;
let secretariat: ApiClient;
let secretariatCode: string;

describe('three nodes behind HAProxy', () => {
  it('runs a meeting made through the load balancer, recorded in PostgreSQL; its session works on every node', async () => {
    const created = await cluster.admin().request('POST', '/api/meetings', SAMPLE_MEETING);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    meetingId = created.body.meetingId;
    secretariatCode = created.body.secretariatCode;
    const signIn = await new ApiClient(cluster.url).request('POST', '/api/session', { meetingId, code: created.body.secretariatCode, name: 'Officer' });
    expect(signIn.status).toBe(200);
    secretariat = new ApiClient(cluster.url, signIn.body.token);
    const added = await secretariat.command(meetingId, { type: 'agenda.addItem', title: 'Adoption of the agenda' });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const event = added.body.events[0];

    const store = await PostgresStore.open(cluster.databaseUrl);
    try {
      expect((await store.readEvents(meetingId, event.seq - 1)).map((e) => [e.seq, e.hash])).toEqual([[event.seq, event.hash]]);
    } finally {
      await store.close();
    }
    for (const node of cluster.nodes) {
      const read = await new ApiClient(node.url, secretariat.token).request('GET', `/api/meetings/${meetingId}/state`);
      expect(read.status, node.name).toBe(200);
      expect(read.body.state.info.title.en, node.name).toBe(SAMPLE_MEETING.title);
    }

    // A socket through the proxy: upgraded to a WebSocket, it syncs the meeting (as its node holds it: see below).
    const socket = await connect(cluster.url, { token: secretariat.token });
    try {
      const synced = await socket.timeout(5_000).emitWithAck('sync');
      expect(synced.state.id).toBe(meetingId);
      expect(synced.state.info.title.en).toBe(SAMPLE_MEETING.title);
    } finally {
      socket.close();
    }
  });

  // The owner's events relayed to every node (cluster/): a node that loaded the meeting follows it.
  it("shows every node's clients a command decided on another node", async () => {
    const stateOn = async (i: number) => (await new ApiClient(cluster.nodes[i].url, secretariat.token).request('GET', `/api/meetings/${meetingId}/state`)).body.state;
    const titles = (state: { agenda: Parameters<typeof agendaInOrder>[0] }) => agendaInOrder(state.agenda).map((i) => i.title.en);
    // Every node holds the meeting now.
    for (let i = 0; i < cluster.nodes.length; i++) expect(titles(await stateOn(i))).toEqual(['Adoption of the agenda']);
    const added = await secretariat.command(meetingId, { type: 'agenda.addItem', title: 'Organization of work' });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    for (let i = 0; i < cluster.nodes.length; i++) {
      await expect.poll(async () => titles(await stateOn(i)), { timeout: 3_000 }).toEqual(['Adoption of the agenda', 'Organization of work']);
    }
  });

  it('ends a session on every node when it signs out on one: its sockets elsewhere close, its token is refused there', async () => {
    const signIn = await new ApiClient(cluster.nodes[0].url).request('POST', '/api/session', { meetingId, code: secretariatCode, name: 'Leaving officer' });
    expect(signIn.status).toBe(200);
    const token = signIn.body.token as string;
    const sockets = await Promise.all([1, 2].map((i) => connect(cluster.nodes[i].url, { token })));
    const closed = sockets.map((s) => new Promise<string>((resolve) => s.on('disconnect', (reason: string) => resolve(reason))));
    try {
      expect((await new ApiClient(cluster.nodes[0].url, token).request('DELETE', '/api/session')).status).toBeLessThan(300);
      // Told over Redis: the other nodes close its sockets (the server's doing) …
      const reasons = await Promise.race([Promise.all(closed), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('sockets still open on the other nodes')), 5_000))]);
      expect(reasons).toEqual(['io server disconnect', 'io server disconnect']);
      // … and refuse its token.
      for (const i of [1, 2]) expect((await new ApiClient(cluster.nodes[i].url, token).request('GET', '/api/session')).status).toBe(401);
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it('refuses socket.io long-polling, which would need stickiness', async () => {
    const polling = await fetch(`${cluster.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(400);
    expect(await polling.text()).toContain('WebSocket only');
    await expect(connect(cluster.url, { token: secretariat.token, transports: ['polling'] })).rejects.toThrow();
  });

  it("gives the nodes the client's address, and believes no one else's X-Forwarded-For", async () => {
    // Through the proxy from 127.0.0.5, with a forged header: the node sees 127.0.0.5.
    expect(await getFrom('127.0.0.5', `${cluster.url}/api/commands`, { 'x-forwarded-for': '10.9.9.9' })).toBe(200);
    // Straight to a node from 127.0.0.6 with the same forgery: 127.0.0.6, the header ignored.
    expect(await getFrom('127.0.0.6', `${cluster.nodes[0].url}/api/openapi.json`, { 'x-forwarded-for': '10.9.9.9' })).toBe(200);
    const requests = () =>
      cluster
        .logs()
        .filter((l) => l.name.startsWith('node'))
        .flatMap((l) => l.text.split('\n'))
        .filter((line) => line.includes('"incoming request"'))
        .map((line) => JSON.parse(line).req as { url: string; remoteAddress: string });
    const addressOf = (url: string) => requests().find((r) => r.url === url)?.remoteAddress;
    await expect.poll(() => addressOf('/api/commands')).toBe('127.0.0.5');
    await expect.poll(() => addressOf('/api/openapi.json')).toBe('127.0.0.6');
  });

  const state = () => secretariat.request('GET', `/api/meetings/${meetingId}/state`).then((r) => r.status);

  it('takes a paused node out within seconds, then a killed one, and keeps answering; both come back', async () => {
    await cluster.kill(0, 'SIGSTOP');
    // 2 failed checks of 1.5 s each, 250-500 ms apart: at most about 4 s.
    const outAfter = await cluster.waitForBackend(0, 'DOWN', 8_000);
    expect(outAfter).toBeLessThan(5_000);
    const answers = await Promise.all(Array.from({ length: 12 }, state));
    expect(answers).toEqual(Array(12).fill(200));
    await cluster.kill(0, 'SIGCONT');
    await cluster.waitForBackend(0, 'UP', 5_000);

    // A killed node refuses connections: requests are sent to another node at once, before the checks even notice.
    await cluster.kill(1, 'SIGKILL');
    expect(await Promise.all(Array.from({ length: 12 }, state))).toEqual(Array(12).fill(200));
    await cluster.waitForBackend(1, 'DOWN', 5_000);
    await cluster.restart(1);
    await cluster.waitForBackend(1, 'UP', 5_000);
    const back = await new ApiClient(cluster.nodes[1].url, secretariat.token).request('GET', `/api/meetings/${meetingId}/state`);
    expect(agendaInOrder(back.body.state.agenda).map((i) => i.title.en)).toEqual(['Adoption of the agenda', 'Organization of work']);
    // (7-10 s alone; a node's restart is slower on a loaded machine)
  }, 60_000);

  it('answers from another node the reads a node held when it was killed', async () => {
    // Paused, the node still takes connections and requests (its checks have not failed yet): some of these reach it.
    await cluster.kill(2, 'SIGSTOP');
    const reads = Promise.all(Array.from({ length: 12 }, state));
    await new Promise((r) => setTimeout(r, 300));
    // Killed with them unanswered: the proxy tries each again on another node (a GET changes nothing), not a 502.
    await cluster.kill(2, 'SIGKILL');
    expect(await reads).toEqual(Array(12).fill(200));
    await cluster.waitForBackend(2, 'DOWN', 5_000);
    await cluster.restart(2);
    await cluster.waitForBackend(2, 'UP', 5_000);
  }, 60_000);
});
