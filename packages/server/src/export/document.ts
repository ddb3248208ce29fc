/**
 * The "rendered report": a small, language-independent model of a report that
 * is ready to be written out. Everything language-specific (labels such as
 * "II." / "ثانيا", paragraph numbers such as "1." / "١-", dates, footnote
 * numbers in the right digits, sorted names) is already resolved by whoever
 * builds it (the report assembly); renderers (DOCX, and possibly HTML/Markdown)
 * only lay it out.
 *
 * Example (English):
 * ```ts
 * const doc: RenderedReport = {
 *   lang: 'en', dir: 'ltr',
 *   masthead: { symbol: 'CTOC/COP/WG.4/2010/6', distribution: 'General', date: '17 February 2010',
 *               originalLanguage: 'English', title: 'Report on the meeting of the Working Group ...',
 *               body: 'Conference of the Parties to the United Nations Convention against ...' },
 *   blocks: [
 *     { kind: 'heading', level: 1, label: 'I.', text: 'Introduction' },
 *     { kind: 'paragraph', number: '1.', runs: [
 *         { text: 'In its decision 4/4, the Conference ...' },
 *         { footnote: '1', text: 'CTOC/COP/WG.4/2009/2.' },
 *         { text: ' It also decided ...' } ] },
 *     { kind: 'list', items: [{ label: '(a)', text: 'Opening of the meeting;' }] },
 *   ],
 * };
 * ```
 */

/** The six official languages of the United Nations. */
export type ReportLang = 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';

export interface RenderedReport {
  lang: ReportLang;
  /** 'rtl' for Arabic, 'ltr' otherwise. */
  dir: 'ltr' | 'rtl';
  masthead: Masthead;
  /** The body of the report, in reading order. */
  blocks: ReportBlock[];
}

/** The masthead, every field already written in the report's language. */
export interface Masthead {
  /** Document symbol, always in Latin script, e.g. "CTOC/COP/WG.4/2010/6". */
  symbol: string;
  /** e.g. "General" / "عام". */
  distribution: string;
  /** The document's date, already formatted, e.g. "17 February 2010". */
  date: string;
  /** The language of this version when it is not the original ("Arabic", "Français"); empty in the original. */
  language: string;
  /** The whole line, e.g. "Original: English", "Original : anglais". */
  originalLanguage: string;
  /** Title of the report, e.g. "Report on the meeting of the Working Group ...". */
  title: string;
  /**
   * Title of the body and session, e.g. "Conference of the Parties to ...";
   * one line per "\n" (e.g. the parent body, then the working group).
   */
  body: string;
}

/**
 * Chapter (level 1, label "I." / "أولا"), section (level 2, "A." / "ألف")
 * or subsection (level 3, "1." / "١-").
 */
export interface HeadingBlock {
  kind: 'heading';
  level: 1 | 2 | 3;
  /** The heading's label, may be empty. */
  label: string;
  text: string;
  /** The heading's text with its footnotes, if it has any (then drawn instead of `text`). */
  runs?: Run[];
}

/** Plain text, optionally bold or italic. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/**
 * A footnote, placed where its marker goes in the text (after punctuation).
 * Footnotes are numbered continuously through the report: give them in order
 * of appearance, labels "1", "2", ... (or "١", "٢", ... in Arabic). The DOCX
 * renderer makes a real Word footnote whose number Word assigns in the same
 * order, so the label is only a check.
 */
export interface FootnoteRun {
  /** The footnote's number as shown, e.g. "9" / "٩". */
  footnote: string;
  /** The footnote's body, e.g. "For the discussion ..., see paragraph 109 below." */
  text: string;
}

export type Run = TextRun | FootnoteRun;

/** A numbered paragraph (number "1." / "١-"), or an unnumbered one (number null). */
export interface ParagraphBlock {
  kind: 'paragraph';
  number: string | null;
  runs: Run[];
}

/** A labelled list, e.g. agenda items or subparagraphs "(a)" / "(أ)". */
export interface ListBlock {
  kind: 'list';
  items: ListItem[];
}

export interface ListItem {
  /** "1.", "(a)", "(أ)", "(i)"; may be empty. */
  label: string;
  text: string;
  /** The item's text with its footnotes, if it has any (then drawn instead of `text`). */
  runs?: Run[];
  /** Nesting: 0 (default) for items, 1 for sub-items such as agenda item 1 (a), (b). */
  depth?: number;
}

export type ReportBlock = HeadingBlock | ParagraphBlock | ListBlock;

export function isFootnoteRun(run: Run): run is FootnoteRun {
  return 'footnote' in run;
}
