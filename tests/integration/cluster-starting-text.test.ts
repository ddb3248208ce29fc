/**
 * A new meeting's text on two nodes (tests/support/cluster.ts): its first
 * paragraph is made by the node that owns the meeting, once, and reaches a
 * client on the other node in its first sync, even when the text was never
 * written when the meeting was recorded (the process stopped between the
 * two commits): the node that loads it empty and does not own the meeting
 * asks the owner to start it, and reads the store again before answering.
 * After a failover the text still has exactly that one paragraph.
 * (On one node: drafting-starting-text.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@gavel/shared';
import { MeetingService } from '@gavel/server/meetings/service';
import { PostgresStore } from '@gavel/server/store/postgres';
import { startCluster, type Cluster } from '../support/cluster';
import { DraftClient, expectOneParagraph, paragraphsOf } from '../support/draft-client';
import { ApiClient, SAMPLE_MEETING, waitFor } from '../support/server';

let cluster: Cluster;
let store: PostgresStore;
let failed = false;
const clients: DraftClient[] = [];

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2, env: { GAVEL_LEASE_MS: '1500' } });
  store = await PostgresStore.open(cluster.databaseUrl, { nodeId: 'test-recorder' });
}, 90_000);
afterEach(({ task }) => {
  if (task.result?.state === 'fail') failed = true;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await store?.close();
  if (failed) cluster?.printLogs();
  await cluster?.close();
});

async function signIn(node: number, meetingId: string, code: string, name: string): Promise<ApiClient> {
  const url = cluster.nodes[node].url;
  const res = await new ApiClient(url).request('POST', '/api/session', { meetingId, code, name });
  if (res.status !== 200) throw new Error(`sign in: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(url, res.body.token);
}

async function open(node: number, token: string): Promise<DraftClient> {
  const client = await DraftClient.open(cluster.nodes[node].url, token);
  clients.push(client);
  return client;
}

const storedUpdates = async (meetingId: string) => (await store.readDocUpdates(meetingId, 'recommendations')).length;

describe("a new meeting's text on two nodes", () => {
  it('created through one node and opened first through the other, at once: one paragraph in every first sync', async () => {
    const created = await cluster.admin(0).request('POST', '/api/meetings', SAMPLE_MEETING);
    expect(created.status).toBe(201);
    const { meetingId, secretariatCode, viewerCode } = created.body as { meetingId: string; secretariatCode: string; viewerCode: string };
    const [far, near] = await Promise.all([signIn(1, meetingId, secretariatCode, 'Officer on node 2'), signIn(0, meetingId, viewerCode, 'Viewer on node 1')]);
    const opened = await Promise.all([open(1, far.token!), open(0, near.token!), open(1, far.token!)]);
    expectOneParagraph(opened);
    expect(await storedUpdates(meetingId)).toBe(1);
  });

  let meetingId: string;
  let secretariatCode: string;
  let paragraph: string;
  /** A client on node 2 that kept the text open since it was started. */
  let kept: DraftClient;

  it('recorded without its text (the process stopped between the two commits), opened first through the node that does not own it: one paragraph, made by the owner, in the first sync', async () => {
    // What a node that stopped between the meeting's commit and its text's leaves: the meeting recorded in PostgreSQL
    // (by a MeetingService of the test's own, which nothing listens to), the text never written, no node owning it.
    const recorder = new MeetingService(store);
    const admin: Actor = { role: 'admin', name: 'Admin' };
    const created = await recorder.create(SAMPLE_MEETING, admin);
    meetingId = created.meetingId;
    const codeId = created.events.flatMap((e) => (e.type === 'AccessCodeIssued' && e.payload.code.role === 'secretariat' ? [e.payload.code.id] : []))[0];
    secretariatCode = created.issuedCodes.find((c) => c.codeId === codeId)!.code;
    expect(await store.docNames(meetingId)).toEqual([]);

    // Node 1 takes the meeting (a command sent to it), without loading the text.
    const onOwner = await signIn(0, meetingId, secretariatCode, 'Officer on node 1');
    const issued = await onOwner.command(meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(await cluster.waitForOwner(meetingId)).toBe(0);
    expect(await store.docNames(meetingId)).toEqual([]);

    // Opened first through node 2, by two clients at once, and through node 1 meanwhile.
    const far = await signIn(1, meetingId, secretariatCode, 'Officer on node 2');
    const opened = await Promise.all([open(1, far.token!), open(1, far.token!), open(0, onOwner.token!)]);
    paragraph = expectOneParagraph(opened);
    kept = opened[0];
    const updates = await store.readDocUpdates(meetingId, 'recommendations');
    expect(updates).toHaveLength(1);
    expect(updates[0].actor.role).toBe('admin');
  });

  it('still has exactly that one paragraph after its owner is killed and the other node takes the meeting over', async () => {
    await cluster.kill(0, 'SIGKILL');
    const survivor = await signIn(1, meetingId, secretariatCode, 'Officer after the failover');
    // The first command decided after the kill marks the takeover.
    await waitFor(
      async () => (await survivor.command(meetingId, { type: 'access.issue', role: 'chair', label: 'Chair after' })).status === 200 || undefined,
      20_000,
      'a command after the kill',
    );
    expect(await cluster.waitForOwner(meetingId)).toBe(1);
    const restarting = cluster.restart(0);
    const after = await open(1, survivor.token!);
    expect(expectOneParagraph([after])).toBe(paragraph);
    // The client that kept the text open on node 2 (whose copy the new owner read again from the store) has it once too.
    expect(paragraphsOf(kept)).toEqual([paragraph]);
    await restarting;
    const back = await open(0, (await signIn(0, meetingId, secretariatCode, 'Officer on node 1, back')).token!);
    expect(expectOneParagraph([back])).toBe(paragraph);
    expect(await storedUpdates(meetingId)).toBe(1);
  });
});
