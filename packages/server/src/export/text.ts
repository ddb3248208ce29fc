/**
 * A text of the meeting (the introduction, the recommendations, a written
 * part of the summary of deliberations, the adoption) read for the report:
 * headings, paragraphs with their subparagraphs, footnotes, as structured
 * inline parts that are NOT numbered yet. Cross-references stay as their
 * target paragraph's id and footnotes keep their `{{ref:p_…}}` tokens: only
 * the report knows where every paragraph stands (its number and whether it
 * is above or below), so the report resolves them (report.ts), in one pass
 * over the whole document.
 *
 * Reads a copy of the live document through a headless editor (like
 * DraftingService.readText); nothing here writes. The copy is kept: it
 * follows the live document update by update (drafting/mirror.ts), and the
 * last reading of each text is kept until the text or what the meeting says
 * of its paragraphs changes. A report viewer's refetch while someone types
 * reads again only the text being typed, without building it from scratch.
 */
import * as Y from 'yjs';
import { $getRoot, $isElementNode, $isLineBreakNode, $isTextNode, type ElementNode } from 'lexical';
import { $isHeadingNode } from '@lexical/rich-text';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { paragraphStatus, unnumberedParagraphs, type Lang, type MeetingState, type ParagraphStatus } from '@gavel/shared';
import { $isBracketNode, $isCrossRefNode, $isFootnoteNode, $isNumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { bracketDeleteWord } from '@gavel/shared/editor/labels';
import { bracketText } from '@gavel/shared/editor/rich';
import { $readOutline } from '@gavel/shared/editor/outline';
import { numberDocument, type Numbering } from '@gavel/shared/editor/numbering';
import type { DocService } from '../docs/service';
import { headlessFrom, type HeadlessText } from '../drafting/headless';
import { LiveMirror } from '../drafting/mirror';

/**
 * Inline content of a text before the report numbers it: text, a footnote
 * marker by its number in the text (1-based), a cross-reference to a
 * paragraph by its id (in this text or any other part of the report), or a
 * bracket the meeting placed, as negotiators write it (never merged with
 * typed words, so that exports can set it apart).
 */
export type TextInline = { t: 'text'; text: string } | { t: 'bracket'; text: string } | { t: 'fn'; index: number } | { t: 'ref'; target: string };

export interface TextSubparagraph {
  label: string;
  depth: number;
  inlines: TextInline[];
}

export type TextBlock =
  | { kind: 'section' | 'subsection'; label: string; inlines: TextInline[] }
  | { kind: 'paragraph'; id: string; status: ParagraphStatus; inlines: TextInline[]; subparagraphs: TextSubparagraph[] };

export interface ReadText {
  blocks: TextBlock[];
  /**
   * In the text's order: footnote i (1-based) is footnotes[i - 1]. `note` is
   * the footnote as stored, its references to paragraphs as `{{ref:p_…}}`
   * tokens (editor/footnotes.ts).
   */
  footnotes: { note: string }[];
}

/**
 * Reads `docName` of a meeting from the live document. Labels of headings
 * and subparagraphs ("A.", "(a)") and the bracket's "delete" are in `lang`;
 * the words are as written. Paragraphs whose status is "deleted" are left out.
 */
export async function readTextForReport(docs: DocService, state: MeetingState, meetingId: string, docName: string, lang: Lang): Promise<ReadText> {
  return docs.read(meetingId, docName, (live) => readLiveText(live, state, docName, lang));
}

/** A live document's kept copy for reading, and its last readings by what they depend on. */
interface Follower {
  mirror: LiveMirror;
  text: HeadlessText;
  readings: Map<string, { version: number; read: ReadText }>;
}

/** Keyed by the live Y.Doc: a document reloaded (a new Y.Doc) starts afresh, an unloaded one takes its copy with it. */
const followers = new WeakMap<Y.Doc, Follower>();

/**
 * What `readTextFromUpdate` gives for the live document now, from its kept
 * copy: built once, then brought level with the live document by the updates
 * since, and read again only if the text or its paragraphs' statuses changed.
 * Do not change what it returns (it is kept, and frozen).
 */
export function readLiveText(live: Y.Doc, state: MeetingState, docName: string, lang: Lang): ReadText {
  let follower = followers.get(live);
  if (!follower?.mirror.catchUp(live)) {
    if (follower) forget(follower);
    const text = headlessFrom(Y.encodeStateAsUpdate(live), { writes: false });
    follower = { mirror: new LiveMirror(live, text.doc), text, readings: new Map() };
    followers.set(live, follower);
  }
  // The reading depends on the words (the copy's version), the language, and the statuses of the text's paragraphs.
  const statuses = Object.entries(state.paragraphs[docName] ?? {}).map(([id, r]) => [id, r.status]);
  const key = JSON.stringify([lang, statuses]);
  const kept = follower.readings.get(key);
  if (kept?.version === follower.mirror.followed) return kept.read;
  const read = deepFreeze(readText(follower.text, state, docName, lang));
  // Only the current version's readings are worth keeping.
  if (kept === undefined && follower.readings.size >= 12) follower.readings.clear();
  follower.readings.set(key, { version: follower.mirror.followed, read });
  return read;
}

function forget(follower: Follower): void {
  follower.mirror.stop();
  follower.text.dispose();
  follower.text.doc.destroy();
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Reads a text from a Yjs update holding the whole document (pure: a copy is read and thrown away). */
export function readTextFromUpdate(update: Uint8Array, state: MeetingState, docName: string, lang: Lang): ReadText {
  const copy = headlessFrom(update, { writes: false });
  try {
    return readText(copy, state, docName, lang);
  } finally {
    copy.dispose();
    copy.doc.destroy();
  }
}

function readText(copy: HeadlessText, state: MeetingState, docName: string, lang: Lang): ReadText {
  return copy.editor.read(() => {
    const omit = unnumberedParagraphs(state, docName);
    // The numbers only ($readDraft would also read every paragraph's words and fingerprint, which nothing here uses).
    const numbering = numberDocument($readOutline(), { lang, omit });
    const footIndex = new Map(numbering.footnotes.map((f, i) => [f.key, i + 1]));
    const notes = new Map<string, string>();
    const ctx: InlineContext = { numbering, footIndex, notes, lang };
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
    return { blocks, footnotes: numbering.footnotes.map((f) => ({ note: notes.get(f.key) ?? '' })) };
  });
}

interface InlineContext {
  numbering: Numbering;
  footIndex: Map<string, number>;
  /** Footnote key → its note as stored (with `{{ref:…}}` tokens). */
  notes: Map<string, string>;
  lang: Lang;
}

function push(out: TextInline[], text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.t === 'text') last.text += text;
  else out.push({ t: 'text', text });
}

function $inlines(node: ElementNode, ctx: InlineContext, out: TextInline[] = []): TextInline[] {
  for (const child of node.getChildren()) {
    if ($isTextNode(child)) push(out, child.getTextContent());
    else if ($isLineBreakNode(child)) push(out, '\n');
    else if ($isFootnoteNode(child)) {
      const index = ctx.footIndex.get(child.getKey());
      if (index !== undefined) {
        ctx.notes.set(child.getKey(), child.getNote());
        out.push({ t: 'fn', index });
      }
    } else if ($isCrossRefNode(child)) out.push({ t: 'ref', target: child.getTarget() });
    else if ($isBracketNode(child)) out.push({ t: 'bracket', text: bracketText(child.getBracket(), bracketDeleteWord(ctx.lang)) });
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
