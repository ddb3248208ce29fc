/**
 * Two nodes on one SQLite file racing on the same meeting: optimistic
 * concurrency makes the loser decide again on the state the winner left, so
 * two commands never both apply against the same state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { LedgerEvent } from '@gavel/shared';
import { TestServer, tempDir, type ApiClient } from '../support/server';

let dataDir: string;
let nodeA: TestServer;
let nodeB: TestServer;
let meetingId: string;
let onA: ApiClient;
let onB: ApiClient;

beforeAll(async () => {
  dataDir = tempDir('gavel-two-nodes-');
  nodeA = await TestServer.start({ dataDir });
  nodeB = await TestServer.start({ dataDir });
  const created = await nodeA.createMeeting();
  meetingId = created.meetingId;
  onA = await nodeA.signIn(meetingId, created.secretariatCode, 'Officer on A');
  onB = await nodeB.signIn(meetingId, created.secretariatCode, 'Officer on B');
  // Both nodes now hold the meeting in memory, at the same seq.
  expect((await onA.request('GET', `/api/meetings/${meetingId}/state`)).body.state.seq).toBe(3);
  expect((await onB.request('GET', `/api/meetings/${meetingId}/state`)).body.state.seq).toBe(3);
});
afterAll(async () => {
  await nodeA?.stop();
  await nodeB?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const register = (client: ApiClient, m49: string) =>
  client.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49 } });

const registrationsOf = (events: LedgerEvent[], m49: string) =>
  events.filter((e) => e.type === 'DelegationRegistered' && e.payload.delegation.m49 === m49);

describe('two nodes on one store', () => {
  it('register the same State at once: exactly one succeeds, the other is told already_exists', async () => {
    for (const m49 of ['578', '818', '250', '276', '616']) {
      const before = (await nodeA.gavel.store.readEvents(meetingId)).length;
      const [a, b] = await Promise.all([register(onA, m49), register(onB, m49)]);
      const statuses = [a.status, b.status].sort();
      expect([m49, statuses]).toEqual([m49, [200, 409]]);
      const lost = a.status === 409 ? a : b;
      expect(lost.body.error.code).toBe('already_exists');
      const events = await nodeA.gavel.store.readEvents(meetingId);
      expect(registrationsOf(events, m49)).toHaveLength(1);
      expect(events).toHaveLength(before + 1);
    }
  });

  it('register two different States at once: both succeed, with consecutive seqs', async () => {
    for (const [x, y] of [
      ['840', '124'],
      ['036', '554'],
      ['392', '410'],
    ]) {
      const before = (await nodeA.gavel.store.readEvents(meetingId)).at(-1)!.seq;
      const [a, b] = await Promise.all([register(onA, x), register(onB, y)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const seqs = [a.body.events[0].seq, b.body.events[0].seq].sort((p: number, q: number) => p - q);
      expect(seqs).toEqual([before + 1, before + 2]);
      const events = await nodeB.gavel.store.readEvents(meetingId);
      expect(registrationsOf(events, x)).toHaveLength(1);
      expect(registrationsOf(events, y)).toHaveLength(1);
      // The second was decided on the state the first left: it chains to it.
      const [first, second] = events.slice(-2);
      expect(second.prevHash).toBe(first.hash);
    }
  });

  it('race many commands from both nodes without losing or doubling one', async () => {
    const states = ['040', '056', '203', '208', '233', '300', '348', '372', '380', '428', '440', '442'];
    const results = await Promise.all(states.map((m49, i) => register(i % 2 ? onB : onA, m49)));
    expect(results.map((r) => r.status)).toEqual(states.map(() => 200));
    const events = await nodeA.gavel.store.readEvents(meetingId);
    for (const m49 of states) expect(registrationsOf(events, m49)).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it('leave a chain that verifies, and agree on the state once each has caught up', async () => {
    for (const client of [onA, onB]) {
      const res = await client.request('GET', `/api/meetings/${meetingId}/ledger/verify`);
      expect(res.body).toMatchObject({ ok: true });
      expect(res.body.events).toBe((await nodeA.gavel.store.readEvents(meetingId)).length);
    }
    await nodeA.gavel.meetings.catchUp(meetingId);
    await nodeB.gavel.meetings.catchUp(meetingId);
    const a = (await onA.request('GET', `/api/meetings/${meetingId}/state`)).body.state;
    const b = (await onB.request('GET', `/api/meetings/${meetingId}/state`)).body.state;
    expect(a).toEqual(b);
    expect(Object.keys(a.delegations)).toHaveLength(5 + 6 + 12);
  });

  it('refuse on one node a code revoked on the other', async () => {
    const issued = await onA.command(meetingId, { type: 'access.issue', role: 'viewer', label: 'Room screen' });
    const { codeId, code } = issued.body.issuedCodes[0];
    const screenOnB = await nodeB.signIn(meetingId, code, 'Room screen');
    expect((await screenOnB.request('GET', `/api/meetings/${meetingId}/state`)).status).toBe(200);

    expect((await onA.command(meetingId, { type: 'access.revoke', codeId })).status).toBe(200);

    const again = await nodeB.anonymous().request('POST', '/api/session', { meetingId, code, name: 'Room screen' });
    expect([again.status, again.body.error?.code]).toEqual([401, 'invalid_code']);
    expect((await screenOnB.request('GET', `/api/meetings/${meetingId}/state`)).status).toBe(401);
  });
});
