/**
 * Who may write the negotiated text, decided by the server at every update:
 * the pen. A delegate's crafted update is refused (the text unchanged, the
 * socket disconnected, the event logged); handed the pen, the delegate
 * writes; taken back, refused again. Readers see every keystroke; presence
 * shows the server's names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { YWS } from '@gavel/shared';
import { setupMeeting, type MeetingFixture, type SignedIn } from '../support/fixtures';
import { TestServer, waitFor } from '../support/server';
import {
  awarenessMessage,
  awarenessStates,
  collectDocMessages,
  connected,
  craftUpdate,
  disconnection,
  incidents,
  joinDoc,
  meetingSocket,
  openDoc,
  sendRaw,
  serverText,
  SocketIoYjsProvider,
  textOf,
  updateMessage,
  type DocClient,
} from '../support/drafting';

let server: TestServer;
let f: MeetingFixture;
let chair: SignedIn;
let delegate: SignedIn;
let viewer: SignedIn;
const logged = () => incidentsList;
let incidentsList: ReturnType<typeof incidents>;
const clients: DocClient[] = [];
const sockets: Socket[] = [];

async function open(token: string, options: Parameters<typeof openDoc>[3] = {}) {
  const c = await openDoc(server.url, token, 'recommendations', options);
  clients.push(c);
  return c;
}
async function rawSocket(token: string) {
  const socket = meetingSocket(server.url, token, { reconnection: false });
  sockets.push(socket);
  return connected(socket);
}
const pen = (command: Record<string, unknown>) => f.secretariat.command(f.meetingId, command);

beforeAll(async () => {
  server = await TestServer.start();
  incidentsList = incidents(server);
  f = await setupMeeting(server);
  chair = await server.signIn(f.meetingId, f.chairCode.code, 'Dominika Krois');
  delegate = await server.signIn(f.meetingId, f.own.code.code, 'Kari Nordmann');
  viewer = await server.signIn(f.meetingId, f.viewerCode, 'Member of the public');
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of sockets) s.close();
  await server.stop();
});

describe('the pen on the draft recommendations', () => {
  it('lets the chair and the secretariat write, everyone else read every keystroke, each stored before it is acknowledged', async () => {
    const secretariat = await open(f.secretariat.token!);
    const chairClient = await open(chair.token!);
    const delegateClient = await open(delegate.token!);
    const viewerClient = await open(viewer.token!);
    expect([secretariat, chairClient, delegateClient, viewerClient].map((c) => c.provider.canWrite)).toEqual([true, true, false, false]);

    secretariat.type('1. Recommends that States parties ');
    await secretariat.provider.whenSaved();
    // Acknowledged means stored.
    const stored = await server.gavel.store.readDocUpdates(f.meetingId, 'recommendations');
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.at(-1)!.actor).toMatchObject({ role: 'secretariat', codeId: f.secretariat.session.codeId });
    chairClient.type('consider ratifying the Protocol.');
    await chairClient.provider.whenSaved();

    const all = [secretariat, chairClient, delegateClient, viewerClient];
    await waitFor(() => all.every((c) => c.text() === all[0].text()), 5_000, 'everyone to see the same text');
    expect(secretariat.text()).toContain('Recommends that States parties');
    expect(secretariat.text()).toContain('consider ratifying the Protocol.');
    expect(await serverText(server, f.meetingId)).toBe(secretariat.text());
  });

  it("refuses a delegate's crafted update: the text is unchanged, the delegate disconnected, the event logged", async () => {
    const before = await serverText(server, f.meetingId);
    const storedBefore = (await server.gavel.store.readDocUpdates(f.meetingId, 'recommendations')).length;
    const socket = await rawSocket(delegate.token!);
    const seen = collectDocMessages(socket, 'recommendations');
    const joined = await joinDoc(socket, 'recommendations');
    expect(joined).toEqual({ ok: true, canWrite: false });
    const base = await server.gavel.docs.read(f.meetingId, 'recommendations', (d) => Y.encodeStateAsUpdate(d));
    const gone = disconnection(socket);

    const ack = await sendRaw(socket, 'recommendations', updateMessage(craftUpdate(base, ' Delete paragraph 50.')));

    expect(ack === undefined || (ack.ok === false && ack.error.code === 'forbidden')).toBe(true);
    await gone;
    expect(seen.refused).toEqual([expect.objectContaining({ reason: 'forbidden' })]);
    expect(await serverText(server, f.meetingId)).toBe(before);
    expect((await server.gavel.store.readDocUpdates(f.meetingId, 'recommendations')).length).toBe(storedBefore);
    expect(logged()).toContainEqual(
      expect.objectContaining({ meetingId: f.meetingId, docName: 'recommendations', action: 'disconnected', reason: 'forbidden' }),
    );
    expect(logged().at(-1)!.actor).toMatchObject({ role: 'delegate', codeId: f.own.code.codeId });
  });

  it('moves with the pen: handed to the delegate, the delegate writes and the chair is refused; taken back, the reverse', async () => {
    const chairClient = await open(chair.token!);
    const delegateClient = await open(delegate.token!);
    const viewerClient = await open(viewer.token!);
    expect(delegateClient.provider.canWrite).toBe(false);

    const handed = await pen({ type: 'pen.hand', codeId: f.own.code.codeId });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    await waitFor(() => delegateClient.provider.canWrite && !chairClient.provider.canWrite, 5_000, 'doc:writable to both');

    delegateClient.type(' [Facilitator: text agreed ad referendum.]');
    await delegateClient.provider.whenSaved();
    await waitFor(() => viewerClient.text().includes('agreed ad referendum'), 5_000, 'the viewer to see the facilitator');
    const updates = await server.gavel.store.readDocUpdates(f.meetingId, 'recommendations');
    expect(updates.at(-1)!.actor).toMatchObject({ role: 'delegate', codeId: f.own.code.codeId, name: 'Kari Nordmann' });

    // The chair just lost the pen: its next keystroke is refused, but it is not treated as an attack.
    const before = await serverText(server, f.meetingId);
    chairClient.provider['canWrite'] = true; // as if doc:writable(false) had not arrived yet
    chairClient.provider['pushPending'] = false;
    chairClient.type(' CHAIR-TYPED');
    await waitFor(() => chairClient.refusals.length > 0, 5_000, 'a refusal');
    expect(chairClient.refusals[0]).toMatchObject({ reason: 'forbidden' });
    expect(chairClient.provider.diverged).toBe(true);
    expect(chairClient.socket.connected).toBe(true);
    expect(await serverText(server, f.meetingId)).toBe(before);

    const back = await pen({ type: 'pen.takeBack' });
    expect(back.status).toBe(200);
    await waitFor(() => !delegateClient.provider.canWrite, 5_000, 'the delegate to lose the pen');
    // A fresh chair client (the old one diverged) writes again.
    const chairAgain = await open(chair.token!);
    expect(chairAgain.provider.canWrite).toBe(true);
    chairAgain.type(' Chair again.');
    await chairAgain.provider.whenSaved();
    await waitFor(() => viewerClient.text().endsWith(' Chair again.'), 5_000, 'the viewer to see the chair');
    expect(viewerClient.text()).not.toContain('CHAIR-TYPED');
  });

  it('takes the pen back by itself when the holder code is revoked', async () => {
    await pen({ type: 'pen.hand', codeId: f.other.spareCode.codeId });
    const revoke = await pen({ type: 'access.revoke', codeId: f.other.spareCode.codeId });
    expect(revoke.body.events.map((e: { type: string }) => e.type)).toEqual(['PenTakenBack', 'AccessCodeRevoked']);
    const state = await server.gavel.meetings.state(f.meetingId);
    expect(state!.pen.holder).toBeNull();
  });
});

describe('presence', () => {
  it("shows writers by the server's names, whatever they claim, and relays nothing from readers", async () => {
    const watcher = await rawSocket(viewer.token!);
    const seen = collectDocMessages(watcher, 'recommendations');
    await joinDoc(watcher, 'recommendations');

    const writer = await rawSocket(chair.token!);
    expect(await joinDoc(writer, 'recommendations')).toEqual({ ok: true, canWrite: true });
    writer.emit(
      YWS.msg,
      'recommendations',
      awarenessMessage([
        { clientId: 4242, clock: 1, state: { name: 'The Secretary-General', color: 'red;background:url(x)', user: { role: 'secretariat' }, anchorPos: null } },
      ]),
    );
    const reader = await rawSocket(delegate.token!);
    await joinDoc(reader, 'recommendations');
    reader.emit(YWS.msg, 'recommendations', awarenessMessage([{ clientId: 777, clock: 1, state: { name: 'Norway (pretending)' } }]));

    await waitFor(() => seen.received.some((m) => m.type === 'awareness'), 5_000, 'presence');
    const states = seen.received.filter((m) => m.type === 'awareness').flatMap((m) => awarenessStates(m.payload));
    expect(states).toHaveLength(1);
    expect(states[0].clientId).toBe(4242);
    expect(states[0].state).toMatchObject({
      name: 'Dominika Krois (Chair)',
      user: { name: 'Dominika Krois', role: 'chair' },
      anchorPos: null,
    });
    expect(states[0].state.color).toMatch(/^#[0-9a-f]{6}$/);

    // A newcomer gets the writers' presence at once; when the writer leaves, it goes.
    const late = await rawSocket(viewer.token!);
    const lateSeen = collectDocMessages(late, 'recommendations');
    await joinDoc(late, 'recommendations');
    await waitFor(() => lateSeen.received.some((m) => m.type === 'awareness'), 5_000, 'presence on join');
    writer.close();
    await waitFor(
      () => lateSeen.received.filter((m) => m.type === 'awareness').flatMap((m) => awarenessStates(m.payload)).some((s) => s.state === null),
      5_000,
      'presence removed',
    );
  });

  it('lets nobody publish presence under the client id of someone else', async () => {
    const socket = meetingSocket(server.url, f.secretariat.token!);
    sockets.push(socket);
    const provider = new SocketIoYjsProvider(socket, 'recommendations', { presence: true, presenceIntervalMs: 10 });
    provider.connect();
    provider.awareness.setLocalState({ name: 'x', color: '#123456', focusing: true, anchorPos: null, focusPos: null, awarenessData: {} });
    await provider.whenSynced();
    const watcher = await rawSocket(viewer.token!);
    const seen = collectDocMessages(watcher, 'recommendations');
    await joinDoc(watcher, 'recommendations');
    await waitFor(
      () => seen.received.filter((m) => m.type === 'awareness').flatMap((m) => awarenessStates(m.payload)).some((s) => s.clientId === provider.doc.clientID),
      5_000,
      'the provider presence',
    );
    const mine = provider.doc.clientID;

    // The chair tries to publish under the secretariat's client id: disconnected.
    const intruder = await rawSocket(chair.token!);
    await joinDoc(intruder, 'recommendations');
    const gone = disconnection(intruder);
    intruder.emit(YWS.msg, 'recommendations', awarenessMessage([{ clientId: mine, clock: 99, state: null }]));
    await gone;
    expect(logged().at(-1)).toMatchObject({ action: 'disconnected', reason: 'awareness_spoof' });
    provider.destroy();
  });
});

describe('update guards (the hook for rules of the text)', () => {
  it('run before the update touches the live document; a refusal is reported, later keystrokes dropped quietly, nobody disconnected', async () => {
    const seenByGuard: string[] = [];
    const remove = server.gavel.docs.addGuard(({ doc, update, actor }) => {
      seenByGuard.push(textOf(doc));
      // The rule: no one may type the word "veto". The guard sees the text as it would be after the update.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(copy, update);
      return textOf(copy).includes('veto') ? `${actor.name} may not type that word` : null;
    });
    try {
      const writer = await open(f.secretariat.token!);
      const reader = await open(viewer.token!);
      writer.type(' fine');
      await writer.provider.whenSaved();
      const before = await serverText(server, f.meetingId);
      const count = logged().length;
      // One update with the word, and more right behind it, in flight, building on it.
      writer.type(' veto');
      writer.type(' and');
      writer.type(' more');
      await waitFor(() => writer.refusals.length > 0, 5_000, 'the refusal');
      expect(writer.refusals).toEqual([expect.objectContaining({ reason: 'guard', message: 'Secretariat officer may not type that word' })]);
      expect(writer.provider.diverged).toBe(true);
      expect(writer.socket.connected).toBe(true);
      expect(await serverText(server, f.meetingId)).toBe(before);
      expect(seenByGuard.every((t) => !t.includes('veto'))).toBe(true);
      expect(logged().slice(count)).toEqual([expect.objectContaining({ action: 'refused', reason: 'guard' })]);
      // A fresh copy writes again (a new provider on the same connection, joining again right away).
      const again = await openDoc(server.url, f.secretariat.token!, 'recommendations', { socket: writer.socket });
      clients.push(again);
      expect(again.text()).toBe(before);
      again.type(' resumed');
      await again.provider.whenSaved();
      await waitFor(() => reader.text().endsWith(' resumed'), 5_000, 'the reader to see it');
      expect(reader.text()).not.toContain('veto');
    } finally {
      remove();
    }
  });

  it('drop, without disconnecting, the keystrokes already on their way when a rejoin starts afresh', async () => {
    const remove = server.gavel.docs.addGuard(({ doc, update }) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      Y.applyUpdate(copy, update);
      return textOf(copy).includes('veto') ? 'no veto' : null;
    });
    try {
      const writer = await open(f.secretariat.token!);
      const count = logged().length;
      writer.type(' veto');
      writer.type(' in flight');
      // Remount at once, before the refusal arrives: the join follows the two updates on the wire.
      const fresh = new SocketIoYjsProvider(writer.socket, 'recommendations', { ackTimeoutMs: 3_000 });
      fresh.connect();
      await fresh.whenSynced();
      fresh.doc.get('root', Y.XmlText).insert(0, 'Fresh. ');
      await fresh.whenSaved();
      expect(writer.socket.connected).toBe(true);
      expect(logged().slice(count).filter((i) => i.action === 'disconnected')).toEqual([]);
      expect(await serverText(server, f.meetingId)).toContain('Fresh. ');
      expect(await serverText(server, f.meetingId)).not.toContain('in flight');
      fresh.destroy();
    } finally {
      remove();
    }
  });
});
