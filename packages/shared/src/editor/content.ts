/**
 * A paragraph's content (rich.ts) read from and written into a Lexical
 * editor: what the server reads to decide on an amendment, and how it writes
 * the decision back (as a trusted edit on a headless editor bound to the
 * text's Y.Doc, see the server's drafting/headless.ts). The web app reads the
 * live paragraph the same way to draw an amendment's tracked changes.
 *
 * A paragraph is the numbered paragraph and the subparagraph lists right
 * after it (outline.ts). Run inside `editor.read()` / `editor.update()`.
 */
import { $createLineBreakNode, $createTextNode, $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';
import { $isHeadingNode } from '@lexical/rich-text';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { newParagraphId } from './ids';
import { $nestedList } from './lists';
import {
  $createBracketNode,
  $createCrossRefNode,
  $createFootnoteNode,
  $createNumberedParagraphNode,
  $isBracketNode,
  $isCrossRefNode,
  $isFootnoteNode,
  $isNumberedParagraphNode,
  type NumberedParagraphNode,
} from './nodes';
import type { Inline, RichItem, RichParagraph } from './rich';

// ---------------------------------------------------------------------------
// Reading

function $inlines(node: ElementNode, out: Inline[] = []): Inline[] {
  for (const child of node.getChildren()) {
    if ($isTextNode(child)) {
      const text = child.getTextContent();
      const format = child.getFormat();
      const last = out.at(-1);
      if (last && 'text' in last && (last.format ?? 0) === format) last.text += text;
      else if (text) out.push(format ? { text, format } : { text });
    } else if ($isLineBreakNode(child)) out.push({ br: true });
    else if ($isFootnoteNode(child)) out.push({ footnote: child.getNote() });
    else if ($isCrossRefNode(child)) out.push({ ref: child.getTarget() });
    else if ($isBracketNode(child)) out.push({ bracket: child.getBracket() });
    else if ($isElementNode(child) && child.isInline()) $inlines(child, out);
  }
  return out;
}

function $listItems(list: ListNode, depth: number, out: RichItem[]): void {
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const nested = item.getChildren().find($isListNode);
    if (!(nested && item.getChildrenSize() === 1)) out.push({ depth, inlines: $inlines(item) });
    if (nested) $listItems(nested, depth + 1, out);
  }
}

/** The blocks of a paragraph's unit: the paragraph, then the lists right after it. */
function $unitOf(paragraph: NumberedParagraphNode): { paragraph: NumberedParagraphNode; lists: ListNode[] } {
  const lists: ListNode[] = [];
  let next = paragraph.getNextSibling();
  while ($isListNode(next)) {
    lists.push(next);
    next = next.getNextSibling();
  }
  return { paragraph, lists };
}

function $contentOf(paragraph: NumberedParagraphNode): RichParagraph {
  const { lists } = $unitOf(paragraph);
  const items: RichItem[] = [];
  for (const list of lists) $listItems(list, 0, items);
  return items.length ? { inlines: $inlines(paragraph), items } : { inlines: $inlines(paragraph) };
}

export function $findParagraphNode(paragraphId: string): NumberedParagraphNode | null {
  return (
    $getRoot()
      .getChildren()
      .find((n): n is NumberedParagraphNode => $isNumberedParagraphNode(n) && n.getParagraphId() === paragraphId) ?? null
  );
}

/** The paragraph's words and subparagraphs, or null if the text has no such paragraph. */
export function $readParagraphContent(paragraphId: string): RichParagraph | null {
  const p = $findParagraphNode(paragraphId);
  return p ? $contentOf(p) : null;
}

/** Every paragraph id in document order, and how many headings the text has. */
export function $readStructure(): { paragraphIds: string[]; headings: number } {
  const paragraphIds: string[] = [];
  let headings = 0;
  for (const block of $getRoot().getChildren()) {
    if ($isNumberedParagraphNode(block)) paragraphIds.push(block.getParagraphId());
    else if ($isHeadingNode(block)) headings++;
  }
  return { paragraphIds, headings };
}

/**
 * An amendment's draft: its first paragraph with its subparagraphs. A draft
 * proposes one paragraph; a second paragraph or a heading is a problem to
 * tell the sponsor about, not something to drop silently.
 */
