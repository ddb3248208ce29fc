/**
 * Offline and flaky networks: a pen-holder who loses the connection keeps
 * typing; on reconnection the edits merge with what others wrote meanwhile,
 * nothing lost and nothing doubled, including edits sent just before the
 * connection dropped and never acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupMeeting, type MeetingFixture, type SignedIn } from '../support/fixtures';
import { TestServer, waitFor } from '../support/server';
import { openDoc, rootOf, serverText, type DocClient } from '../support/drafting';

let server: TestServer;
let f: MeetingFixture;
let chair: SignedIn;
let viewer: SignedIn;
const clients: DocClient[] = [];

async function open(token: string) {
  const c = await openDoc(server.url, token);
  clients.push(c);
  return c;
}

/** How many times each token occurs in the text. */
function counts(text: string, tokens: string[]): Record<string, number> {
  return Object.fromEntries(tokens.map((t) => [t, text.split(t).length - 1]));
}
const once = (tokens: string[]) => Object.fromEntries(tokens.map((t) => [t, 1]));

async function converged(all: DocClient[], meetingId: string) {
  await waitFor(
    async () => all.every((c) => !c.provider.unsaved && c.provider.synced) && all.every((c) => c.text() === all[0].text()) && (await serverText(server, meetingId)) === all[0].text(),
    10_000,
    'clients and server to converge',
  );
}

beforeAll(async () => {
  server = await TestServer.start();
  f = await setupMeeting(server);
  chair = await server.signIn(f.meetingId, f.chairCode.code, 'Chair');
  viewer = await server.signIn(f.meetingId, f.viewerCode, 'Public');
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('a pen-holder offline', () => {
  it('keeps typing while disconnected; on reconnection everything merges once', async () => {
    const a = await open(f.secretariat.token!);
    const b = await open(chair.token!);
    const v = await open(viewer.token!);
    a.type('<a0>');
    await a.provider.whenSaved();

    a.socket.disconnect();
    await waitFor(() => a.provider.status === 'disconnected' || a.provider.status === 'connecting', 5_000, 'offline');
    // Offline: several edits, including one in the middle of the text and a deletion of its own.
    a.type('<a1>');
    a.type('<a2>');
    a.type('<aX>', 0);
    rootOf(a.doc).delete(0, '<aX>'.length);
    a.type('<a3>', 0);
    expect(a.provider.unsaved).toBe(true);
    // Meanwhile the chair writes online.
    b.type('<b1>');
    await b.provider.whenSaved();
    await waitFor(() => v.text().includes('<b1>'), 5_000, 'the viewer to see the chair');
    expect(v.text()).not.toContain('<a1>');

    a.socket.connect();
    await converged([a, b, v], f.meetingId);
    const text = a.text();
    expect(counts(text, ['<a0>', '<a1>', '<a2>', '<a3>', '<b1>'])).toEqual(once(['<a0>', '<a1>', '<a2>', '<a3>', '<b1>']));
    expect(text).not.toContain('<aX>');
    expect(text.startsWith('<a3>')).toBe(true);
  });

  it('resends edits that were in flight when the connection dropped, without doubling those that arrived', async () => {
    const a = await open(f.secretariat.token!);
    const v = await open(viewer.token!);
    const tokens: string[] = [];
    for (let round = 0; round < 5; round++) {
      // Type, and drop the connection at once: the update may or may not have reached the server.
      const t = `<r${round}>`;
      tokens.push(t);
      a.type(t);
      a.socket.io.engine.close();
      const u = `<u${round}>`;
      tokens.push(u);
      a.type(u); // offline
      await waitFor(() => a.provider.synced, 5_000, 'reconnected and synced');
    }
    await converged([a, v], f.meetingId);
    expect(counts(a.text(), tokens)).toEqual(once(tokens));
  });

  it('merges two pen-holders who were both offline', async () => {
    const a = await open(f.secretariat.token!);
    const b = await open(chair.token!);
    const v = await open(viewer.token!);
    a.socket.disconnect();
    b.socket.disconnect();
    const tokens = ['<x1>', '<y1>', '<x2>', '<y2>'];
    a.type('<x1>');
    b.type('<y1>');
    a.type('<x2>', 0);
    b.type('<y2>', 0);
    b.socket.connect();
    a.socket.connect();
    await converged([a, b, v], f.meetingId);
    expect(counts(v.text(), tokens)).toEqual(once(tokens));
  });
});
