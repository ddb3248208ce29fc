/**
 * Bad input at the boundary: every kind is refused with its stable error code
 * and a message, and nothing reaches the ledger.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_COMMAND_BYTES } from '@gavel/shared';
import { connect, ledgerSeq, sendCommand, setupMeeting, type MeetingFixture } from '../support/fixtures';
import { TestServer, type ApiClient } from '../support/server';

let server: TestServer;
let fixture: MeetingFixture;
let secretariat: ApiClient;
let path: string;
let before: number;

beforeAll(async () => {
  server = await TestServer.start();
  fixture = await setupMeeting(server);
  secretariat = fixture.secretariat;
  path = `/api/meetings/${fixture.meetingId}/commands`;
});
afterAll(() => server.stop());
beforeEach(async () => {
  before = await ledgerSeq(server, fixture.meetingId);
});

/** The one error shape, with the expected status and code, and an unchanged ledger. */
async function expectRefused(res: { status: number; body: any }, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.any(String), ...(res.body.error.details ? { details: expect.anything() } : {}) } });
  expect(res.body.error.message.length).toBeGreaterThan(0);
  expect(await ledgerSeq(server, fixture.meetingId)).toBe(before);
}

const NORWAY_AGAIN = { category: 'state_party', m49: '250' };

describe('commands over HTTP', () => {
  it('refuses an unknown field at the top of a command (400 invalid_command), naming it', async () => {
    const res = await secretariat.command(fixture.meetingId, { type: 'delegation.register', delegation: NORWAY_AGAIN, priority: 1 });
    await expectRefused(res, 400, 'invalid_command');
    expect(JSON.stringify(res.body.error)).toContain('priority');
  });

  it('refuses an unknown field inside a command', async () => {
    await expectRefused(
      await secretariat.command(fixture.meetingId, { type: 'delegation.register', delegation: { ...NORWAY_AGAIN, flag: 'x' } }),
      400,
      'invalid_command',
    );
    await expectRefused(
      await secretariat.command(fixture.meetingId, { type: 'meeting.update', changes: { venue: 'Geneva', hostCountry: 'CH' } }),
      400,
      'invalid_command',
    );
  });

  it.each([
    ['a number for a code', { type: 'delegation.register', delegation: { category: 'state_party', m49: 250 } }],
    ['a string for a list', { type: 'delegation.registerMany', delegations: 'France' }],
    ['an object for a name', { type: 'person.register', name: { en: 'Ola' }, function: 'head', delegationId: 'd_abcdefgh' }],
    ['a boolean for an id', { type: 'delegation.remove', delegationId: true }],
    ['null for a field', { type: 'access.issue', role: null }],
    ['a wrong date', { type: 'meeting.update', changes: { startDate: '2027-13-45T00:00' } }],
    ['a missing field', { type: 'person.register', function: 'chair' }],
  ])('refuses %s (400 invalid_command)', async (_what, command) => {
    await expectRefused(await secretariat.command(fixture.meetingId, command), 400, 'invalid_command');
  });

  it.each([
    ['an unknown type', { type: 'meeting.delete' }],
    ['no type', { delegation: NORWAY_AGAIN }],
    ['a type of the wrong kind', { type: ['delegation.register'] }],
    ['an inherited name as type', { type: 'hasOwnProperty' }],
    ['an array', [{ type: 'delegation.register', delegation: NORWAY_AGAIN }]],
  ])('refuses %s (400 unknown_command)', async (_what, command) => {
    await expectRefused(await secretariat.request('POST', path, command), 400, 'unknown_command');
  });

  it(`refuses a payload over ${MAX_COMMAND_BYTES} bytes (413 payload_too_large)`, async () => {
    const big = { category: 'ngo', names: { en: 'x'.repeat(250) } };
    const delegations = Array.from({ length: Math.ceil(MAX_COMMAND_BYTES / 250) + 10 }, (_, i) => ({
      ...big,
      names: { en: `${i} ${big.names.en}` },
    }));
    const body = JSON.stringify({ type: 'delegation.registerMany', delegations });
    expect(body.length).toBeGreaterThan(MAX_COMMAND_BYTES);
    await expectRefused(await secretariat.request('POST', path, body, { 'content-type': 'application/json' }), 413, 'payload_too_large');
  });

  it('accepts a large payload under the limit (the limit is not lower than it says)', async () => {
    const delegations = Array.from({ length: 400 }, (_, i) => ({ category: 'ngo', names: { en: `NGO ${i} ${'x'.repeat(200)}` } }));
    const body = JSON.stringify({ type: 'delegation.registerMany', delegations });
    expect(body.length).toBeGreaterThan(MAX_COMMAND_BYTES / 4);
    expect(body.length).toBeLessThan(MAX_COMMAND_BYTES);
    const res = await secretariat.request('POST', path, body, { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    expect(res.body.events).toHaveLength(400);
  });

  it.each([
    ['a truncated body', '{"type": "delegation.register", "delegation": {'],
    ['a trailing comma', '{"type": "meeting.update", "changes": {"venue": "Geneva",}}'],
    ['an empty body', ''],
    ['a prototype-polluting body', '{"type":"meeting.update","changes":{"venue":"Geneva","__proto__":{"admin":true}}}'],
  ])('refuses malformed JSON: %s (400 invalid_command)', async (_what, body) => {
    await expectRefused(await secretariat.request('POST', path, body, { 'content-type': 'application/json' }), 400, 'invalid_command');
  });

  it('refuses a body that is not JSON', async () => {
    const xml = await secretariat.request('POST', path, '<command type="meeting.update"/>', { 'content-type': 'application/xml' });
    await expectRefused(xml, 400, 'invalid_command');
    // Sent as plain text, a JSON command is only a string: no command at all.
    const text = await secretariat.request('POST', path, '{"type":"meeting.update","changes":{"venue":"Geneva"}}', { 'content-type': 'text/plain' });
    await expectRefused(text, 400, 'unknown_command');
  });

  it('refuses a meeting that does not exist (404 not_found); the admin token acts in none (403)', async () => {
    const admin = server.admin();
    const res = await admin.request('GET', '/api/meetings/m_doesnotexist/state');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const command = await admin.command('m_doesnotexist', { type: 'meeting.update', changes: { venue: 'Geneva' } });
    expect(command.status).toBe(403);
    expect(await server.gavel.store.readEvents('m_doesnotexist')).toEqual([]);
  });

  it('reports a domain refusal with its code, writing nothing', async () => {
    await expectRefused(
      await secretariat.command(fixture.meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '578' } }),
      409,
      'already_exists',
    );
    await expectRefused(await secretariat.command(fixture.meetingId, { type: 'person.remove', personId: 'p_nosuch000' }), 404, 'not_found');
    await secretariat.command(fixture.meetingId, { type: 'access.revoke', codeId: fixture.other.spareCode.codeId });
    before = await ledgerSeq(server, fixture.meetingId);
    await expectRefused(
      await secretariat.command(fixture.meetingId, { type: 'access.revoke', codeId: fixture.other.spareCode.codeId }),
      409,
      'invalid_state',
    );
  });
});

