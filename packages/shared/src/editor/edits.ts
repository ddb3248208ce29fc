/**
 * Edits of a drafted text by paragraph id, for code rather than typing: the
 * server's trusted edits (accepting an amendment in issue 5 will replace a
 * paragraph's words) and tests that act as a pen-holder. Run inside
 * `editor.update()`.
 */
import { $createTextNode, $getRoot, type LexicalNode } from 'lexical';
import { $createCrossRefNode, $createFootnoteNode, $createNumberedParagraphNode, $isNumberedParagraphNode, type NumberedParagraphNode } from './nodes';

export function $findParagraph(paragraphId: string): NumberedParagraphNode | null {
  const found = $getRoot()
    .getChildren()
    .find((n): n is NumberedParagraphNode => $isNumberedParagraphNode(n) && n.getParagraphId() === paragraphId);
  return found ?? null;
}

function $require(paragraphId: string): NumberedParagraphNode {
  const p = $findParagraph(paragraphId);
  if (!p) throw new Error(`no paragraph ${paragraphId}`);
  return p;
}

/** Inline content from a compact description: strings, `{ footnote }`, `{ ref }`. */
export type InlineSpec = string | { footnote: string } | { ref: string };

function $inline(spec: InlineSpec): LexicalNode {
  if (typeof spec === 'string') return $createTextNode(spec);
  return 'footnote' in spec ? $createFootnoteNode(spec.footnote) : $createCrossRefNode(spec.ref);
}

/** A new paragraph before another; returns its id. */
export function $insertParagraphBefore(paragraphId: string, content: InlineSpec[]): string {
  const p = $createNumberedParagraphNode().append(...content.map($inline));
  $require(paragraphId).insertBefore(p);
  return p.getParagraphId();
}

/** A new paragraph after another; returns its id. */
export function $insertParagraphAfter(paragraphId: string, content: InlineSpec[]): string {
  const p = $createNumberedParagraphNode().append(...content.map($inline));
  $require(paragraphId).insertAfter(p);
  return p.getParagraphId();
}

export function $appendToParagraph(paragraphId: string, content: InlineSpec[]): void {
  $require(paragraphId).append(...content.map($inline));
}

/** Replaces a paragraph's words, keeping its id (and so its status and history). */
export function $replaceParagraphContent(paragraphId: string, content: InlineSpec[]): void {
  $require(paragraphId).clear().append(...content.map($inline));
}

export function $removeParagraph(paragraphId: string): void {
  $require(paragraphId).remove();
}
