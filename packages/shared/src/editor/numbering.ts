/**
 * The numbers of a drafted text, computed from document order and nothing
 * else: paragraphs numbered continuously across the whole text, footnotes
 * continuously, sections A. B. …, subsections 1. 2. … within each section,
 * subparagraphs (a) (b) within each list, and every cross-reference resolved
 * to the target's number now, "above" or "below" from where the two stand.
 *
 * Pure: the web editor, the room screen, the server's exports and the tests
 * all number the same way. The input is the text's outline (`DocItem[]`, see
 * outline.ts for reading it from Lexical), never the numbers shown before.
 */
import type { Lang } from '../languages';
import { noteSegments } from './footnotes';
import {
  crossRefNumber,
  crossRefWords,
  footnoteLabel,
  paragraphLabel,
  sectionLabel,
  subparagraphLabel,
  subsectionLabel,
  type Direction,
} from './labels';

/**
 * One thing in the text that carries a number or points at one, in
 * document order. `key` identifies it for whoever draws the labels (a
 * Lexical node key in the editor); `id` is the paragraph's stable id.
 */
export type DocItem =
  | { kind: 'section'; key: string }
  | { kind: 'subsection'; key: string }
  | { kind: 'paragraph'; key: string; id: string }
  /** An item of a subparagraph list; `list` tells lists apart, `depth` 0 is (a), 1 is (i). */
  | { kind: 'subparagraph'; key: string; list: string; depth: number }
  | { kind: 'footnote'; key: string; note: string }
  | { kind: 'xref'; key: string; target: string };

export interface ResolvedRef {
  target: string;
  /** The target's number now; null if no numbered paragraph has that id (deleted, or never there). */
  number: number | null;
  direction: Direction;
  /** As the document reads: "paragraph 110 below". */
  words: string;
  /** The target is outside this text and `number` is the one the report prints (see `NumberingOptions.report`). */
  inReport?: true;
}

export interface FootnoteEntry {
  key: string;
  number: number;
  /** The paragraph whose text carries the marker; null before the first paragraph (in a heading). */
  paragraphId: string | null;
  /** The footnote's text with its references in words. */
  text: string;
  refs: ResolvedRef[];
}

export interface Numbering {
  /** Paragraph id → its number now. */
  numberOf: Map<string, number>;
  /** The ids of the numbered paragraphs, in order: `order[n - 1]` is paragraph n. */
  order: string[];
  /** Item key → what to show for it: "50.", "A.", "1.", "(a)", "9", "paragraph 110 below". */
  labels: Map<string, string>;
  footnotes: FootnoteEntry[];
  /** Cross-reference key → where it points. */
  refs: Map<string, ResolvedRef>;
  /** Item key → the paragraph it belongs to (a subparagraph, a footnote, a reference inside it). */
  owner: Map<string, string>;
  /** Keys of cross-references and footnotes that point at a paragraph with no number. */
  broken: string[];
}

export interface NumberingOptions {
  /** The document's language: digits and words of the labels. */
  lang: Lang;
  /**
   * Paragraphs that keep their place in the text but get no number (those
   * whose status is "deleted"): the numbers then match the text as it will
   * be issued, and a reference to such a paragraph shows as broken.
   */
  omit?: ReadonlySet<string>;
  /**
   * The report's numbers by paragraph id (`reportNumbers`), when known: a
   * footnote pointing outside this text (a paragraph the report generates in
   * chapter IV, another text's paragraph) is then numbered as the report
   * numbers it, and marked `inReport`, instead of having no number.
   */
  report?: ReadonlyMap<string, number>;
}

/** Numbers a text. */
export function numberDocument(items: readonly DocItem[], options: NumberingOptions): Numbering {
  const { lang } = options;
  const omit = options.omit ?? new Set<string>();

  // First pass: where every paragraph stands, so that a reference can point forward.
  const numberOf = new Map<string, number>();
  const position = new Map<string, number>();
  const order: string[] = [];
  items.forEach((item, index) => {
    if (item.kind !== 'paragraph' || position.has(item.id)) return;
    position.set(item.id, index);
    if (!omit.has(item.id)) {
      order.push(item.id);
      numberOf.set(item.id, order.length);
    }
  });

  const labels = new Map<string, string>();
  const refs = new Map<string, ResolvedRef>();
  const owner = new Map<string, string>();
  const footnotes: FootnoteEntry[] = [];
  const broken: string[] = [];
  const listCounts = new Map<string, number>();
  let sections = 0;
  let subsections = 0;
  let footnoteCount = 0;
  let current: string | null = null;

  const resolve = (target: string, at: number): ResolvedRef => {
    const inReport = !numberOf.has(target) && !position.has(target) ? options.report?.get(target) : undefined;
    if (inReport !== undefined) {
      // Where the two stand in the report, when the report shows the paragraph holding the reference; below it otherwise (the report's later chapters).
      const from = current === null ? undefined : options.report?.get(current);
      const direction: Direction = from !== undefined && inReport < from ? 'above' : 'below';
      return { target, number: inReport, direction, words: crossRefWords(inReport, direction, lang), inReport: true };
    }
    const number = numberOf.get(target) ?? null;
    const where = position.get(target);
    const direction: Direction =
      target === current ? 'self' : where === undefined ? 'below' : where < at ? 'above' : 'below';
    return { target, number, direction, words: crossRefWords(number, direction, lang) };
  };

  items.forEach((item, index) => {
    switch (item.kind) {
      case 'section':
        sections += 1;
        subsections = 0;
        current = null;
        labels.set(item.key, sectionLabel(sections, lang));
        return;
      case 'subsection':
        subsections += 1;
        current = null;
        labels.set(item.key, subsectionLabel(subsections, lang));
        return;
      case 'paragraph': {
        current = item.id;
        const num = numberOf.get(item.id);
        // A second paragraph with an id already seen (a copy not yet given its own) is not numbered twice.
        if (num !== undefined && position.get(item.id) === index) labels.set(item.key, paragraphLabel(num, lang));
        return;
      }
      case 'subparagraph': {
        const count = (listCounts.get(item.list) ?? 0) + 1;
        listCounts.set(item.list, count);
        labels.set(item.key, subparagraphLabel(count, item.depth, lang));
        if (current) {
          owner.set(item.key, current);
          owner.set(item.list, current);
        }
        return;
      }
      case 'footnote': {
        footnoteCount += 1;
        labels.set(item.key, footnoteLabel(footnoteCount, lang));
        const noteRefs: ResolvedRef[] = [];
        const text = noteSegments(item.note)
          .map((s) => {
            if ('text' in s) return s.text;
            const r = resolve(s.ref, index);
            noteRefs.push(r);
            return 'bare' in s ? crossRefNumber(r.number, lang) : r.words;
          })
          .join('');
        if (noteRefs.some((r) => r.number === null)) broken.push(item.key);
        footnotes.push({ key: item.key, number: footnoteCount, paragraphId: current, text, refs: noteRefs });
        if (current) owner.set(item.key, current);
        return;
      }
      case 'xref': {
        const r = resolve(item.target, index);
        refs.set(item.key, r);
        labels.set(item.key, r.words);
        if (r.number === null) broken.push(item.key);
        if (current) owner.set(item.key, current);
        return;
      }
    }
  });

  return { numberOf, order, labels, footnotes, refs, owner, broken };
}
