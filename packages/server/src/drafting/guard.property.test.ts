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
import { $createTextNode, $getRoot, $isElementNode, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $readDraft, type ParagraphUnit } from '@gavel/shared/editor/outline';
import { $createNumberedParagraphNode, $isNumberedParagraphNode, type NumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { AdoptedParagraphGuard, type GuardVerdict } from './guard';
import { bindHeadless, headlessFrom, type HeadlessText } from './headless';

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

const IDS = ['p_a', 'p_b', 'p_c', 'p_d', 'p_e'].map((p) => `${p}000000001`);

class Writer {
  doc = new Y.Doc();
  text: HeadlessText;
  private collected: Uint8Array[] = [];
  constructor(state?: Uint8Array) {
    this.text = bindHeadless(this.doc, { writes: true });
    this.doc.on('update', (u: Uint8Array) => this.collected.push(u));
    if (state) Y.applyUpdate(this.doc, state);
    this.text.editor.read(() => undefined);
  }
  edit(fn: () => void): Uint8Array | null {
    this.collected = [];
    this.text.editor.update(fn, { discrete: true });
    return this.collected.length ? Y.mergeUpdates(this.collected) : null;
  }
  dispose() {
    this.text.dispose();
    this.doc.destroy();
  }
}

type Edit = { kind: string; at: number; other: number; word: string };

const blocks = (): LexicalNode[] => $getRoot().getChildren();
const pick = <T,>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
const paragraphs = () => blocks().filter($isNumberedParagraphNode) as NumberedParagraphNode[];
function firstText(node: ElementNode | undefined) {
  return node?.getAllTextNodes().find($isTextNode);
}

/** One edit a pen-holder (or a hostile client) might make. */
function $apply({ kind, at, other, word }: Edit): void {
  const p = pick(paragraphs(), at);
  const q = pick(paragraphs(), other);
  const b = pick(blocks(), at);
  switch (kind) {
    case 'type':
      return void (firstText(p) ? firstText(p)!.spliceText(other % (firstText(p)!.getTextContentSize() + 1), 0, word) : p?.append($createTextNode(word)));
    case 'delete': {
      const t = firstText(p);
      if (t && t.getTextContentSize() > 0) t.spliceText(other % t.getTextContentSize(), 1, '');
      return;
    }
    case 'bold':
      return void firstText(p)?.toggleFormat('bold');
    case 'indent':
      return void p?.setIndent((p.getIndent() + 1) % 3);
    case 'direction':
      return void p?.setDirection(p.getDirection() === 'rtl' ? 'ltr' : 'rtl');
    case 'newParagraph':
      return void b?.insertAfter($createNumberedParagraphNode().append($createTextNode(word)));
    case 'heading':
      return void b?.insertBefore($createHeadingNode('h2').append($createTextNode(word)));
    case 'remove':
      if (blocks().length > 1) b?.remove();
      return;
    case 'list':
      return void b?.insertAfter($createListNode('number').append($createListItemNode().append($createTextNode(word))));
    case 'listText': {
      const item = blocks().find((n) => n.getType() === 'list') as ElementNode | undefined;
      const t = firstText(item);
      if (t) t.setTextContent(t.getTextContent() + word);
      return;
    }
    case 'merge':
      if (p && q && p !== q) {
        p.append(...q.getChildren());
        q.remove();
      }
      return;
    case 'copyId':
      if (p && q && p !== q) q.setParagraphId(p.getParagraphId());
      return;
    case 'move': {
      const target = pick(blocks(), other);
      if (b && target && target !== b && $isElementNode(b)) target.insertAfter(b);
      return;
    }
  }
}

const edit = fc.record({
  kind: fc.constantFrom('type', 'type', 'type', 'delete', 'bold', 'indent', 'direction', 'newParagraph', 'heading', 'remove', 'list', 'listText', 'merge', 'copyId', 'move'),
  at: fc.nat(20),
  other: fc.nat(20),
  word: fc.constantFrom('a', ' shall', ' [must]', 'ع', ''),
});
/** What happens to the update: sent by the writer, made by the server behind the guard's back, or let through here and refused by another guard. */
const step = fc.record({ edit, route: fc.constantFrom('client', 'client', 'client', 'client', 'server', 'otherGuardRefuses') });

describe('the adopted-paragraph guard, read per paragraph', () => {
  it('gives the verdict of the full-document check after random edits', () => {
    fc.assert(
      fc.property(fc.subarray(IDS, { minLength: 1 }), fc.array(step, { minLength: 1, maxLength: 20 }), (adoptedIds, steps) => {
        const adopted = new Set(adoptedIds);
        const guard = new AdoptedParagraphGuard();
        let writer = new Writer();
        writer.edit(() => {
          $getRoot()
            .clear()
            .append(
              ...IDS.map((id, i) => $createNumberedParagraphNode(id).append($createTextNode(`Paragraph ${i + 1} reads.`))),
              $createListNode('number').append($createListItemNode().append($createTextNode('first'))),
            );
        });
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
          guard.close();
          writer.dispose();
          live.destroy();
        }
      }),
      { numRuns: 25 },
    );
  }, 30_000);
});
