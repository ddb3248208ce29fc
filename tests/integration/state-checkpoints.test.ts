/**
 * The meeting's state is loaded from a signed checkpoint and the events
 * after it: what a restarted server holds equals a replay of the whole
 * ledger, whichever event the checkpoint fell on; and a client that
 * reconnects resumes from the last seq it has (the events since), not the
 * whole state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { evolve, initialState, WS, type MeetingState, type ResumeResult } from '@gavel/shared';
import { connect } from '../support/fixtures';
import { ok, setupNegotiation } from '../support/negotiation';
import { TestServer, tempDir } from '../support/server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** A replay of the whole ledger, as the first version of Gavel loaded a meeting. */
async function replayed(s: TestServer, meetingId: string): Promise<MeetingState> {
  const events = await s.gavel.store.readEvents(meetingId);
  return events.slice(1).reduce(evolve, initialState(events[0]));
}

describe('state checkpoints', () => {
  it('give, after a restart, the state a replay of every event gives, wherever the checkpoint fell', async () => {
    const dataDir = tempDir('gavel-state-cp-');
    // A checkpoint every 7 events: the meeting's history crosses several, at odd places.
    server = await TestServer.start({ dataDir, meetings: { checkpointEvery: 7 } });
    const f = await setupNegotiation(server);
    const item = await ok(f.secretariat.command(f.meetingId, { type: 'agenda.addItem', title: 'Implementation' }));
    const itemId = (item[0].payload as { item: { id: string } }).item.id;
    await ok(f.chair.command(f.meetingId, { type: 'meeting.open' }));
    await ok(f.chair.command(f.meetingId, { type: 'agenda.adopt' }));
    await ok(f.chair.command(f.meetingId, { type: 'agenda.takeUp', itemId }));
    for (const party of [f.norway, f.egypt, f.pakistan, f.iran, f.germany]) {
      const asked = await ok(party.client.command(f.meetingId, { type: 'speakers.request', itemId }));
      if (party === f.iran) await ok(party.client.command(f.meetingId, { type: 'speakers.withdraw', entryId: (asked[0].payload as { entry: { id: string } }).entry.id }));
    }
    await ok(f.chair.command(f.meetingId, { type: 'adoption.decide', doc: 'recommendations', paragraphIds: [f.p[2]], outcome: 'agreed_ad_ref' }));
    const live = await server.gavel.meetings.state(f.meetingId);
    const checkpoint = await server.gavel.store.readStateCheckpoint(f.meetingId);
    expect(checkpoint!.seq).toBeGreaterThan(7);
    expect(checkpoint!.seq).toBeLessThanOrEqual(live!.seq);
    await server.stop();

    server = await TestServer.start({ dataDir, meetings: { checkpointEvery: 7 } });
    const loaded = await server.gavel.meetings.state(f.meetingId);
    expect(loaded).toEqual(await replayed(server, f.meetingId));
    expect(loaded).toEqual(live);
  });
});

describe('resuming from a seq', () => {
  it('gives a reconnecting client the events after the seq it has, with the signed head; too far behind, it says so', async () => {
    server = await TestServer.start();
    const { meetingId, secretariatCode } = await server.createMeeting();
    const secretariat = await server.signIn(meetingId, secretariatCode, 'Officer');
    const had = (await server.gavel.meetings.state(meetingId))!.seq;
    await ok(secretariat.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '578' } }));
    await ok(secretariat.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49: '818' } }));
    const socket = await connect(server.url, { token: secretariat.token });
    try {
      const resumed: ResumeResult = await socket.timeout(5_000).emitWithAck(WS.resume, had);
      expect(resumed.ok).toBe(true);
      if (!resumed.ok) return;
      expect(resumed.events.map((e) => e.seq)).toEqual([had + 1, had + 2]);
      expect(resumed).not.toHaveProperty('state');
      expect(resumed.head?.head.ledger.seq).toBe(had + 2);
      const ahead: ResumeResult = await socket.timeout(5_000).emitWithAck(WS.resume, had + 50);
      expect(ahead).toMatchObject({ ok: false, behind: true });
      const invalid = await socket.timeout(5_000).emitWithAck(WS.resume, -1 as number);
      expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    } finally {
      socket.disconnect();
    }
  });
});
