import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from '../support/server';

describe('a meeting over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.stop());

  it('creates a meeting, signs in, registers a State and verifies the ledger', async () => {
    const { meetingId, secretariatCode } = await server.createMeeting();
    const sec = await server.signIn(meetingId, secretariatCode, 'Officer');
    const res = await sec.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '578' } });
    expect(res.status).toBe(200);
    expect(res.body.events[0].type).toBe('DelegationRegistered');
    expect(res.body.events[0].actor).toMatchObject({ role: 'secretariat', name: 'Officer' });
    const state = await sec.request('GET', `/api/meetings/${meetingId}/state`);
    const names = Object.values(state.body.state.delegations).map((d: any) => d.names.en);
    expect(names).toContain('Norway');
    const verify = await sec.request('GET', `/api/meetings/${meetingId}/ledger/verify`);
    expect(verify.body).toMatchObject({ ok: true, events: 4 });
  });
});
