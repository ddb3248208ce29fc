/**
 * A whole agenda item, end to end: 30 delegations ask for the floor at once
 * from 30 socket.io clients; the chair, over HTTP, opens the meeting, adopts
 * the agenda, takes up the item and gives the floor in turn; the statements
 * log comes out in the order of the rules of procedure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WS, type Category, type LedgerEvent, type MeetingState, type SyncResult } from '@gavel/shared';
import { collectEvents, connect, sendCommand, type SignedIn } from '../support/fixtures';
import { TestServer, waitFor } from '../support/server';

const PARTIES = ['578', '818', '170', '840', '246', '250', '276', '616', '032', '036', '076', '124', '156', '392', '484', '566', '643', '710', '752', '756'];
const DELEGATIONS: { category: Category; m49?: string; en?: string }[] = [
  ...PARTIES.map((m49) => ({ category: 'state_party' as const, m49 })),
  { category: 'reio_party', en: 'European Union' },
  { category: 'signatory', m49: '364' },
  { category: 'signatory', m49: '356' },
  { category: 'signatory', m49: '360' },
  { category: 'observer_state', m49: '336' },
  { category: 'observer_state', m49: '702' },
  { category: 'observer_entity', m49: '275' },
  { category: 'un_body', en: 'United Nations Children’s Fund' },
  { category: 'igo', en: 'International Organization for Migration' },
  { category: 'ngo', en: 'La Strada International' },
];
/** The default rules of procedure, as ranks. */
const RANK: Record<Category, number> = {
  state_party: 0,
  reio_party: 0,
  signatory: 1,
  observer_state: 2,
  observer_entity: 3,
  un_body: 3,
  igo_observer: 3,
  igo: 3,
  other_entity: 4,
  ngo: 4,
};

let server: TestServer;
const sockets: Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
});

async function ok(res: Promise<{ status: number; body: any }>, what: string) {
  const r = await res;
  if (r.status !== 200 || !r.body?.ok) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.events as any[];
}

