/**
 * The adopted-paragraph guard reads only what an update touches (issue 14);
 * it must stay exactly as strict as reading the whole text. Property: for
 * random edits inside and outside adopted paragraphs (typing, deleting,
 * formatting, indenting, new and removed paragraphs, lists, merges, copied
 * ids), with edits of the server behind the guard's back and updates that
 * another guard refuses after this one let them through, the guard's
 * verdict is the one the full-document check gives.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { $readDraft, type ParagraphUnit } from '@gavel/shared/editor/outline';
import { AdoptedParagraphGuard, type GuardVerdict } from './guard';
import { headlessFrom } from './headless';
import { $apply, $startingText, edit, IDS, Writer } from './random-edits';

/** The check as it was before issue 14: the whole text read before and after, on a fresh copy. */
function fullCheck(live: Y.Doc, update: Uint8Array, adopted: ReadonlySet<string>): GuardVerdict {
  const copy = headlessFrom(Y.encodeStateAsUpdate(live), { writes: false });
  const read = () => {
    const byId = new Map<string, ParagraphUnit[]>();
    for (const u of copy.editor.read(() => $readDraft('en').units)) byId.set(u.id, [...(byId.get(u.id) ?? []), u]);
    return byId;
  };
  try {
    const before = read();
    Y.applyUpdate(copy.doc, update);
    const after = read();
    const same = (a?: ParagraphUnit[], b?: ParagraphUnit[]) =>
      !a || !b ? a === b : a.length === b.length && a.every((u, i) => u.fingerprint === b[i].fingerprint);
    const changed = [...adopted].filter((id) => !same(before.get(id), after.get(id)));
    if (changed.length === 0) return { ok: true };
    const numbers = changed.map((id) => before.get(id)?.[0]?.number).filter((n): n is number => n !== null && n !== undefined);
    const which = numbers.length ? numbers.join(', ') : changed.join(', ');
    return {
      ok: false,
      message: `adopted paragraph${changed.length > 1 ? 's' : ''} ${which} cannot change until the chair reopens ${changed.length > 1 ? 'them' : 'it'}`,
      paragraphIds: changed,
    };
  } finally {
    copy.dispose();
    copy.doc.destroy();
  }
}

/** What happens to the update: sent by the writer, made by the server behind the guard's back, or let through here and refused by another guard. */
const step = fc.record({ edit, route: fc.constantFrom('client', 'client', 'client', 'client', 'server', 'otherGuardRefuses') });

describe('the adopted-paragraph guard, read per paragraph', () => {
  it('gives the verdict of the full-document check after random edits', () => {
    // How many verdicts the quick look at the Yjs structures gave (it must have been tried).
    let quick = 0;
    fc.assert(
      fc.property(fc.subarray(IDS, { minLength: 1 }), fc.array(step, { minLength: 1, maxLength: 20 }), (adoptedIds, steps) => {
        const adopted = new Set(adoptedIds);
        const guard = new AdoptedParagraphGuard();
        let writer = new Writer();
        writer.edit($startingText);
        const live = new Y.Doc();
        Y.applyUpdate(live, Y.encodeStateAsUpdate(writer.doc));
        try {
          for (const { edit: e, route } of steps) {
            const update = writer.edit(() => $apply(e));
            if (!update) continue;
            if (route === 'server') {
              Y.applyUpdate(live, update);
              continue;
            }
            const expected = fullCheck(live, update, adopted);
            expect(guard.check('m\u0000text', live, update, adopted)).toEqual(expected);
            if (expected.ok && route === 'client') {
              Y.applyUpdate(live, update);
              continue;
            }
            // Refused (here or by another guard): the writer starts again from the live text, as after a resync.
            writer.dispose();
            writer = new Writer(Y.encodeStateAsUpdate(live));
          }
        } finally {
          quick += guard.quickChecks;
          guard.close();
          writer.dispose();
          live.destroy();
        }
      }),
      { numRuns: 25 },
    );
    expect(quick).toBeGreaterThan(0);
  }, 60_000);
});
