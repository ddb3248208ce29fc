/**
 * Hostile input on the collaborative texts: oversized messages, malformed
 * bytes, unknown document names, documents the session may not see, updates
 * that would leave the document waiting or forge another writer's client id,
 * floods. Each time the server stays up, the text is unchanged, the offender
 * is disconnected and the event logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { MAX_DOC_MESSAGE_BYTES, Y_SYNC, YWS } from '@gavel/shared';
import { setupMeeting, type MeetingFixture, type SignedIn } from '../support/fixtures';
import { TestServer, waitFor } from '../support/server';
import {
  awarenessMessage,
  connected,
  craftUpdate,
  disconnection,
  incidents,
  joinDoc,
  meetingSocket,
  openDoc,
  sendRaw,
  serverText,
  syncMessage,
  updateMessage,
  type DocClient,
} from '../support/drafting';

let server: TestServer;
let f: MeetingFixture;
let chair: SignedIn;
let delegate: SignedIn;
let viewer: SignedIn;
let logged: ReturnType<typeof incidents>;
let pen: DocClient;
const sockets: Socket[] = [];
const TEXT = '6. The Working Group recommended that States parties consider ratifying the Protocol.';

async function raw(token: string): Promise<Socket> {
  const socket = meetingSocket(server.url, token, { reconnection: false });
  sockets.push(socket);
  return connected(socket);
}

/** Runs an attack on a fresh socket; expects it disconnected, logged with `reason`, and the text unchanged. */
async function expectRepelled(token: string, reason: string, attack: (socket: Socket) => Promise<unknown> | void) {
  const before = await serverText(server, f.meetingId);
  const storedBefore = (await server.gavel.store.readDocUpdates(f.meetingId, 'recommendations')).length;
  const count = logged.length;
  const socket = await raw(token);
  const gone = disconnection(socket);
  await attack(socket);
  await gone;
  await waitFor(() => logged.length > count, 5_000, 'the incident to be logged');
  expect(logged.slice(count)).toContainEqual(expect.objectContaining({ action: 'disconnected', reason }));
  expect(await serverText(server, f.meetingId)).toBe(before);
  expect((await server.gavel.store.readDocUpdates(f.meetingId, 'recommendations')).length).toBe(storedBefore);
  // The server is still up and serving.
  const res = await server.anonymous().request('GET', '/health');
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  server = await TestServer.start();
  logged = incidents(server);
  f = await setupMeeting(server);
  chair = await server.signIn(f.meetingId, f.chairCode.code, 'Chair');
  delegate = await server.signIn(f.meetingId, f.own.code.code, 'Delegate of Norway');
  viewer = await server.signIn(f.meetingId, f.viewerCode, 'Public');
  pen = await openDoc(server.url, chair.token!);
  pen.type(TEXT);
  await pen.provider.whenSaved();
});
afterAll(async () => {
  pen.close();
  for (const s of sockets) s.close();
  await server.stop();
});

const stateNow = () => server.gavel.docs.read(f.meetingId, 'recommendations', (d) => Y.encodeStateAsUpdate(d));

