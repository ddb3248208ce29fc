/**
 * Random edits of a drafted text, for property tests (fast-check): a writer
 * with a headless editor whose edits come out as Yjs updates, and edits a
 * pen-holder (or a hostile client) might make, by paragraph position.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { $createTextNode, $getRoot, $isElementNode, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';
import { $createHeadingNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode } from '@lexical/list';
import { $createFootnoteNode, $createNumberedParagraphNode, $isNumberedParagraphNode, type NumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { bindHeadless, type HeadlessText } from './headless';

export const IDS = ['p_a', 'p_b', 'p_c', 'p_d', 'p_e'].map((p) => `${p}000000001`);

export class Writer {
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

export type Edit = { kind: string; at: number; other: number; word: string };

const blocks = (): LexicalNode[] => $getRoot().getChildren();
const pick = <T,>(xs: T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);
const paragraphs = () => blocks().filter($isNumberedParagraphNode) as NumberedParagraphNode[];
function firstText(node: ElementNode | undefined) {
  return node?.getAllTextNodes().find($isTextNode);
}

/** One edit a pen-holder (or a hostile client) might make. */
export function $apply({ kind, at, other, word }: Edit): void {
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
    case 'footnote':
      return void p?.append($createFootnoteNode(`Note${word}`));
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

export const edit = fc.record({
  kind: fc.constantFrom('type', 'type', 'type', 'delete', 'footnote', 'bold', 'indent', 'direction', 'newParagraph', 'heading', 'remove', 'list', 'listText', 'merge', 'copyId', 'move'),
  at: fc.nat(20),
  other: fc.nat(20),
  word: fc.constantFrom('a', ' shall', ' [must]', 'ع', ''),
});
/** A text of five numbered paragraphs (ids IDS) and a list, as a writer's first edit. */
export function $startingText(): void {
  $getRoot()
    .clear()
    .append(
      ...IDS.map((id, i) => $createNumberedParagraphNode(id).append($createTextNode(`Paragraph ${i + 1} reads.`))),
      $createListNode('number').append($createListItemNode().append($createTextNode('first'))),
    );
}
