/**
 * A drafted text (the introduction, the recommendations) read for the
 * report: headings, paragraphs with their subparagraphs, and footnotes as
 * structured inline parts, so that the report can renumber paragraphs and
 * footnotes continuously and each renderer can mark footnotes its own way.
 * Reads a copy of the live document through a headless editor (like
 * DraftingService.readText); nothing here writes.
 */
import * as Y from 'yjs';
import { $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode } from 'lexical';
import { $isHeadingNode } from '@lexical/rich-text';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { paragraphStatus, unnumberedParagraphs, type Lang, type MeetingState, type ParagraphStatus } from '@gavel/shared';
import { $isBracketNode, $isCrossRefNode, $isFootnoteNode, $isNumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { bracketDeleteWord, crossRefWords } from '@gavel/shared/editor/labels';
import { bracketText } from '@gavel/shared/editor/rich';
import { $readDraft } from '@gavel/shared/editor/outline';
import type { Numbering } from '@gavel/shared/editor/numbering';
import type { DocService } from '../docs/service';
import { headlessFrom } from '../drafting/headless';

/** Inline content: text, or a footnote marker by its number in the text (1-based, before any offset). */
export type Inline = { t: 'text'; text: string } | { t: 'fn'; index: number };

export interface TextSubparagraph {
  label: string;
  depth: number;
  inlines: Inline[];
}

export type TextBlock =
  | { kind: 'section' | 'subsection'; label: string; inlines: Inline[] }
  | { kind: 'paragraph'; id: string; status: ParagraphStatus; inlines: Inline[]; subparagraphs: TextSubparagraph[] };

export interface ReadText {
  blocks: TextBlock[];
  /** In order: footnote i (1-based) is footnotes[i - 1]. */
  footnotes: { text: string }[];
}

/**
 * Reads `docName` of a meeting. `paragraphOffset`: how many report
 * paragraphs come before this text's first paragraph, so that cross-references
 * read with their report numbers.
 */
export async function readTextForReport(
  docs: DocService,
  state: MeetingState,
  meetingId: string,
  docName: string,
  lang: Lang,
  paragraphOffset = 0,
): Promise<ReadText> {
  const snapshot = await docs.read(meetingId, docName, (doc) => Y.encodeStateAsUpdate(doc));
  const copy = headlessFrom(snapshot, { writes: false });
  try {
    return copy.editor.read(() => {
      const omit = unnumberedParagraphs(state, docName);
      const { numbering } = $readDraft(lang, omit);
      const footIndex = new Map(numbering.footnotes.map((f, i) => [f.key, i + 1]));
      const words = (number: number | null, direction: Parameters<typeof crossRefWords>[1]) =>
        crossRefWords(number === null ? null : number + paragraphOffset, direction, lang);
      const ctx: InlineContext = { numbering, footIndex, lang, words };
      const blocks: TextBlock[] = [];
      let open: Extract<TextBlock, { kind: 'paragraph' }> | null = null;
      for (const block of $getRoot().getChildren()) {
        if ($isHeadingNode(block)) {
          open = null;
          const tag = block.getTag();
          blocks.push({
            kind: tag === 'h1' || tag === 'h2' ? 'section' : 'subsection',
            label: numbering.labels.get(block.getKey()) ?? '',
            inlines: $inlines(block, ctx),
          });
        } else if ($isNumberedParagraphNode(block)) {
          const id = block.getParagraphId();
          // Deleted paragraphs keep their place in the text but are not issued.
          if (omit.has(id) || !numbering.numberOf.has(id)) {
            open = null;
            continue;
          }
          open = { kind: 'paragraph', id, status: paragraphStatus(state, docName, id), inlines: $inlines(block, ctx), subparagraphs: [] };
          blocks.push(open);
        } else if ($isListNode(block) && open) {
          $subparagraphs(block, 0, ctx, open.subparagraphs);
        } else {
          open = null;
        }
      }
      const footnotes = numbering.footnotes.map((f) => {
        let text = f.text;
        if (paragraphOffset !== 0) for (const r of f.refs) text = text.split(r.words).join(words(r.number, r.direction));
        return { text };
      });
      return { blocks, footnotes };
    });
  } finally {
    copy.dispose();
    copy.doc.destroy();
  }
}

interface InlineContext {
  numbering: Numbering;
  footIndex: Map<string, number>;
  lang: Lang;
  words: (number: number | null, direction: Parameters<typeof crossRefWords>[1]) => string;
}

function push(out: Inline[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.t === 'text') last.text += text;
  else out.push({ t: 'text', text });
}

function $inlines(node: ElementNode, ctx: InlineContext, out: Inline[] = []): Inline[] {
  for (const child of node.getChildren()) {
    if ($isTextNode(child)) push(out, child.getTextContent());
    else if ($isLineBreakNode(child)) push(out, '\n');
    else if ($isFootnoteNode(child)) {
      const index = ctx.footIndex.get(child.getKey());
      if (index !== undefined) out.push({ t: 'fn', index });
    } else if ($isCrossRefNode(child)) {
      const ref = ctx.numbering.refs.get(child.getKey());
      push(out, ref ? ctx.words(ref.number, ref.direction) : (ctx.numbering.labels.get(child.getKey()) ?? ''));
    } else if ($isBracketNode(child)) push(out, bracketText(child.getBracket(), bracketDeleteWord(ctx.lang)));
    else if ($isElementNode(child) && child.isInline()) $inlines(child, ctx, out);
  }
  return out;
}

function $subparagraphs(list: ListNode, depth: number, ctx: InlineContext, out: TextSubparagraph[]): void {
  for (const item of list.getChildren()) {
    if (!$isListItemNode(item)) continue;
    const nested = item.getChildren().find($isListNode);
    if (!(nested && item.getChildrenSize() === 1)) {
      out.push({ label: ctx.numbering.labels.get(item.getKey()) ?? '', depth, inlines: $inlines(item, ctx) });
    }
    if (nested) $subparagraphs(nested, depth + 1, ctx, out);
  }
}
