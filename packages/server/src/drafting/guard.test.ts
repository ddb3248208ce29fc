import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createTextNode, $getRoot, type ElementNode, type LexicalNode } from 'lexical';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createNumberedParagraphNode, type NumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { AdoptedParagraphGuard } from './guard';
import { bindHeadless, type HeadlessText } from './headless';

/** A pen-holder's editor: edits produce Yjs updates, collected for the guard. */
class Writer {
  readonly doc = new Y.Doc();
  readonly text: HeadlessText;
  private collected: Uint8Array[] = [];
  constructor() {
    this.text = bindHeadless(this.doc, { writes: true });
    this.doc.on('update', (u: Uint8Array) => this.collected.push(u));
  }
  edit(fn: () => void): Uint8Array {
    this.collected = [];
    this.text.editor.update(fn, { discrete: true });
    return Y.mergeUpdates(this.collected);
  }
  paragraph(pid: string): NumberedParagraphNode {
    return $getRoot()
      .getChildren()
      .find((n): n is NumberedParagraphNode => (n as NumberedParagraphNode).__pid === pid)!;
  }
}

const P1 = 'p_first00001';
const P2 = 'p_adopted0001';
const P3 = 'p_third00001';

function setup() {
  const writer = new Writer();
  const first = writer.edit(() => {
    $getRoot()
      .clear()
      .append(
        $createNumberedParagraphNode(P1).append($createTextNode('States parties should consider.')),
        $createNumberedParagraphNode(P2).append($createTextNode('The Working Group reiterates its recommendations.')),
        $createNumberedParagraphNode(P3).append($createTextNode('Views differed.')),
      );
  });
  const live = new Y.Doc();
  Y.applyUpdate(live, first);
  return { writer, live };
}

const guard = new AdoptedParagraphGuard();
afterEach(() => guard.close());
const adopted = new Set([P2]);

/** What the Yjs server does: ask the guard, apply only if it agrees. */
function submit(live: Y.Doc, update: Uint8Array) {
  const verdict = guard.check('m/recommendations', live, update, adopted);
  if (verdict.ok) Y.applyUpdate(live, update);
  return verdict;
}

