/**
 * The checkpoints' thread (docs/checkpoints.ts) is stopped when idle, to give
 * its memory back, and started again by the next checkpoint; what it builds
 * is what the same build on the event loop gives.
 */
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCheckpoint, CheckpointThread, packJob } from './checkpoints';

/** `n` updates from two writers into one text. */
function updates(n: number): { update: Uint8Array; owner: string }[] {
  const docs = [new Y.Doc(), new Y.Doc()];
  const out: { update: Uint8Array; owner: string }[] = [];
  for (let i = 0; i < n; i++) {
    const doc = docs[i % 2]!;
    const other = docs[(i + 1) % 2]!;
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(doc.getText('t').length, `<${i}>`);
    const update = Y.encodeStateAsUpdate(doc, before);
    Y.applyUpdate(other, update);
    out.push({ update, owner: `writer${i % 2}` });
  }
  return out;
}

const thread = new CheckpointThread(100);
afterAll(() => thread.close());

describe('the checkpoints’ thread', () => {
  it('builds what the event loop builds, stops when idle, and starts again with the next checkpoint', async () => {
    const all = updates(400);
    const first = await thread.build(undefined, all.slice(0, 300));
    expect(first).toEqual(buildCheckpoint(packJob(undefined, all.slice(0, 300))));
    expect(Object.values(first.clients).sort()).toEqual(['writer0', 'writer1']);
    const started = thread.thread!;
    expect(started).toBeDefined();
    // Idle for 100 ms: stopped.
    await once(started, 'exit');
    expect(thread.thread).toBeUndefined();
    const second = await thread.build(first, all.slice(300));
    expect(thread.thread).toBeDefined();
    expect(thread.thread).not.toBe(started);
    const replay = new Y.Doc();
    for (const u of all) Y.applyUpdate(replay, u.update);
    expect(Buffer.from(second.state).equals(Buffer.from(Y.encodeStateAsUpdate(replay)))).toBe(true);
    expect(second.clients).toEqual(first.clients);
  });
});