describe('hostile input on the drafting text', () => {
  it('an oversized message, even from the pen-holder', async () => {
    await expectRepelled(chair.token!, 'oversized', async (s) => {
      await joinDoc(s, 'recommendations');
      const big = craftUpdate(await stateNow(), 'x'.repeat(MAX_DOC_MESSAGE_BYTES));
      await sendRaw(s, 'recommendations', updateMessage(big));
    });
  });

  it('a frame beyond what the socket accepts at all', async () => {
    const before = await serverText(server, f.meetingId);
    const s = await raw(chair.token!);
    await joinDoc(s, 'recommendations');
    const gone = disconnection(s);
    s.emit(YWS.msg, 'recommendations', new Uint8Array(2 * 1024 * 1024).buffer);
    await gone;
    expect(await serverText(server, f.meetingId)).toBe(before);
  });

  it('bytes that are not a y-protocols message', async () => {
    await expectRepelled(chair.token!, 'malformed', async (s) => {
      await joinDoc(s, 'recommendations');
      await sendRaw(s, 'recommendations', Uint8Array.from([9, 9, 9, 9]));
    });
    await expectRepelled(chair.token!, 'malformed', async (s) => {
      await joinDoc(s, 'recommendations');
      await sendRaw(s, 'recommendations', 'not even binary');
    });
  });

  it('an update whose bytes do not decode', async () => {
    await expectRepelled(chair.token!, 'invalid_update', async (s) => {
      await joinDoc(s, 'recommendations');
      const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) % 256);
      await sendRaw(s, 'recommendations', syncMessage(Y_SYNC.update, garbage));
    });
  });

  it('an update that builds on text the server never had (it would wait forever)', async () => {
    await expectRepelled(chair.token!, 'invalid_update', async (s) => {
      await joinDoc(s, 'recommendations');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await stateNow());
      doc.get('root', Y.XmlText).insert(0, 'A');
      const afterA = Y.encodeStateVector(doc);
      doc.get('root', Y.XmlText).insert(1, 'B');
      await sendRaw(s, 'recommendations', updateMessage(Y.encodeStateAsUpdate(doc, afterA)));
    });
  });

  it("an update written under another writer's client id", async () => {
    await expectRepelled(f.secretariat.token!, 'invalid_update', async (s) => {
      await joinDoc(s, 'recommendations');
      // The chair's client id, continuing its clock: would overwrite what the chair types next.
      await sendRaw(s, 'recommendations', updateMessage(craftUpdate(await stateNow(), ' forged', pen.doc.clientID)));
    });
    // The chair goes on typing undisturbed.
    pen.type(' Undisturbed.');
    await pen.provider.whenSaved();
    expect(await serverText(server, f.meetingId)).toBe(`${TEXT} Undisturbed.`);
  });

  it('a state vector that does not decode', async () => {
    await expectRepelled(viewer.token!, 'malformed', async (s) => {
      await joinDoc(s, 'recommendations');
      await sendRaw(s, 'recommendations', syncMessage(Y_SYNC.step1, Uint8Array.from([200, 200, 200])));
    });
  });

  it('unknown document names, to join or to write', async () => {
    for (const name of ['minutes', '../recommendations', `${f.meetingId}:recommendations`, { $gt: '' }, 'x'.repeat(5000)]) {
      await expectRepelled(chair.token!, 'unknown_document', async (s) => {
        const joined = await joinDoc(s, name).catch(() => undefined);
        expect(joined?.ok).not.toBe(true);
      });
    }
    await expectRepelled(chair.token!, 'unknown_document', async (s) => {
      await sendRaw(s, 'introductions', updateMessage(craftUpdate(undefined, 'x')));
    });
  });

  it('a document the session may not see (an amendment draft), to join or to write', async () => {
    await expectRepelled(delegate.token!, 'forbidden_document', async (s) => {
      const joined = await joinDoc(s, 'amendment:am_abcdef123456');
      expect(joined).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    });
    await expectRepelled(delegate.token!, 'forbidden_document', async (s) => {
      await sendRaw(s, 'amendment:am_abcdef123456', updateMessage(craftUpdate(undefined, 'x')));
    });
  });

  it("a document of another meeting cannot even be named: the same name is the session's own meeting", async () => {
    const elsewhere = await server.createMeeting();
    const outsider = await server.signIn(elsewhere.meetingId, elsewhere.secretariatCode, 'Outsider');
    const c = await openDoc(server.url, outsider.token!);
    expect(c.text()).toBe('');
    c.type('Other meeting');
    await c.provider.whenSaved();
    expect(await serverText(server, f.meetingId)).not.toContain('Other meeting');
    expect(await serverText(server, elsewhere.meetingId)).toBe('Other meeting');
    c.close();
  });

  it('a flood of presence messages', async () => {
    await expectRepelled(chair.token!, 'awareness_flood', async (s) => {
      await joinDoc(s, 'recommendations');
      for (let i = 1; i <= 200 && s.connected; i++) {
        s.emit(YWS.msg, 'recommendations', awarenessMessage([{ clientId: 31337, clock: i, state: { name: 'spam', i } }]));
      }
    });
  });

  it('a flood of messages from a reader', async () => {
    await expectRepelled(viewer.token!, 'flood', async (s) => {
      await joinDoc(s, 'recommendations');
      const step1 = syncMessage(Y_SYNC.step1, Y.encodeStateVector(new Y.Doc()));
      for (let i = 0; i < 1_000 && s.connected; i++) s.emit(YWS.msg, 'recommendations', step1);
    });
  });

  it('leaves the text as the pen-holder wrote it, for everyone', async () => {
    const reader = await openDoc(server.url, viewer.token!);
    expect(reader.text()).toBe(`${TEXT} Undisturbed.`);
    reader.close();
  });
});