describe('chairing an item with 30 delegations', () => {
  let meetingId: string;
  let secretariat: SignedIn;
  let chair: SignedIn;
  let item: string;
  const delegates: { delegationId: string; category: Category; client: SignedIn; socket?: Socket }[] = [];

  beforeAll(async () => {
    server = await TestServer.start();
    const created = await server.createMeeting();
    meetingId = created.meetingId;
    secretariat = await server.signIn(meetingId, created.secretariatCode, 'Conference officer');
    const run = (command: Record<string, unknown>, what: string) => ok(secretariat.command(meetingId, command), what);

    const registered = await run(
      {
        type: 'delegation.registerMany',
        delegations: DELEGATIONS.map((d) => (d.m49 ? { category: d.category, m49: d.m49 } : { category: d.category, names: { en: d.en } })),
      },
      'register 30 delegations',
    );
    expect(registered).toHaveLength(30);
    await run({ type: 'agenda.addItem', title: 'Organizational matters', plannedDate: '2027-01-27' }, 'item 1');
    item = (await run(
      {
        type: 'agenda.addItem',
        title: 'Implementation of the Trafficking in Persons Protocol',
        plannedDate: '2027-01-27',
        documents: [{ symbol: 'CTOC/COP/WG.4/2027/2', title: 'Background paper prepared by the Secretariat' }],
      },
      'item 2',
    ))[0].payload.item.id;
    await run({ type: 'agenda.addItem', title: 'Adoption of the report' }, 'item 3');

    const chairCode = (await secretariat.command(meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' })).body.issuedCodes[0];
    chair = await server.signIn(meetingId, chairCode.code, 'Dominika Krois');
    for (const e of registered) {
      if (e.type !== 'DelegationRegistered') continue;
      const d = e.payload.delegation;
      const issued = await secretariat.command(meetingId, { type: 'access.issue', role: 'delegate', delegationId: d.id });
      const client = await server.signIn(meetingId, issued.body.issuedCodes[0].code, `Delegate of ${d.names.en}`);
      delegates.push({ delegationId: d.id, category: d.category, client });
    }
    await Promise.all(
      delegates.map(async (d) => {
        d.socket = await connect(server.url, { token: d.client.token });
        sockets.push(d.socket);
      }),
    );
  });

  const state = async (): Promise<MeetingState> => (await secretariat.request('GET', `/api/meetings/${meetingId}/state`)).body.state;

  it('replays the whole item and records the statements in the order of the rules', async () => {
    const viewer = await connect(server.url, { token: (await server.signIn(meetingId, (await viewerCode()).code, 'Room screen')).token });
    sockets.push(viewer);
    const screen = collectEvents(viewer);

    await ok(chair.command(meetingId, { type: 'meeting.open' }), 'open');
    await ok(chair.command(meetingId, { type: 'agenda.adopt' }), 'adopt');
    await ok(chair.command(meetingId, { type: 'agenda.takeUp', itemId: item }), 'take up');
    // The secretariat inscribes the panellist of the item.
    await ok(secretariat.command(meetingId, { type: 'speakers.request', itemId: item, kind: 'panellist', speakerName: 'Venla Roth' }), 'panellist');

    // All 30 delegations at once, each from its own socket, each for itself.
    const acks = await Promise.all(
      delegates.map((d, i) =>
        sendCommand(d.socket!, {
          type: 'speakers.request',
          itemId: item,
          ...(i === 1 ? { onBehalfOf: 'Group of 77 and China' } : {}),
        }),
      ),
    );
    for (const a of acks) expect(a.ok, JSON.stringify(a)).toBe(true);
    const seqOf = new Map(
      acks.map((a, i) => [delegates[i].delegationId, a.ok ? a.events[0].seq : -1]),
    );

    // The order the rules of procedure give: class, then order of request (ledger order).
    const expected = [...delegates]
      .sort((a, b) => RANK[a.category] - RANK[b.category] || seqOf.get(a.delegationId)! - seqOf.get(b.delegationId)!)
      .map((d) => d.delegationId);
    const before = await state();
    const queue = before.speakers.lists[item].queue.map((id) => before.speakers.entries[id]);
    expect(queue[0]).toMatchObject({ kind: 'panellist', speakerName: 'Venla Roth' });
    expect(queue.slice(1).map((e) => e.delegationId)).toEqual(expected);
    expect(queue.find((e) => e.delegationId === delegates[1].delegationId)!.onBehalfOf).toBe('Group of 77 and China');

    // A delegation can neither give itself the floor nor inscribe another.
    const own = queue.find((e) => e.delegationId === delegates[0].delegationId)!;
    const giveSelf = await sendCommand(delegates[0].socket!, { type: 'floor.give', entryId: own.id, expectedCurrent: null });
    expect(giveSelf).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const forOther = await delegates[0].client.command(meetingId, {
      type: 'speakers.request',
      itemId: item,
      delegationId: delegates[2].delegationId,
    });
    expect([forOther.status, forOther.body.error.code]).toEqual([403, 'forbidden']);

    // The chair calls each speaker in turn, as the console does: with who it shows on the floor.
    let onFloor: string | null = null;
    for (let turn = 0; turn <= queue.length; turn++) {
      const events = await ok(chair.command(meetingId, { type: 'speakers.next', itemId: item, expectedCurrent: onFloor }), `next ${turn}`);
      const given = events.find((e) => e.type === 'FloorGiven');
      const previous = onFloor;
      onFloor = given?.type === 'FloorGiven' ? given.payload.entryId : null;
      if (turn === 5) {
        // A second press of the same "next" (a double click) is refused and writes nothing.
        const again = await chair.command(meetingId, { type: 'speakers.next', itemId: item, expectedCurrent: previous });
        expect([again.status, again.body.error.code, again.body.error.details]).toEqual([409, 'invalid_state', { current: onFloor }]);
        // A client that reconnects gets the list and the clock as they are.
        const late = await connect(server.url, { token: delegates[29].client.token });
        sockets.push(late);
        const synced: SyncResult = await late.timeout(5_000).emitWithAck(WS.sync);
        expect(synced.ok).toBe(true);
        if (synced.ok) {
          expect(synced.state.floor).toMatchObject({ entryId: onFloor, itemId: item, allowedMs: 180_000, pausedAt: null });
          expect(synced.state.speakers.lists[item].queue).toHaveLength(queue.length - turn - 1);
          expect(Date.parse(synced.serverTime)).toBeGreaterThanOrEqual(Date.parse(synced.state.floor!.startedAt));
        }
      }
    }
    expect(onFloor).toBeNull();

    const after = await state();
    expect(after.floor).toBeNull();
    expect(after.speakers.lists[item].queue).toEqual([]);
    expect(after.statements).toHaveLength(31);
    expect(after.statements.map((s) => s.entryId)).toEqual(queue.map((e) => e.id));
    expect(after.statements[0]).toMatchObject({ capacity: 'panellist', speakerName: 'Venla Roth', delegationId: null });
    expect(after.statements.slice(1).map((s) => s.delegationId)).toEqual(expected);
    expect(after.statements.find((s) => s.delegationId === delegates[1].delegationId)!.onBehalfOf).toBe('Group of 77 and China');
    for (const s of after.statements) {
      expect(s).toMatchObject({ itemId: item, voided: false, corrections: [] });
      expect(s.durationMs).toBe(Date.parse(s.endedAt) - Date.parse(s.startedAt));
    }
    // Each statement ends when the next begins: the chair's "next" is one act.
    for (let i = 1; i < after.statements.length; i++) expect(after.statements[i].startedAt).toBe(after.statements[i - 1].endedAt);

    await ok(chair.command(meetingId, { type: 'agenda.close', itemId: item }), 'close');
    const last = (await ok(chair.command(meetingId, { type: 'agenda.takeUp', itemId: after.agenda.order[2] }), 'next item')).at(-1)!;
    // The room screen saw every event, in order, without asking.
    await waitFor(() => screen.at(-1)?.seq === last.seq, 10_000, 'the room screen to catch up');
    expect(screen.map((e) => e.seq)).toEqual(screen.map((_, i) => screen[0].seq + i));
    expect((await secretariat.request('GET', `/api/meetings/${meetingId}/ledger/verify`)).body).toMatchObject({ ok: true });
  });

  async function viewerCode() {
    const issued = await secretariat.command(meetingId, { type: 'access.issue', role: 'viewer', label: 'Room screen' });
    return issued.body.issuedCodes[0] as { code: string };
  }
});
