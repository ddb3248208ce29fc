/**
 * Reading a drafted text out of a Lexical editor state: its outline (what
 * numbering.ts numbers) and its paragraphs as units of text. A paragraph's
 * unit is the paragraph and the subparagraph lists after it, up to the next
 * paragraph or heading: "States parties should: (a) …; (b) …" is one
 * paragraph with one number and one status.
 *
 * Every function here starting with `$` runs inside `editor.read()` or
 * `editor.update()`, in the browser and in the server's headless editors.
 */
import { $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode, type LexicalNode } from 'lexical';
import { $isHeadingNode } from '@lexical/rich-text';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import type { Lang } from '../languages';
import { $isBracketNode, $isCrossRefNode, $isFootnoteNode, $isNumberedParagraphNode } from './nodes';
import { bracketDeleteWord } from './labels';
import { bracketText, pushWords, wordsText, type WordPart } from './rich';
import { numberDocument, type DocItem, type Numbering } from './numbering';

/** h1 and h2 open a section ("A."); h3 and below a subsection ("1."). */
function headingKind(tag: string): 'section' | 'subsection' {
  return tag === 'h1' || tag === 'h2' ? 'section' : 'subsection';
}

function $inlineItems(node: ElementNode, out: DocItem[]): void {
  for (const child of node.getChildren()) {
    if ($isFootnoteNode(child)) out.push({ kind: 'footnote', key: child.getKey(), note: child.getNote() });
    else if ($isCrossRefNode(child)) out.push({ kind: 'xref', key: child.getKey(), target: child.getTarget() });
    else if ($isElementNode(child) && child.isInline()) $inlineItems(child, out);
  }
}

function $listItems(list: ListNode, depth: number, out: DocItem[]): void {
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const nested = item.getChildren().find($isListNode);
    // Lexical nests a list as a list item holding only the inner list: that item has no letter of its own.
    if (nested && item.getChildrenSize() === 1) {
      $listItems(nested, depth + 1, out);
      continue;
    }
    out.push({ kind: 'subparagraph', key: item.getKey(), list: list.getKey(), depth });
    $inlineItems(item, out);
    if (nested) $listItems(nested, depth + 1, out);
  }
}

/** The outline of the text in the active editor state, in document order. */
export function $readOutline(): DocItem[] {
  const out: DocItem[] = [];
  for (const block of $getRoot().getChildren()) {
    if ($isHeadingNode(block)) {
      out.push({ kind: headingKind(block.getTag()), key: block.getKey() });
      $inlineItems(block, out);
    } else if ($isNumberedParagraphNode(block)) {
      out.push({ kind: 'paragraph', key: block.getKey(), id: block.getParagraphId() });
      $inlineItems(block, out);
    } else if ($isListNode(block)) {
      $listItems(block, 0, out);
    } else if ($isElementNode(block)) {
      $inlineItems(block, out);
    }
  }
  return out;
}

/** One paragraph with its subparagraphs, as text. */
export interface ParagraphUnit {
  id: string;
  /** The Lexical key of the paragraph node. */
  key: string;
  /** Keys of the blocks of the unit: the paragraph, then its lists. */
  blockKeys: string[];
  /** The paragraph's number now; null if it has none (deleted). */
  number: number | null;
  /**
   * The text as a reader sees it: cross-references in words, footnote
   * markers in brackets, one line per subparagraph with its letter.
   */
  text: string;
  /** The same words as parts, placed brackets apart from square brackets typed as words (`plainWords` for plain text). */
  parts: WordPart[];
  /**
   * What the words and their marks are, without what the editor may change
   * by itself (text direction, indentation): two units with the same
   * fingerprint read the same. The adopted-paragraph guard compares these.
   */
  fingerprint: string;
}

/**
 * A block's words as parts (rich.ts WordPart): typed words, cross-references
 * in words, footnote markers "[1]", placed brackets apart. What a unit's text,
 * the draft's plain text and a paragraph's history read.
 */
export function $inlineParts(node: ElementNode, numbering: Numbering, lang: Lang, out: WordPart[] = []): WordPart[] {
  for (const child of node.getChildren()) {
    if ($isTextNode(child)) pushWords(out, { t: 'text', text: child.getTextContent() });
    else if ($isLineBreakNode(child)) pushWords(out, { t: 'text', text: '\n' });
    else if ($isFootnoteNode(child)) pushWords(out, { t: 'mark', text: `[${numbering.labels.get(child.getKey()) ?? '?'}]` });
    else if ($isCrossRefNode(child)) pushWords(out, { t: 'text', text: numbering.labels.get(child.getKey()) ?? '' });
    else if ($isBracketNode(child)) pushWords(out, { t: 'bracket', text: bracketText(child.getBracket(), bracketDeleteWord(lang)) });
    else if ($isElementNode(child) && child.isInline()) $inlineParts(child, numbering, lang, out);
  }
  return out;
}