describe('other requests', () => {
  it('refuses a meeting with unknown fields or wrong types, creating none', async () => {
    const admin = server.admin();
    const meetings = await server.gavel.store.meetingIds();
    const info = { body: 'B', title: 'T', venue: 'V', startDate: '2027-01-27', endDate: '2027-01-29' };
    for (const body of [{ ...info, secret: 1 }, { ...info, startDate: 20270127 }, { ...info, endDate: '2027-01-01' }, { title: 'T' }]) {
      const res = await admin.request('POST', '/api/meetings', body);
      expect([body, res.status, res.body.error?.code]).toEqual([body, 400, 'invalid_command']);
    }
    expect(await server.gavel.store.meetingIds()).toEqual(meetings);
  });

  it('refuses to create a meeting without the admin token', async () => {
    const meetings = await server.gavel.store.meetingIds();
    const info = { body: 'B', title: 'T', venue: 'V', startDate: '2027-01-27', endDate: '2027-01-29' };
    expect((await server.anonymous().request('POST', '/api/meetings', info)).status).toBe(401);
    expect((await secretariat.request('POST', '/api/meetings', info)).status).toBe(401);
    expect(await server.gavel.store.meetingIds()).toEqual(meetings);
  });

  it('refuses a sign-in with unknown fields or wrong types', async () => {
    const anonymous = server.anonymous();
    const good = { meetingId: fixture.meetingId, code: fixture.secretariatCode, name: 'X' };
    for (const body of [{ ...good, role: 'secretariat' }, { ...good, code: 123456 }, { ...good, name: '   ' }, { meetingId: fixture.meetingId }]) {
      const res = await anonymous.request('POST', '/api/session', body);
      expect([body, res.status, res.body.error?.code]).toEqual([body, 400, 'invalid_command']);
    }
  });

  it('refuses a bad query', async () => {
    for (const query of ['after=-1', 'after=abc', 'after=1&x=2']) {
      const res = await secretariat.request('GET', `/api/meetings/${fixture.meetingId}/events?${query}`);
      expect([query, res.status, res.body.error?.code]).toEqual([query, 400, 'invalid_command']);
    }
  });

  it('refuses a bad import file, naming the rows, and writes nothing', async () => {
    const csv = 'category,iso3\r\nstate_party,FRA\r\nstate_party,ZZZ\r\n';
    const res = await secretariat.request('POST', `/api/meetings/${fixture.meetingId}/participants/import`, csv, {
      'content-type': 'text/csv',
    });
    await expectRefused(res, 400, 'invalid_command');
    expect(res.body.error.details).toEqual([{ row: 3, message: expect.stringContaining('ZZZ') }]);
  });

  it('imports a good CSV file, skipping delegations already registered', async () => {
    const csv = '\uFEFFcategory,iso3,name_en\r\nState party,NOR,\r\nSignatory State,ITA,\r\nNGO,,"Walk Free, Inc."\r\n';
    const res = await secretariat.request('POST', `/api/meetings/${fixture.meetingId}/participants/import`, csv, {
      'content-type': 'text/csv',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ ok: true, registered: 2, skipped: 1 });
    expect(await ledgerSeq(server, fixture.meetingId)).toBe(before + 2);
  });

  it('refuses an import from a delegate (403), writing nothing', async () => {
    const delegate = await server.signIn(fixture.meetingId, fixture.own.code.code, 'Delegate');
    const res = await delegate.request('POST', `/api/meetings/${fixture.meetingId}/participants/import?format=json`, [
      { category: 'state_party', iso3: 'ESP' },
    ]);
    await expectRefused(res, 403, 'forbidden');
  });
});

