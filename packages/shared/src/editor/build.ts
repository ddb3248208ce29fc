/**
 * Turns imported blocks into the nodes of a drafted text. Runs inside an
 * editor update: the server's headless editor, bound to the document's
 * Y.Doc, so that the import reaches every reader as ordinary Yjs updates.
 */
import { $createTextNode, $getRoot, type ElementNode, type LexicalNode } from 'lexical';
import { $createHeadingNode } from '@lexical/rich-text';
import { refToken } from './footnotes';
import { newParagraphId } from './ids';
import { $nestedList } from './lists';
import { findWrittenReferences, type ImportBlock, type Run } from './import';
import { $createCrossRefNode, $createFootnoteNode, $createNumberedParagraphNode } from './nodes';

const BOLD = 1;
const ITALIC = 2;

/** Source paragraph number → the id its paragraph got. */
type SourceIds = Map<number, string>;

function $text(text: string, run: { bold?: boolean; italic?: boolean }): LexicalNode {
  const node = $createTextNode(text);
  node.setFormat((run.bold ? BOLD : 0) | (run.italic ? ITALIC : 0));
  return node;
}

function noteWithTokens(note: string, ids: SourceIds): string {
  return findWrittenReferences(note)
    .map((p) => ('text' in p ? p.text : 'outside' in p ? p.outside : ids.has(p.ref) ? refToken(ids.get(p.ref)!) : p.words))
    .join('');
}

function $appendRuns(parent: ElementNode, runs: Run[], ids: SourceIds): void {
  for (const run of runs) {
    if ('footnote' in run) {
      parent.append($createFootnoteNode(noteWithTokens(run.footnote, ids)));
      continue;
    }
    // Only references to this text's paragraphs become live; another document's stay words.
    for (const piece of findWrittenReferences(run.text)) {
      const words = 'text' in piece ? piece.text : 'outside' in piece ? piece.outside : ids.has(piece.ref) ? null : piece.words;
      if (words === null) parent.append($createCrossRefNode(ids.get((piece as { ref: number }).ref)!));
      else if (words) parent.append($text(words, run));
    }
  }
}

function $appendList(root: ElementNode, items: { runs: Run[]; depth: number }[], ids: SourceIds): void {
  root.append($nestedList(items, (li, item) => $appendRuns(li, item.runs, ids)));
}

/**
 * Replaces the whole text with the imported blocks. Every paragraph gets a
 * fresh id. Returns how many paragraphs were made.
 */
export function $replaceWithBlocks(blocks: readonly ImportBlock[]): { paragraphs: number } {
  const root = $getRoot();
  root.clear();
  const ids: SourceIds = new Map();
  const planned = blocks.map((b) => {
    if (b.kind !== 'paragraph') return null;
    const id = newParagraphId();
    if (b.source !== null && !ids.has(b.source)) ids.set(b.source, id);
    return id;
  });
  blocks.forEach((block, i) => {
    switch (block.kind) {
      case 'section':
      case 'subsection': {
        const heading = $createHeadingNode(block.kind === 'section' ? 'h2' : 'h3');
        $appendRuns(heading, block.runs, ids);
        root.append(heading);
        return;
      }
      case 'paragraph': {
        const paragraph = $createNumberedParagraphNode(planned[i]!);
        $appendRuns(paragraph, block.runs, ids);
        root.append(paragraph);
        return;
      }
      case 'list':
        $appendList(root, block.items, ids);
        return;
    }
  });
  if (root.getChildrenSize() === 0) root.append($createNumberedParagraphNode());
  return { paragraphs: planned.filter(Boolean).length };
}

/** The text a new document starts with: one empty paragraph, with its id. */
export function $bootstrapDraft(): void {
  const root = $getRoot();
  if (root.getChildrenSize() === 0) root.append($createNumberedParagraphNode(newParagraphId()));
}