/** Removes what ends the line as spaces (a subparagraph with no words yet reads "(a)"). */
function trimEnd(parts: WordPart[]): WordPart[] {
  const last = parts.at(-1);
  if (last?.t === 'text') {
    last.text = last.text.trimEnd();
    if (last.text === '') parts.pop();
  }
  return parts;
}

/** A list's subparagraphs, a line each with its letter, as parts; a nested list indented by `step` more. */
export function $listLines(list: ListNode, numbering: Numbering, lang: Lang, indent = '', step = '  '): WordPart[][] {
  const lines: WordPart[][] = [];
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const nested = item.getChildren().find($isListNode);
    if (!(nested && item.getChildrenSize() === 1)) {
      lines.push(trimEnd($inlineParts(item, numbering, lang, [{ t: 'text', text: `${indent}${numbering.labels.get(item.getKey()) ?? ''} ` }])));
    }
    if (nested) lines.push(...$listLines(nested, numbering, lang, indent + step, step));
  }
  return lines;
}

/**
 * The content of a node and everything in it, without keys. Blocks' direction,
 * indentation and alignment are part of it: an adopted paragraph's may not
 * change either (Lexical 0.52 sets them only when asked, never by itself).
 */
function $fingerprint(node: LexicalNode): unknown {
  if ($isTextNode(node)) return ['t', node.getTextContent(), node.getFormat()];
  if ($isLineBreakNode(node)) return ['br'];
  if ($isFootnoteNode(node)) return ['fn', node.getNote()];
  if ($isCrossRefNode(node)) return ['xref', node.getTarget()];
  if ($isBracketNode(node)) {
    const b = node.getBracket();
    return ['bracket', b.id, b.alternatives, b.by, b.label];
  }
  if ($isElementNode(node)) {
    const extra = $isHeadingNode(node) ? node.getTag() : $isListNode(node) ? node.getListType() : '';
    return [node.getType(), extra, node.getDirection(), node.getIndent(), node.getFormatType(), node.getChildren().map($fingerprint)];
  }
  return [node.getType()];
}

/** A block's fingerprint as JSON: a unit's fingerprint is the JSON array of its blocks' ones. */
export function $blockFingerprint(block: LexicalNode): string {
  return JSON.stringify($fingerprint(block));
}

/** The fingerprint of a unit made of blocks with these fingerprints (what `ParagraphUnit.fingerprint` holds). */
export function unitFingerprint(blockFingerprints: readonly string[]): string {
  return `[${blockFingerprints.join(',')}]`;
}

/**
 * Every paragraph of the text as a unit, in order. Paragraphs sharing an id (a copy) come as one unit each.
 * `lang` words the brackets' "delete" (English if not given). `only`: the units of that paragraph id alone
 * (the others are not read).
 */
export function $readParagraphUnits(numbering: Numbering, lang: Lang = 'en', only?: string): ParagraphUnit[] {
  const units: ParagraphUnit[] = [];
  let open: { unit: ParagraphUnit; lines: WordPart[][]; blocks: string[] } | null = null;
  const close = () => {
    if (!open) return;
    open.unit.parts = open.lines.reduce<WordPart[]>((all, line, i) => (i === 0 ? line : line.reduce(pushWords, pushWords(all, { t: 'text', text: '\n' }))), []);
    open.unit.text = wordsText(open.unit.parts);
    open.unit.fingerprint = unitFingerprint(open.blocks);
    units.push(open.unit);
    open = null;
  };
  for (const block of $getRoot().getChildren()) {
    if ($isNumberedParagraphNode(block)) {
      close();
      const id = block.getParagraphId();
      if (only !== undefined && id !== only) continue;
      open = {
        unit: { id, key: block.getKey(), blockKeys: [block.getKey()], number: numbering.numberOf.get(id) ?? null, text: '', parts: [], fingerprint: '' },
        lines: [$inlineParts(block, numbering, lang)],
        blocks: [$blockFingerprint(block)],
      };
    } else if ($isListNode(block) && open) {
      const current: { unit: ParagraphUnit; lines: WordPart[][]; blocks: string[] } = open;
      current.unit.blockKeys.push(block.getKey());
      current.lines.push(...$listLines(block, numbering, lang));
      current.blocks.push($blockFingerprint(block));
    } else {
      close();
    }
  }
  close();
  return units;
}

/** A drafted text read at once: its outline, numbers and paragraphs. */
export interface DraftReading {
  items: DocItem[];
  numbering: Numbering;
  units: ParagraphUnit[];
}

export function $readDraft(lang: Lang, omit?: ReadonlySet<string>, report?: ReadonlyMap<string, number>): DraftReading {
  const items = $readOutline();
  const numbering = numberDocument(items, { lang, omit, report });
  return { items, numbering, units: $readParagraphUnits(numbering, lang) };
}
