/**
 * The pen-holder types while the store refuses writes for a moment (a disk
 * full; on several nodes, a lease lost mid-typing): every keystroke in flight
 * is refused as `internal` (those that reach the server after it read the
 * text again from the store, without the refused ones, too: not as an
 * attack); the client asks to sync again once (not once per refusal: the
 * server disconnects a socket that floods it with sync requests); the server
 * answers that sync from the text as stored, not from a copy holding the
 * refused keystrokes (the client would then take them for stored); and once
 * the store takes writes again everything typed is stored, the connection
 * never cut.
 */
import { describe, expect, it } from 'vitest';
import { serverWithMeeting } from '../support/fixtures';
import { waitFor } from '../support/server';
import { meetingSocket, rootOf, serverText, SocketIoYjsProvider } from '../support/drafting';


const env = serverWithMeeting();

describe('keystrokes refused while the store refuses writes', () => {
  it('are sent again after one resync, without the socket being cut as a flood, and all stored', async () => {
    const socket = meetingSocket(env.server.url, env.meeting.secretariat.token!);
    const provider = new SocketIoYjsProvider(socket, 'recommendations', { presence: false });
    provider.connect();
    await provider.whenSynced();
    let disconnected = false;
    socket.on('disconnect', () => (disconnected = true));
    const refusals: string[] = [];
    provider.on('refused', (r) => refusals.push(r.reason));

    const store = env.server.gavel.store;
    const append = store.appendDocUpdates.bind(store);
    const type = (words: string) => {
      // Each keystroke its own update, sent at once.
      for (const c of words) rootOf(provider.doc).insert(rootOf(provider.doc).length, c);
    };
    const first = 'Keystrokes in flight, ';
    const second = 'and more sent before the refusal came back';
    let calls = 0;
    store.appendDocUpdates = () => {
      // The second half leaves the client while the server is failing the first: it reaches a copy read again
      // from the store, without the first half (a gap), and must not be taken for an attack.
      if (calls++ === 0) type(second);
      return Promise.reject(new Error('SQLITE_FULL: database or disk is full'));
    };
    const typed = first + second;
    try {
      type(first);
      await waitFor(() => (refusals.length >= typed.length ? refusals : undefined), 10_000, 'every keystroke refused');
    } finally {
      store.appendDocUpdates = append;
    }
    expect(new Set(refusals)).toEqual(new Set(['internal']));
    await provider.whenSaved();
    expect(disconnected).toBe(false);
    expect(await serverText(env.server, env.meeting.meetingId)).toContain(typed);
    provider.destroy();
    socket.close();
  });
});