export function $readDraftParagraph(): { content: RichParagraph | null; problem: string | null } {
  const blocks = $getRoot().getChildren();
  const paragraphs = blocks.filter($isNumberedParagraphNode);
  const first = paragraphs[0];
  let problem: string | null = null;
  if (blocks.some((b) => $isHeadingNode(b))) problem = 'the draft has a heading: an amendment proposes the words of one paragraph';
  else if (paragraphs.filter((p) => p.getTextContentSize() > 0 || p.getChildrenSize() > 0).length > 1) {
    problem = 'the draft has more than one paragraph: an amendment proposes one paragraph (and its subparagraphs)';
  }
  return { content: first ? $contentOf(first) : null, problem };
}

// ---------------------------------------------------------------------------
// Writing

function $inlineNode(i: Inline): LexicalNode {
  if ('text' in i) {
    const node = $createTextNode(i.text);
    if (i.format) node.setFormat(i.format);
    return node;
  }
  if ('br' in i) return $createLineBreakNode();
  if ('footnote' in i) return $createFootnoteNode(i.footnote);
  if ('ref' in i) return $createCrossRefNode(i.ref);
  return $createBracketNode(i.bracket);
}

function $appendInlines(parent: ElementNode, inlines: readonly Inline[]): void {
  const nodes = inlines.filter((i) => !('text' in i) || i.text.length > 0).map($inlineNode);
  if (nodes.length) parent.append(...nodes);
}


function $fill(paragraph: NumberedParagraphNode, content: RichParagraph): void {
  paragraph.clear();
  $appendInlines(paragraph, content.inlines);
  for (const list of $unitOf(paragraph).lists) list.remove();
  if (content.items?.length) paragraph.insertAfter($nestedList(content.items, (li, item) => $appendInlines(li, item.inlines)));
}

/** Replaces a paragraph's words and subparagraphs, keeping its id (and so its status and history). */
export function $writeParagraphContent(paragraphId: string, content: RichParagraph): void {
  const p = $findParagraphNode(paragraphId);
  if (!p) throw new Error(`no paragraph ${paragraphId}`);
  $fill(p, content);
}

export type ParagraphPlace = { after: string } | { before: string } | { afterHeading: number };

/** A new paragraph with id `paragraphId` at `place`. */
export function $insertParagraphAt(paragraphId: string, place: ParagraphPlace, content: RichParagraph): void {
  const p = $createNumberedParagraphNode(paragraphId);
  if ('afterHeading' in place) {
    const heading = $getRoot().getChildren().filter($isHeadingNode)[place.afterHeading - 1];
    if (!heading) throw new Error(`no heading ${place.afterHeading}`);
    heading.insertAfter(p);
  } else if ('after' in place) {
    const anchor = $findParagraphNode(place.after);
    if (!anchor) throw new Error(`no paragraph ${place.after}`);
    // After the paragraph's subparagraphs, not between it and them.
    const { lists } = $unitOf(anchor);
    (lists.at(-1) ?? anchor).insertAfter(p);
  } else {
    const anchor = $findParagraphNode(place.before);
    if (!anchor) throw new Error(`no paragraph ${place.before}`);
    anchor.insertBefore(p);
  }
  $fill(p, content);
}

/** Replaces a bracket by plain words ('' removes it). Returns whether it was found. */
export function $liftBracketNode(bracketId: string, words: string): boolean {
  let found = false;
  const visit = (node: LexicalNode) => {
    if (found) return;
    if ($isBracketNode(node) && node.getBracket().id === bracketId) {
      found = true;
      if (words) node.replace($createTextNode(words));
      else node.remove();
      return;
    }
    if ($isElementNode(node)) for (const child of node.getChildren()) visit(child);
  };
  visit($getRoot());
  return found;
}

/** A footnote at the end of the paragraph's own words. */
export function $appendFootnote(paragraphId: string, note: string): void {
  const p = $findParagraphNode(paragraphId);
  if (!p) throw new Error(`no paragraph ${paragraphId}`);
  p.append($createFootnoteNode(note));
}

/** Makes a whole (draft) text one paragraph with this content. */
export function $writeSingleParagraph(content: RichParagraph | null): void {
  const root = $getRoot();
  root.clear();
  const p = $createNumberedParagraphNode(newParagraphId());
  root.append(p);
  if (content) $fill(p, content);
}
