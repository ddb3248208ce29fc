import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent, SignedHead } from '@gavel/shared';
import { signedHeadValid } from '@gavel/server/record/service';
import { verifyChain } from '@gavel/server/ledger/chain';
import { TestServer } from '../support/server';

describe('the ledger export', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('gives every event as a JSON line, with a chain that verifies on its own', async () => {
    const { meetingId, secretariatCode, viewerCode } = await server.createMeeting();
    const sec = await server.signIn(meetingId, secretariatCode, 'Officer');
    await sec.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '578' } });
    const viewer = await server.signIn(meetingId, viewerCode, 'Observer');
    const res = await fetch(`${server.url}/api/meetings/${meetingId}/ledger?format=jsonl`, {
      headers: { authorization: `Bearer ${viewer.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    // A header naming the key, the events, then the signed head the export ends with.
    expect(lines[0]).toMatchObject({ record: 'gavel', meetingId, publicKey: expect.any(String) });
    const events = lines.filter((l) => typeof l.seq === 'number' && typeof l.type === 'string') as LedgerEvent[];
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    const { signedHead } = lines.at(-1) as { signedHead: SignedHead };
    expect(signedHead.head.ledger).toEqual({ seq: 4, hash: events[3].hash });
    expect(signedHeadValid(signedHead)).toBe(true);
    expect(signedHeadValid({ ...signedHead, head: { ...signedHead.head, ledger: { seq: 3, hash: events[2].hash } } })).toBe(false);
    expect(events[3]).toMatchObject({ type: 'DelegationRegistered', actor: { role: 'secretariat', name: 'Officer' } });
    expect(verifyChain(events)).toMatchObject({ ok: true, events: 4 });
  });

  it('is for the meeting’s participants only, and only as JSON lines', async () => {
    const { meetingId } = await server.createMeeting();
    expect((await server.anonymous().request('GET', `/api/meetings/${meetingId}/ledger`)).status).toBe(401);
    expect((await server.admin().request('GET', `/api/meetings/${meetingId}/ledger?format=csv`)).status).toBe(400);
  });
});
