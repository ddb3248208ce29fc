/**
 * The report as assembled in one language (issue 6): what the server's
 * exporters draw and what the secretariat's report view shows. Plain data
 * (sent as JSON by `GET /api/meetings/{id}/report?format=json`).
 */
import type { Lang } from '../languages';
import type { SourceRef, WordFallback } from './model';

/**
 * Inline content: text, a bracket the meeting placed (as negotiators write
 * it, "[should][shall] (Norway)"), or a footnote marker by its number in the
 * report (1-based). A placed bracket is its own inline so that every export
 * can set it apart from square brackets someone typed as words (issue 10).
 */
export type ReportInline = { t: 'text'; text: string } | { t: 'bracket'; text: string } | { t: 'fn'; index: number };

export interface ReportSubparagraph {
  label: string;
  depth: number;
  inlines: ReportInline[];
}

/**
 * Where a paragraph of the report comes from, for the view's link to its
 * source: a generated paragraph's record (the opening event, the agenda, the
 * registry, the speakers' list and statements), or a paragraph of a written
 * or negotiated text (the recommendations, the introduction, a summary).
 */
export type ParagraphSource = SourceRef | { kind: 'text'; doc: string; paragraphId: string };

export type ReportItem =
  | { kind: 'heading'; level: 1 | 2 | 3; label: string; inlines: ReportInline[] }
  | {
      kind: 'paragraph';
      n: number;
      label: string;
      inlines: ReportInline[];
      subparagraphs: ReportSubparagraph[];
      /** Generated from the record (chapters III–V). */
      generated: boolean;
      /** For paragraphs of the recommendations: adopted in the ledger. */
      adopted?: boolean;
      /** The paragraph's id in its text (I, II, written parts) or in the skeleton (generated). */
      sourceId: string;
      source: ParagraphSource;
    }
  /** A list that is not numbered: the adopted agenda, the documentation. */
  | { kind: 'list'; items: { label: string; text: string; children: { label: string; text: string }[] }[] }
  /**
   * Where a written part of the report goes (the introduction, the
   * secretariat's summaries in IV, additions to V): the text `doc` of the
   * meeting, whose `count` paragraphs follow this marker. Exports draw
   * nothing for it; the report view offers to write there.
   */
  | { kind: 'written'; doc: string; count: number }
  /** Where a written part that the report needs has nothing yet (shown as an empty slot, never invented text). */
  | { kind: 'placeholder'; text: string };

export interface ReportFootnote {
  n: number;
  label: string;
  text: string;
}

export interface Report {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  masthead: {
    symbol: string;
    distribution: string;
    date: string;
    /** The language of this version when it is not the original ("Arabic", "Français"); empty in the original. */
    language: string;
    /** "Original: English", "Original : anglais". */
    original: string;
    body: string;
    parentBody: string;
    title: string;
  };
  items: ReportItem[];
  footnotes: ReportFootnote[];
  /** Typed words shown in another language for want of a translation (marked "[en: …]" in a draft). */
  fallbacks: WordFallback[];
}

/**
 * The number a paragraph of a text (the recommendations, a summary) has in
 * the report, which numbers all its paragraphs in one sequence: a text's
 * paragraph 45 may be the report's 50. Null when the report does not show it.
 */
export function reportNumberOf(report: Report, doc: string, paragraphId: string): number | null {
  for (const item of report.items) {
    if (item.kind === 'paragraph' && item.source.kind === 'text' && item.source.doc === doc && item.source.paragraphId === paragraphId) return item.n;
  }
  return null;
}

/**
 * Every paragraph's number in the report by its id (a text's paragraph id,
 * or a generated paragraph's id in the skeleton, `p-item-…-heard`): what a
 * view of one text needs to number a footnote pointing outside it.
 */
export function reportNumbers(report: Report): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const item of report.items) if (item.kind === 'paragraph') numbers.set(item.sourceId, item.n);
  return numbers;
}