describe('the adopted-paragraph guard', () => {
  it('lets through changes elsewhere, including a new paragraph before the adopted one', () => {
    const { writer, live } = setup();
    expect(submit(live, writer.edit(() => writer.paragraph(P1).append($createTextNode(' And more.'))))).toEqual({ ok: true });
    expect(submit(live, writer.edit(() => writer.paragraph(P2).insertBefore($createNumberedParagraphNode().append($createTextNode('New.')))))).toEqual({
      ok: true,
    });
    expect(submit(live, writer.edit(() => writer.paragraph(P3).append($createTextNode(' Strongly.'))))).toEqual({ ok: true });
  });

  const attacks: [string, (w: Writer) => void][] = [
    ['typing in it', (w) => w.paragraph(P2).append($createTextNode(' Not.'))],
    ['bolding a word of it', (w) => (w.paragraph(P2).getFirstChild() as LexicalNode & { setFormat(f: number): void }).setFormat(1)],
    ['deleting it', (w) => w.paragraph(P2).remove()],
    // Issue 10, item 8: the words unchanged, the paragraph's layout changed.
    ['indenting it', (w) => w.paragraph(P2).setIndent(2)],
    ['turning its direction', (w) => w.paragraph(P2).setDirection('rtl')],
    ['aligning it', (w) => w.paragraph(P2).setFormat('center')],
    ['merging the next paragraph into it', (w) => {
      const next = w.paragraph(P3);
      w.paragraph(P2).append(...next.getChildren());
      next.remove();
    }],
    ['giving it subparagraphs', (w) => w.paragraph(P2).insertAfter($createListNode('number').append($createListItemNode().append($createTextNode('new'))))],
    ['copying its id onto another paragraph', (w) => w.paragraph(P3).setParagraphId(P2)],
  ];
  it.each(attacks)('refuses %s, and the live text stays as it was', (_name, attack) => {
    const { writer, live } = setup();
    const before = Y.encodeStateAsUpdate(live);
    const verdict = submit(live, writer.edit(() => attack(writer)));
    expect(verdict.ok).toBe(false);
    expect(verdict.paragraphIds).toEqual([P2]);
    expect(verdict.message).toMatch(/adopted paragraph 2 cannot change until the chair reopens it/);
    expect(Y.encodeStateAsUpdate(live)).toEqual(before);
  });

  it('recovers after a refusal: the next good update passes and is checked against the live text', () => {
    const { writer, live } = setup();
    expect(submit(live, writer.edit(() => writer.paragraph(P2).remove())).ok).toBe(false);
    // A fresh writer that never saw the refused change, as after a resync.
    const again = new Writer();
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(live));
    again.text.editor.read(() => undefined);
    expect(submit(live, again.edit(() => again.paragraph(P1).append($createTextNode(' Yes.')))).ok).toBe(true);
    expect(submit(live, again.edit(() => again.paragraph(P2).append($createTextNode(' No.')))).ok).toBe(false);
  });

  it('notices changes made to the live text behind its back (a server edit) before the next check', () => {
    const { writer, live } = setup();
    expect(submit(live, writer.edit(() => writer.paragraph(P1).append($createTextNode(' A.')))).ok).toBe(true);
    // The server deletes paragraph 3 directly (a trusted edit), then the writer, who saw it, edits paragraph 1.
    const serverEdit = writer.edit(() => writer.paragraph(P3).remove());
    Y.applyUpdate(live, serverEdit);
    expect(submit(live, writer.edit(() => writer.paragraph(P1).append($createTextNode(' B.')))).ok).toBe(true);
    expect(submit(live, writer.edit(() => writer.paragraph(P2).append($createTextNode(' C.')))).ok).toBe(false);
  });

  it('does not take an update it let through for applied when another guard refused it', () => {
    const { writer, live } = setup();
    // Removing paragraph 3 leaves paragraph 2 as it was: let through here, then refused by another guard (not applied).
    expect(guard.check('m/recommendations', live, writer.edit(() => writer.paragraph(P3).remove()), adopted).ok).toBe(true);
    // A writer level with the live text, where paragraph 3 is still there, gives it paragraph 2's id.
    const again = new Writer();
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(live));
    again.text.editor.read(() => undefined);
    const verdict = submit(live, again.edit(() => again.paragraph(P3).setParagraphId(P2)));
    expect(verdict.ok).toBe(false);
    expect(verdict.paragraphIds).toEqual([P2]);
  });

  it('decides typing elsewhere from the Yjs structures alone; the adopted paragraph, its lists and new blocks go to the full check', () => {
    const { writer, live } = setup();
    const quick = () => guard.quickChecks;
    let before = quick();
    expect(submit(live, writer.edit(() => writer.paragraph(P1).append($createTextNode(' More.')))).ok).toBe(true);
    expect(submit(live, writer.edit(() => writer.paragraph(P3).append($createTextNode(' Indeed.')))).ok).toBe(true);
    expect(quick() - before).toBe(2);
    // Subparagraphs of paragraph 1 (a list of its own), then typed in: the list is made by the full check, typed in by the quick one.
    expect(submit(live, writer.edit(() => writer.paragraph(P1).insertAfter($createListNode('number').append($createListItemNode().append($createTextNode('one')))))).ok).toBe(true);
    before = quick();
    const listText = () => ($getRoot().getChildren()[1] as ElementNode).getAllTextNodes()[0]!;
    expect(submit(live, writer.edit(() => listText().setTextContent('one, two'))).ok).toBe(true);
    expect(quick() - before).toBe(1);
    before = quick();
    // Paragraph 2 itself, and a list placed after it: the full check, which refuses them.
    expect(submit(live, writer.edit(() => writer.paragraph(P2).append($createTextNode(' Not.')))).ok).toBe(false);
    expect(quick() - before).toBe(0);
  });

  it('costs nothing when nothing is adopted', () => {
    const { writer, live } = setup();
    const verdict = guard.check('m/recommendations', live, writer.edit(() => writer.paragraph(P2).remove()), new Set());
    expect(verdict).toEqual({ ok: true });
  });
});
