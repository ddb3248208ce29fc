/**
 * A text's checkpoint is built in a worker thread (docs/checkpoints.ts, issue
 * 14), not on the event loop: it is the text every update from the first
 * gives, with the same writers of its client ids, and signed as the server
 * signs its own. A thread that dies with a checkpoint in it leaves no
 * checkpoint written; the next one starts another thread and is written.
 * One checkpoint at a time per text.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DocService } from '@gavel/server/docs/service';
import { setupMeeting, type MeetingFixture } from '../support/fixtures';
import { TestServer } from '../support/server';
import { openDoc, rootOf, textOf } from '../support/drafting';

const DOC = 'recommendations';
const SECRETARIAT = { role: 'secretariat' as const, name: 'Officer', codeId: 'c_officer0001' };
let server: TestServer;
let f: MeetingFixture;

beforeAll(async () => {
  // No checkpoint but those the test asks for.
  server = await TestServer.start({ docs: { checkpointEvery: 1_000_000, checkpointIdleMs: 3_600_000 } });
  f = await setupMeeting(server);
});
afterAll(() => server.stop());

/** Edits by the server's hand (its own client id). */
async function serverEdits(n: number, from: number): Promise<void> {
  await Promise.all(
    Array.from({ length: n }, (_, k) => server.gavel.docs.change(f.meetingId, DOC, SECRETARIAT, (doc) => rootOf(doc).insert(rootOf(doc).length, `<${from + k}>`))),
  );
}

/** The latest checkpoint is the replay of every stored update from the first: state, text and writers. */
async function expectCheckpointIsReplay(): Promise<number> {
  const store = server.gavel.store;
  const all = await store.readDocUpdates(f.meetingId, DOC);
  const checkpoint = (await store.readDocSnapshot(f.meetingId, DOC))!;
  expect(checkpoint.seq).toBe(all.length);
  expect(checkpoint.hash).toBe(all.at(-1)!.hash);
  const replay = new Y.Doc();
  const clients: Record<string, string> = {};
  for (const u of all) {
    Y.applyUpdate(replay, u.update);
    for (const client of Y.parseUpdateMeta(u.update).to.keys()) clients[String(client)] ??= u.actor.codeId ?? 'server';
  }
  expect(Buffer.from(checkpoint.state).equals(Buffer.from(Y.encodeStateAsUpdate(replay)))).toBe(true);
  expect(checkpoint.clients).toEqual(clients);
  // Several writers: the pen-holder's client, the server's hand (on the officer's behalf), the text as made.
  expect(new Set(Object.values(clients))).toEqual(new Set([f.secretariat.session.codeId, SECRETARIAT.codeId, 'server']));
  // Signed as the server signs its own: a fresh service loads from it, and reads the same text.
  const fresh = new DocService(store, server.gavel.meetings, server.gavel.app.log);
  expect(await fresh.read(f.meetingId, DOC, (doc) => textOf(doc))).toBe(textOf(replay));
  expect(fresh.status(f.meetingId, DOC)!.loadedFrom).toMatchObject({ checkpointSeq: checkpoint.seq, updates: 0 });
  await fresh.close();
  return checkpoint.seq;
}

describe('a text checkpoint built in the worker thread', () => {
  it('starts no thread before the first checkpoint, and writes the replay of every update, from nothing and from the previous one', async () => {
    const docs = server.gavel.docs;
    const writer = await openDoc(server.url, f.secretariat.token!);
    for (let i = 0; i < 40; i++) writer.type(`[${i}]`);
    await writer.provider.whenSaved();
    await serverEdits(300, 0);
    expect(docs.checkpoints.thread).toBeUndefined();
    await docs.checkpointNow(f.meetingId, DOC);
    expect(docs.checkpoints.thread).toBeDefined();
    const first = await expectCheckpointIsReplay();

    for (let i = 40; i < 60; i++) writer.type(`[${i}]`, 0);
    await writer.provider.whenSaved();
    await serverEdits(200, 300);
    await docs.checkpointNow(f.meetingId, DOC);
    expect(await expectCheckpointIsReplay()).toBeGreaterThan(first);
    writer.close();
  });

  it('writes nothing when the thread dies with the checkpoint in it; the next checkpoint starts another thread and is written', async () => {
    const docs = server.gavel.docs;
    const store = server.gavel.store;
    await serverEdits(150, 1_000);
    const before = (await store.readDocSnapshot(f.meetingId, DOC))!.seq;
    const dead = docs.checkpoints.thread!;
    const warn = vi.spyOn(server.gavel.app.log, 'warn');
    const original = docs.checkpoints.build.bind(docs.checkpoints);
    const build = vi.spyOn(docs.checkpoints, 'build').mockImplementationOnce((...args) => {
      // Stopped as a crash would stop it, before it answers the call about to be posted to it.
      void dead.terminate();
      return original(...args);
    });
    await docs.checkpointNow(f.meetingId, DOC);
    expect(build).toHaveBeenCalledTimes(1);
    expect((await store.readDocSnapshot(f.meetingId, DOC))!.seq).toBe(before);
    expect(warn.mock.calls.some(([, message]) => message === 'a text checkpoint was skipped')).toBe(true);
    warn.mockRestore();
    build.mockRestore();

    await docs.checkpointNow(f.meetingId, DOC);
    expect(docs.checkpoints.thread).toBeDefined();
    expect(docs.checkpoints.thread).not.toBe(dead);
    expect(await expectCheckpointIsReplay()).toBeGreaterThan(before);
  });

  it('writes one checkpoint at a time per text: asked three times at once, it builds once', async () => {
    const docs = server.gavel.docs;
    const store = server.gavel.store;
    await serverEdits(100, 2_000);
    const written = (await store.listDocSnapshots(f.meetingId, DOC)).length;
    const build = vi.spyOn(docs.checkpoints, 'build');
    await Promise.all([1, 2, 3].map(() => docs.checkpointNow(f.meetingId, DOC)));
    expect(build).toHaveBeenCalledTimes(1);
    build.mockRestore();
    expect((await store.listDocSnapshots(f.meetingId, DOC)).length).toBe(written + 1);
    await expectCheckpointIsReplay();
  });
});
