/**
 * Access-code slips over HTTP (issue 15): codes issued in bulk in one answer,
 * slips made only by the secretariat, only from active codes of the meeting,
 * saying what the ledger says about each code (not what the request says),
 * with the code in the link's fragment; and only for Gavel's own pages.
 */
import { describe, expect, it } from 'vitest';
import { serverWithMeeting } from '../support/fixtures';

const env = serverWithMeeting();

const slips = (token: string | undefined, body: unknown, headers: Record<string, string> = {}) => {
  const client = env.server.anonymous();
  client.token = token;
  return client.request('POST', `/api/meetings/${env.meeting.meetingId}/slips`, body, headers);
};

describe('access.issueMany', () => {
  it('issues every code asked for in one ledger entry, each in clear once, each signing in as its holder', async () => {
    const res = await env.meeting.secretariat.command(env.meeting.meetingId, {
      type: 'access.issueMany',
      codes: [
        { role: 'delegate', delegationId: env.meeting.own.delegationId, label: 'Norway' },
        { role: 'chair', label: '' },
        { role: 'viewer', label: 'Projector' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: any) => e.type)).toEqual(['AccessCodeIssued', 'AccessCodeIssued', 'AccessCodeIssued']);
    expect(new Set(res.body.events.map((e: any) => e.seq)).size).toBe(3);
    const [own, chair, viewer] = res.body.issuedCodes;
    expect((await env.server.signIn(env.meeting.meetingId, own.code)).session).toMatchObject({ role: 'delegate', delegationId: env.meeting.own.delegationId });
    expect((await env.server.signIn(env.meeting.meetingId, chair.code)).session.role).toBe('chair');
    expect((await env.server.signIn(env.meeting.meetingId, viewer.code)).session.role).toBe('viewer');
  });

  it('issues nothing when one of them cannot be (a delegate code without a delegation)', async () => {
    const before = Object.keys((await env.meeting.secretariat.request('GET', `/api/meetings/${env.meeting.meetingId}/state`)).body.state.codes).length;
    const res = await env.meeting.secretariat.command(env.meeting.meetingId, {
      type: 'access.issueMany',
      codes: [{ role: 'chair', label: '' }, { role: 'delegate', label: 'nobody' }],
    });
    expect(res.status).toBe(400);
    const after = Object.keys((await env.meeting.secretariat.request('GET', `/api/meetings/${env.meeting.meetingId}/state`)).body.state.codes).length;
    expect(after).toBe(before);
  });
});

describe('POST /api/meetings/{id}/slips', () => {
  it('makes one card per code from the ledger’s record, with the code in the link’s fragment, in the language asked', async () => {
    const res = await slips(env.meeting.secretariat.token, { codes: [env.meeting.own.code.code, env.meeting.chairCode.code], lang: 'fr', format: 'html' });
    expect(res.status).toBe(200);
    const html = res.body as string;
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html.match(/class="slip"/g)).toHaveLength(2);
    expect(html).toContain('Norvège');
    expect(html).toContain('Code d’accès');
    expect(html).toContain(env.meeting.own.code.code);
    // The QR code is an SVG drawing; the link it holds is checked in the e2e test (decoded back from the PDF).
    expect(html).toMatch(/<svg[^>]*viewBox/);
  });

  it('refuses codes that are not active codes of this meeting, naming which', async () => {
    const revoked = await env.meeting.secretariat.command(env.meeting.meetingId, { type: 'access.issue', role: 'viewer', label: 'old' });
    await env.meeting.secretariat.command(env.meeting.meetingId, { type: 'access.revoke', codeId: revoked.body.issuedCodes[0].codeId });
    const res = await slips(env.meeting.secretariat.token, { codes: [env.meeting.own.code.code, 'AAAA-BBBB-CCCC', revoked.body.issuedCodes[0].code], format: 'html' });
    expect(res.status).toBe(401); // as at sign-in: the code is not good
    expect(res.body.error.code).toBe('invalid_code');
    expect(res.body.error.details.map((d: any) => d.index)).toEqual([1, 2]);
  });

  it('is for the secretariat only', async () => {
    for (const code of [env.meeting.chairCode.code, env.meeting.own.code.code, env.meeting.viewerCode]) {
      const other = await env.server.signIn(env.meeting.meetingId, code);
      const res = await slips(other.token, { codes: [code], format: 'html' });
      expect(res.status, code).toBe(403);
    }
    expect((await slips(undefined, { codes: [env.meeting.viewerCode], format: 'html' })).status).toBe(401);
  });

  it('links only to Gavel’s own pages, and refuses what it does not know', async () => {
    const foreign = await slips(env.meeting.secretariat.token, { codes: [env.meeting.viewerCode], format: 'html' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await slips(env.meeting.secretariat.token, { codes: [env.meeting.viewerCode], format: 'html' }, { origin: env.server.url });
    expect(own.status).toBe(200);
    const extra = await slips(env.meeting.secretariat.token, { codes: [env.meeting.viewerCode], link: 'https://evil.example' });
    expect(extra.status).toBe(400);
  });
});
