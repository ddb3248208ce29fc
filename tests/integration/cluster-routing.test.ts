/**
 * A client's text updates on a node that does not own the meeting reach the
 * owner in the order sent (DocService.submit with the cluster's ownership,
 * here a stand-in whose forwards finish when the test says): one request at
 * a time, what waited meanwhile merged into the next; and after a takeover
 * nothing goes into this node's copy before the updates sent on are settled.
 * (Two requests in flight could arrive swapped, and an update whose
 * predecessor the owner lacks is refused as hostile: the client disconnected.)
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DocService, type UpdateGate } from '@gavel/server/docs/service';
import type { Actor } from '@gavel/shared';
import { serverWithMeeting } from '../support/fixtures';
import { waitFor } from '../support/server';
import { rootOf } from '../support/drafting';


const env = serverWithMeeting();

const open: UpdateGate = { check: () => null };

/** A typist's copy: each keystroke's update, in order. */
function typist() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates, type: (s: string) => rootOf(doc).insert(rootOf(doc).length, s) };
}

describe("a non-owner node's routing of one sender's updates", () => {
  it('sends them to the owner one request at a time, in order, merging what waited', async () => {
    const docs = new DocService(env.server.gavel.store, env.server.gavel.meetings, env.server.gavel.app.log);
    const forwards: { update: Uint8Array; settle: () => void }[] = [];
    docs.clusterWith({
      owns: () => false,
      claim: async () => false,
      forward: (_m, _d, update) => new Promise<void>((settle) => forwards.push({ update, settle })),
      lost: () => undefined,
      start: async () => undefined,
    });
    const actor: Actor = { role: 'secretariat', name: 'Officer', codeId: env.meeting.secretariat.session.codeId };
    const t = typist();
    const acked: number[] = [];
    const submit = (i: number) => docs.submit(env.meeting.meetingId, 'recommendations', t.updates[i], actor, 'socket-1', open).then(() => acked.push(i));
    t.type('a');
    const first = submit(0);
    await waitFor(() => (forwards.length === 1 ? forwards : undefined), 5_000, 'the first forward');
    // Three more keystrokes while the first is on its way: none is sent before it is answered.
    for (const k of ['b', 'c', 'd']) t.type(k);
    const rest = [1, 2, 3].map(submit);
    await new Promise((r) => setTimeout(r, 100));
    expect(forwards).toHaveLength(1);
    forwards[0].settle();
    await first;
    await waitFor(() => (forwards.length === 2 ? forwards : undefined), 5_000, 'the second forward');
    // … then all three in one request, which holds exactly them.
    const owner = new Y.Doc();
    Y.applyUpdate(owner, forwards[0].update);
    Y.applyUpdate(owner, forwards[1].update);
    expect(rootOf(owner).toString()).toBe('abcd');
    expect(Y.decodeUpdate(forwards[1].update).structs.length).toBeGreaterThan(0);
    expect(acked).toEqual([0]);
    forwards[1].settle();
    await Promise.all(rest);
    expect(acked).toEqual([0, 1, 2, 3]);
  });

  it('takes no update into its own copy after a takeover before those sent on are settled', async () => {
    const docs = new DocService(env.server.gavel.store, env.server.gavel.meetings, env.server.gavel.app.log);
    let owner = false;
    const forwards: { update: Uint8Array; settle: () => Promise<void> }[] = [];
    const actor: Actor = { role: 'secretariat', name: 'Officer', codeId: env.meeting.secretariat.session.codeId };
    docs.clusterWith({
      owns: () => owner,
      claim: async () => owner,
      // As the cluster does when the old owner answers that it no longer owns the meeting and this node now does: stored here.
      forward: (m, d, update, a, sender, gate) =>
        new Promise<void>((ok, fail) => forwards.push({ update, settle: () => docs.submitHere(m, d, update, a, sender, gate).then(ok, fail) })),
      lost: () => undefined,
      start: async () => undefined,
    });
    // The typist starts from the text as stored.
    const t = typist();
    Y.applyUpdate(t.doc, await docs.missingFor(env.meeting.meetingId, 'recommendations', Y.encodeStateVector(new Y.Doc())));
    t.updates.length = 0;
    t.type('x');
    const outcomes: string[] = [];
    const submit = (i: number, name: string) =>
      docs.submit(env.meeting.meetingId, 'recommendations', t.updates[i], actor, 'socket-2', open).then(
        () => outcomes.push(`${name} stored`),
        (e: Error) => outcomes.push(`${name} refused: ${e.message}`),
      );
    const first = submit(0, 'x');
    await waitFor(() => (forwards.length === 1 ? forwards : undefined), 5_000, 'the forward');
    // This node takes the meeting over while x is on its way to the old owner; the typist types on.
    owner = true;
    t.type('y');
    const second = submit(1, 'y');
    await new Promise((r) => setTimeout(r, 100));
    // y waits: put into this copy now, it would build on x, which the copy lacks (refused as hostile).
    expect(outcomes).toEqual([]);
    await forwards[0].settle();
    await Promise.all([first, second]);
    expect(outcomes).toEqual(['x stored', 'y stored']);
    const stored = new Y.Doc();
    for (const u of await env.server.gavel.store.readDocUpdates(env.meeting.meetingId, 'recommendations')) Y.applyUpdate(stored, u.update);
    expect(rootOf(stored).toString()).toContain('xy');
  });
});
