/**
 * Checkpoints: the server writes the document's whole state every so many
 * updates and when it goes quiet, keeps every update beside them (history),
 * and loads a document with a long history from the latest checkpoint plus
 * the few updates after it.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocService } from '@gavel/server/docs/service';
import { setupMeeting, type MeetingFixture } from '../support/fixtures';
import * as Y from 'yjs';
import { TestServer, tempDir, waitFor } from '../support/server';
import { openDoc, rootOf, serverText, textOf } from '../support/drafting';

const EVERY = 100;
const dataDir = tempDir('gavel-compaction-');
let server: TestServer;
let f: MeetingFixture;
const SECRETARIAT = { role: 'secretariat' as const, name: 'Officer', codeId: 'c_officer0001' };

beforeAll(async () => {
  server = await TestServer.start({ dataDir, docs: { checkpointEvery: EVERY, checkpointIdleMs: 100 } });
  f = await setupMeeting(server);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const token = (i: number) => `<${i}>`;

describe('checkpoints of a long history', () => {
  it('are written every so many updates and when the document goes quiet, and keep every update', async () => {
    const writer = await openDoc(server.url, f.secretariat.token!);
    for (let i = 0; i < 150; i++) writer.type(token(i));
    await writer.provider.whenSaved();
    // A long history more: 3,000 edits by the server's own hand (as an import would make), all at once.
    await Promise.all(
      Array.from({ length: 3_000 }, (_, k) =>
        server.gavel.docs.change(f.meetingId, 'recommendations', SECRETARIAT, (doc) => rootOf(doc).insert(rootOf(doc).length, token(150 + k))),
      ),
    );
    const store = server.gavel.store;
    const last = (await store.docHead(f.meetingId, 'recommendations')).seq;
    expect(last).toBeGreaterThanOrEqual(3_001);
    // Quiet now: a checkpoint at the last update follows.
    await waitFor(async () => (await store.readDocSnapshot(f.meetingId, 'recommendations'))?.seq === last, 5_000, 'the idle checkpoint');
    const checkpoints = await store.listDocSnapshots(f.meetingId, 'recommendations');
    // One after the typed updates passed the threshold, one after the burst (stored in one group commit), …
    expect(checkpoints.length).toBeGreaterThanOrEqual(2);
    expect(checkpoints.length).toBeLessThanOrEqual(Math.ceil(last / EVERY) + 1);
    expect(checkpoints.map((c) => c.seq)).toEqual([...checkpoints.map((c) => c.seq)].sort((x, y) => x - y));
    // Every update is still there: the history is complete.
    expect((await store.readDocUpdates(f.meetingId, 'recommendations')).length).toBe(last);
    writer.close();
  });

  it('rebuild the text at any earlier point, with who wrote each update', async () => {
    const docs = server.gavel.docs;
    const final = await serverText(server, f.meetingId);
    const all = await docs.updates(f.meetingId, 'recommendations');
    let previous = -1;
    for (const seq of [57, 150, 151, 1_000, 2_345, all.length]) {
      const text = textOf(await docs.docAt(f.meetingId, 'recommendations', seq));
      // From a checkpoint and the updates after it, as from every update since the first.
      const replayed = new Y.Doc();
      for (const u of all.slice(0, seq)) Y.applyUpdate(replayed, u.update);
      expect(text).toBe(textOf(replayed));
      expect(final.startsWith(text)).toBe(true);
      expect(text.length).toBeGreaterThan(previous);
      previous = text.length;
    }
    // Who wrote what: the pen-holder's keystrokes, then the server's edits on the officer's behalf.
    const typed = all.filter((u) => u.actor.codeId === f.secretariat.session.codeId);
    expect(typed.length).toBeGreaterThan(0);
    expect(all.at(-1)!.actor).toEqual(SECRETARIAT);
  });

  it('make loading quick: a fresh server reads the latest checkpoint and the few updates after it', async () => {
    const expected = await serverText(server, f.meetingId);
    // Some updates after the last checkpoint, below the threshold of the next.
    for (let i = 0; i < EVERY / 2; i++) {
      await server.gavel.docs.change(f.meetingId, 'recommendations', SECRETARIAT, (doc) => rootOf(doc).insert(0, '.'));
    }
    const withTail = await serverText(server, f.meetingId);
    expect(withTail).toBe('.'.repeat(EVERY / 2) + expected);

    // A second service on the same store, as a restarted server would be (before any idle checkpoint).
    const fresh = new DocService(server.gavel.store, server.gavel.meetings, server.gavel.app.log, { checkpointEvery: EVERY });
    const text = await fresh.read(f.meetingId, 'recommendations', (doc) => textOf(doc));
    expect(text).toBe(withTail);
    const { loadedFrom } = fresh.status(f.meetingId, 'recommendations')!;
    expect(loadedFrom.checkpointSeq).toBeGreaterThan(3_000);
    expect(loadedFrom.updates).toBeLessThan(EVERY);
    expect(loadedFrom.ms).toBeLessThan(500);
    await fresh.close();
  });

  it('survive a restart: the text comes back whole', async () => {
    const expected = await serverText(server, f.meetingId);
    await server.stop();
    server = await TestServer.start({ dataDir, docs: { checkpointEvery: EVERY } });
    const reader = await openDoc(server.url, (await server.signIn(f.meetingId, f.viewerCode, 'Public')).token!);
    expect(reader.text()).toBe(expected);
    // Closing wrote a checkpoint of everything: nothing left to replay.
    expect(server.gavel.docs.status(f.meetingId, 'recommendations')!.loadedFrom.updates).toBe(0);
    reader.close();
  });
});
