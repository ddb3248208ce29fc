/**
 * socket.io: live broadcasts to everyone in the meeting, commands with an
 * acknowledgement, and the doors that stay shut (foreign Origin, no token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WS, type LedgerEvent, type SyncResult } from '@gavel/shared';
import { collectEvents, connect, ledgerSeq, NORWAY, sendCommand, type SignedIn } from '../support/fixtures';
import { TestServer, waitFor } from '../support/server';

let server: TestServer;
let meetingId: string;
let secretariat: SignedIn;
let delegate: SignedIn;
let viewer: SignedIn;
const sockets: Socket[] = [];

async function open(token: string | undefined, options: Parameters<typeof connect>[1] = {}) {
  const socket = await connect(server.url, { token, ...options });
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  server = await TestServer.start();
  const created = await server.createMeeting();
  meetingId = created.meetingId;
  secretariat = await server.signIn(meetingId, created.secretariatCode, 'Secretariat officer');
  viewer = await server.signIn(meetingId, created.viewerCode, 'Public');
  const egypt = await secretariat.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '818' } });
  const code = await secretariat.command(meetingId, {
    type: 'access.issue',
    role: 'delegate',
    delegationId: egypt.body.events[0].payload.delegation.id,
  });
  delegate = await server.signIn(meetingId, code.body.issuedCodes[0].code, 'Delegate of Egypt');
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
});

const norwayIn = (events: LedgerEvent[]) =>
  events.find((e) => e.type === 'DelegationRegistered' && e.payload.delegation.m49 === NORWAY) as
    | Extract<LedgerEvent, { type: 'DelegationRegistered' }>
    | undefined;

describe('live updates', () => {
  it('sends every client in the meeting, and no one else, the events when the secretariat registers Norway', async () => {
    const delegateSocket = await open(delegate.token);
    const viewerSocket = await open(viewer.token);
    const elsewhere = await server.createMeeting();
    const outsider = await server.signIn(elsewhere.meetingId, elsewhere.viewerCode);
    const outsiderSocket = await open(outsider.token);
    const toDelegate = collectEvents(delegateSocket);
    const toViewer = collectEvents(viewerSocket);
    const toOutsider = collectEvents(outsiderSocket);

    const res = await secretariat.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: NORWAY } });
    expect(res.status).toBe(200);

    const seen = (await waitFor(() => norwayIn(toDelegate), 5_000, 'Norway at the delegate'))!;
    await waitFor(() => norwayIn(toViewer), 5_000, 'Norway at the viewer');
    expect(seen).toEqual(res.body.events[0]);
    expect(seen.payload.delegation.names).toMatchObject({ en: 'Norway', fr: 'Norvège', ar: 'النرويج', zh: '挪威' });
    expect(norwayIn(toViewer)).toEqual(seen);
    // Both received the same events, in ledger order, once.
    expect(toDelegate.map((e) => e.seq)).toEqual(res.body.events.map((e: LedgerEvent) => e.seq));
    expect(toViewer).toEqual(toDelegate);

    // A later event in this meeting arrives after, and the outsider has still heard nothing.
    await secretariat.command(meetingId, { type: 'meeting.update', changes: { venue: 'Geneva' } });
    await waitFor(() => toViewer.some((e) => e.type === 'MeetingDetailsChanged'), 5_000, 'the venue change');
    expect(toOutsider).toEqual([]);
  });

  it('gives a client the state and its session on sync', async () => {
    const socket = await open(delegate.token);
    const result: SyncResult = await socket.timeout(5_000).emitWithAck(WS.sync);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.session).toEqual(delegate.session);
    expect(result.state.seq).toBe(await ledgerSeq(server, meetingId));
    expect(Object.values(result.state.delegations).map((d) => d.names.en)).toContain('Egypt');
  });
});

describe('commands over socket.io', () => {
  it('runs a command and acknowledges it with the events, which every client also receives', async () => {
    const secretariatSocket = await open(secretariat.token);
    const viewerSocket = await open(viewer.token);
    const toViewer = collectEvents(viewerSocket);
    const before = await ledgerSeq(server, meetingId);

    const ack = await sendCommand(secretariatSocket, { type: 'delegation.register', delegation: { category: 'signatory', m49: '364' } });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.events).toHaveLength(1);
    expect(ack.events[0]).toMatchObject({
      type: 'DelegationRegistered',
      seq: before + 1,
      actor: { role: 'secretariat', name: 'Secretariat officer' },
      payload: { delegation: { m49: '364', names: { en: 'Iran (Islamic Republic of)' } } },
    });
    // Acknowledged means recorded.
    expect(await server.gavel.store.readEvents(meetingId, before)).toEqual(ack.events);
    await waitFor(() => toViewer.find((e) => e.seq === before + 1), 5_000, 'the broadcast');
  });

  it('acknowledges issued codes only to the one who issued them', async () => {
    const secretariatSocket = await open(secretariat.token);
    const viewerSocket = await open(viewer.token);
    const toViewer = collectEvents(viewerSocket);
    const ack = await sendCommand(secretariatSocket, { type: 'access.issue', role: 'chair', label: 'Vice-chair' });
    expect(ack.ok && ack.issuedCodes?.length).toBe(1);
    if (!ack.ok) return;
    const code = ack.issuedCodes![0].code;
    await waitFor(() => toViewer.find((e) => e.type === 'AccessCodeIssued'), 5_000, 'the broadcast');
    expect(JSON.stringify(toViewer)).not.toContain(code);
    expect((await server.signIn(meetingId, code, 'Vice-chair')).session.role).toBe('chair');
  });

  it('refuses a forbidden command over socket.io as over HTTP, writing nothing', async () => {
    const viewerSocket = await open(viewer.token);
    const delegateSocket = await open(delegate.token);
    const before = await ledgerSeq(server, meetingId);
    for (const socket of [viewerSocket, delegateSocket]) {
      const ack = await sendCommand(socket, { type: 'meeting.update', changes: { venue: 'Nairobi' } });
      expect(ack).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
    }
    expect(await ledgerSeq(server, meetingId)).toBe(before);
  });
});

describe('who may connect', () => {
  it('accepts the server’s own origin', async () => {
    const socket = await open(viewer.token, { origin: server.url });
    expect(socket.connected).toBe(true);
  });

  it('refuses a foreign Origin over WebSocket and over polling', async () => {
    await expect(open(viewer.token, { origin: 'https://evil.example' })).rejects.toThrow();
    await expect(open(viewer.token, { origin: 'https://evil.example', transports: ['polling'] })).rejects.toThrow();
    // Same host name, other port: another origin.
    const url = new URL(server.url);
    await expect(open(viewer.token, { origin: `http://${url.hostname}:${Number(url.port) + 1}` })).rejects.toThrow();
    await expect(open(viewer.token, { origin: 'null' })).rejects.toThrow();
  });

  it('accepts an origin allowed by configuration', async () => {
    const other = await TestServer.start({ config: { allowedOrigins: ['https://gavel.example'] } });
    try {
      const created = await other.createMeeting();
      const client = await other.signIn(created.meetingId, created.viewerCode);
      const socket = await connect(other.url, { token: client.token, origin: 'https://gavel.example' });
      expect(socket.connected).toBe(true);
      socket.close();
      await expect(connect(other.url, { token: client.token, origin: 'https://evil.example' })).rejects.toThrow();
    } finally {
      await other.stop();
    }
  });

  it('refuses a connection without a token, with a bad token, or with the admin token', async () => {
    await expect(open(undefined)).rejects.toThrow(/unauthenticated/);
    await expect(open('not-a-token')).rejects.toThrow(/unauthenticated/);
    await expect(open(server.gavel.adminToken)).rejects.toThrow(/unauthenticated/);
  });
});
