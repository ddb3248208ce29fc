/**
 * Access codes: wrong and revoked codes are refused, revoking ends the
 * sessions opened with the code (HTTP and socket.io), reissuing gives a code
 * that works. Sign-in limits: signin-limits.test.ts.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WS } from '@gavel/shared';
import { connect, ledgerSeq, setupMeeting, type MeetingFixture } from '../support/fixtures';
import { TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await TestServer.start();
});
afterAll(() => server.stop());

async function signInStatus(meetingId: string, code: string) {
  const res = await server.anonymous().request('POST', '/api/session', { meetingId, code, name: 'Someone' });
  return { status: res.status, code: res.body?.error?.code as string | undefined, body: res.body };
}

describe('signing in', () => {
  let fixture: MeetingFixture;
  beforeAll(async () => {
    fixture = await setupMeeting(server);
  });

  it('gives each code its role, and a delegate code its delegation', async () => {
    const cases = [
      [fixture.secretariatCode, { role: 'secretariat' }],
      [fixture.chairCode.code, { role: 'chair', codeId: fixture.chairCode.codeId }],
      [fixture.own.code.code, { role: 'delegate', delegationId: fixture.own.delegationId, codeId: fixture.own.code.codeId }],
      [fixture.other.code.code, { role: 'delegate', delegationId: fixture.other.delegationId }],
      [fixture.viewerCode, { role: 'viewer' }],
    ] as const;
    for (const [code, expected] of cases) {
      const client = await server.signIn(fixture.meetingId, code, 'Someone');
      expect(client.session).toMatchObject({ meetingId: fixture.meetingId, name: 'Someone', ...expected });
      const me = await client.request('GET', '/api/session');
      expect(me.body.session).toEqual(client.session);
    }
  });

  it('forgives case, spaces and dashes in a code as people type it', async () => {
    const typed = fixture.viewerCode.toLowerCase().replace(/-/g, ' ');
    expect((await signInStatus(fixture.meetingId, typed)).status).toBe(200);
  });

  it('refuses a wrong code, a code of another meeting and an unknown meeting alike (401 invalid_code)', async () => {
    const another = await setupMeeting(server);
    const wrong = fixture.viewerCode.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const attempts = [
      [fixture.meetingId, wrong],
      [fixture.meetingId, 'AAAA-BBBB-CCCC'],
      [fixture.meetingId, another.secretariatCode],
      ['m_nosuchmeeting', fixture.secretariatCode],
    ];
    for (const [meetingId, code] of attempts) {
      const res = await signInStatus(meetingId, code);
      expect([meetingId, code, res.status, res.code]).toEqual([meetingId, code, 401, 'invalid_code']);
      // The same answer whether the meeting exists or not.
      expect(res.body.error.message).toBe('this access code is not valid for this meeting');
    }
  });

  it('refuses a signed-out token', async () => {
    const client = await server.signIn(fixture.meetingId, fixture.viewerCode);
    expect((await client.request('DELETE', '/api/session')).status).toBe(204);
    const res = await client.request('GET', `/api/meetings/${fixture.meetingId}/state`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});

describe('revoking a code', () => {
  it('refuses the code from then on, ends its HTTP sessions and disconnects its sockets', async () => {
    const fixture = await setupMeeting(server);
    const { meetingId } = fixture;
    const chair = await server.signIn(meetingId, fixture.chairCode.code, 'Chair');
    const delegate = await server.signIn(meetingId, fixture.own.code.code, 'Delegate');
    expect((await chair.request('GET', `/api/meetings/${meetingId}/state`)).status).toBe(200);

    const chairSocket = await connect(server.url, { token: chair.token });
    const delegateSocket = await connect(server.url, { token: delegate.token });
    try {
      let revokedNotice = false;
      chairSocket.on(WS.revoked, () => (revokedNotice = true));
      const chairDisconnected = new Promise<string>((resolve) => chairSocket.once('disconnect', resolve));

      const res = await fixture.secretariat.command(meetingId, { type: 'access.revoke', codeId: fixture.chairCode.codeId });
      expect(res.status).toBe(200);

      expect(await chairDisconnected).toBe('io server disconnect');
      expect(revokedNotice).toBe(true);
      const state = await chair.request('GET', `/api/meetings/${meetingId}/state`);
      expect(state.status).toBe(401);
      expect(state.body.error.code).toBe('unauthenticated');
      const command = await chair.command(meetingId, { type: 'meeting.update', changes: { venue: 'Geneva' } });
      expect(command.status).toBe(401);
      expect(await signInStatus(meetingId, fixture.chairCode.code)).toMatchObject({ status: 401, code: 'invalid_code' });
      // A socket cannot come back with the old session either.
      await expect(connect(server.url, { token: chair.token })).rejects.toThrow(/unauthenticated/);

      // Other codes are untouched.
      expect(delegateSocket.connected).toBe(true);
      expect((await delegate.request('GET', `/api/meetings/${meetingId}/state`)).status).toBe(200);
      expect((await fixture.secretariat.request('GET', `/api/meetings/${meetingId}/state`)).status).toBe(200);
    } finally {
      chairSocket.close();
      delegateSocket.close();
    }
  });

  it('ends the sessions of a delegation that is removed', async () => {
    const fixture = await setupMeeting(server);
    const { meetingId } = fixture;
    const delegate = await server.signIn(meetingId, fixture.own.code.code, 'Delegate');
    const socket = await connect(server.url, { token: delegate.token });
    try {
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      const res = await fixture.secretariat.command(meetingId, { type: 'delegation.remove', delegationId: fixture.own.delegationId });
      expect(res.status).toBe(200);
      expect(await disconnected).toBe('io server disconnect');
      expect((await delegate.request('GET', `/api/meetings/${meetingId}/state`)).status).toBe(401);
      expect(await signInStatus(meetingId, fixture.own.code.code)).toMatchObject({ status: 401, code: 'invalid_code' });
      expect(await signInStatus(meetingId, fixture.own.spareCode.code)).toMatchObject({ status: 401, code: 'invalid_code' });
      expect((await signInStatus(meetingId, fixture.other.code.code)).status).toBe(200);
    } finally {
      socket.close();
    }
  });

  it('refuses a revoked code even if its session record outlived the revocation', async () => {
    const fixture = await setupMeeting(server);
    const { meetingId } = fixture;
    const delegate = await server.signIn(meetingId, fixture.own.spareCode.code, 'Delegate');
    const record = await server.gavel.store.findSession(createHash('sha256').update(delegate.token!).digest('hex'));
    expect(record).toBeDefined();
    await fixture.secretariat.command(meetingId, { type: 'access.revoke', codeId: fixture.own.spareCode.codeId });
    // Put the session back, as if ending it had failed half-way.
    await server.gavel.store.createSession(record!);
    expect((await delegate.request('GET', `/api/meetings/${meetingId}/state`)).status).toBe(401);
  });
});

describe('reissuing a code', () => {
  it('revokes the old code and gives a new one that signs in with the same role and delegation', async () => {
    const fixture = await setupMeeting(server);
    const { meetingId } = fixture;
    const old = await server.signIn(meetingId, fixture.own.code.code, 'Delegate');
    const before = await ledgerSeq(server, meetingId);

    const res = await fixture.secretariat.command(meetingId, { type: 'access.reissue', codeId: fixture.own.code.codeId });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['AccessCodeRevoked', 'AccessCodeIssued']);
    expect(res.body.issuedCodes).toHaveLength(1);
    const fresh = res.body.issuedCodes[0] as { codeId: string; code: string };
    expect(fresh.codeId).toBe(res.body.events[1].payload.code.id);
    expect(fresh.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await ledgerSeq(server, meetingId)).toBe(before + 2);
    // The code itself is never recorded, only its hash.
    expect(JSON.stringify(await server.gavel.store.readEvents(meetingId))).not.toContain(fresh.code);

    expect(await signInStatus(meetingId, fixture.own.code.code)).toMatchObject({ status: 401, code: 'invalid_code' });
    expect((await old.request('GET', `/api/meetings/${meetingId}/state`)).status).toBe(401);
    const renewed = await server.signIn(meetingId, fresh.code, 'Delegate');
    expect(renewed.session).toMatchObject({ role: 'delegate', delegationId: fixture.own.delegationId, codeId: fresh.codeId });
    const works = await renewed.command(meetingId, {
      type: 'person.register',
      name: 'Ola',
      function: 'adviser',
      delegationId: fixture.own.delegationId,
    });
    expect(works.status).toBe(200);
  });
});
