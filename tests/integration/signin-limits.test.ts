/**
 * Sign-in limits that fit a conference (issue 10, item 2): successes are never
 * counted, failures are, per client address; behind GAVEL_TRUST_PROXY the
 * client's own address counts, not the proxy's; sessions per access code are
 * capped. The load test: 300 delegates behind one venue NAT sign in within a
 * minute; 300 wrong codes from one address are stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from '../support/server';

describe('sign-in at the opening of a meeting', () => {
  let server: TestServer;
  let meeting: Awaited<ReturnType<TestServer['createMeeting']>>;
  beforeAll(async () => {
    // A load balancer in front (one hop), with the defaults otherwise.
    server = await TestServer.start({ config: { trustProxy: 1 } });
    meeting = await server.createMeeting();
  });
  afterAll(() => server.stop());

  const signIn = (code: string, headers: Record<string, string> = {}, name = 'Delegate') =>
    server.anonymous().request('POST', '/api/session', { meetingId: meeting.meetingId, code, name }, headers);

  it('lets 300 delegates behind one NAT sign in within a minute, through the proxy', async () => {
    const started = Date.now();
    const venue = { 'x-forwarded-for': '203.0.113.7' };
    const statuses: number[] = [];
    // 10 at a time, as a crowd arrives.
    for (let i = 0; i < 300; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, j) => signIn(meeting.viewerCode, venue, `Delegate ${i + j}`)));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('stops 300 wrong codes from one address, and says when to try again', async () => {
    const guesser = { 'x-forwarded-for': '198.51.100.9' };
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let i = 0; i < 300; i++) {
      const res = await signIn(`GUES-SING-${String(i).padStart(4, '0')}`, guesser);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    const wrong = statuses.filter((s) => s === 401).length;
    expect(wrong).toBe(100); // GAVEL_SIGNIN_FAILURES
    expect(statuses.filter((s) => s === 429).length).toBe(200);
    expect(limited!.body.error.code).toBe('rate_limited');
    // Even the right code waits: otherwise the limit would not slow a guesser.
    const right = await signIn(meeting.secretariatCode, guesser);
    expect(right.status).toBe(429);
    expect(Number(right.headers?.['retry-after'] ?? NaN)).toBeGreaterThan(0);
    // Another client behind the same proxy is not affected.
    expect((await signIn(meeting.secretariatCode, { 'x-forwarded-for': '198.51.100.10' })).status).toBe(200);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const direct = await TestServer.start({ config: { signinFailures: 3 } });
    try {
      const m = await direct.createMeeting();
      const attempt = (ip: string) =>
        direct.anonymous().request('POST', '/api/session', { meetingId: m.meetingId, code: 'WRONG-CODE-0000', name: 'X' }, { 'x-forwarded-for': ip });
      // Without GAVEL_TRUST_PROXY a forged header changes nothing: the socket's address counts.
      for (let i = 0; i < 3; i++) expect((await attempt(`192.0.2.${i}`)).status).toBe(401);
      expect((await attempt('192.0.2.99')).status).toBe(429);
    } finally {
      await direct.stop();
    }
  });

  it('caps the sessions one access code opens in a window', async () => {
    const capped = await TestServer.start({ config: { signinPerCode: 3 } });
    try {
      const m = await capped.createMeeting();
      for (let i = 0; i < 3; i++) await capped.signIn(m.meetingId, m.viewerCode);
      const fourth = await capped.anonymous().request('POST', '/api/session', { meetingId: m.meetingId, code: m.viewerCode, name: 'X' });
      expect(fourth.status).toBe(429);
      // Another code is counted apart.
      expect((await capped.anonymous().request('POST', '/api/session', { meetingId: m.meetingId, code: m.secretariatCode, name: 'X' })).status).toBe(200);
    } finally {
      await capped.stop();
    }
  });
});