describe('commands over socket.io', () => {
  it('acknowledges bad commands with the same codes, writing nothing', async () => {
    const socket = await connect(server.url, { token: secretariat.token });
    try {
      const cases: [unknown, string][] = [
        [{ type: 'delegation.register', delegation: NORWAY_AGAIN, extra: true }, 'invalid_command'],
        [{ type: 'delegation.register', delegation: { category: 'state_party', m49: 250 } }, 'invalid_command'],
        [{ type: 'meeting.delete' }, 'unknown_command'],
        ['delegation.register', 'unknown_command'],
        [null, 'unknown_command'],
      ];
      for (const [command, code] of cases) {
        const result = await sendCommand(socket, command);
        expect([command, result]).toEqual([command, { ok: false, error: expect.objectContaining({ code }) }]);
      }
      expect(await ledgerSeq(server, fixture.meetingId)).toBe(before);
    } finally {
      socket.close();
    }
  });

  it(`drops a socket that sends more than ${MAX_COMMAND_BYTES} bytes, writing nothing`, async () => {
    const socket = await connect(server.url, { token: secretariat.token });
    try {
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      const names = { en: 'x'.repeat(MAX_COMMAND_BYTES + 1024) };
      socket.emit('command', { type: 'delegation.register', delegation: { category: 'ngo', names } }, () => {});
      expect(await disconnected).toMatch(/transport close|transport error/);
      expect(await ledgerSeq(server, fixture.meetingId)).toBe(before);
    } finally {
      socket.close();
    }
  });
});
