/**
 * The paragraphs a no-consensus footnote may point at (issue 13): every
 * paragraph of the report, by the number the report prints, chapter IV
 * (the deliberations, where the discussion is recorded) first, then the
 * other chapters in order. A paragraph of a text is named by its text and
 * id, a generated one by its id in the report; either way the footnote is
 * stored as a reference and resolved to the report's number in every
 * export and language.
 */
import type { Report, ReportInline } from '@gavel/shared';
import type { FootnoteTarget } from '@gavel/shared/amendments/commands';
import { typedReportReference } from '@gavel/shared/editor/import';

export interface FootnoteChoice {
  /** The select's value: one per paragraph. */
  value: string;
  /** "109. The Working Group noted …": the number as the report prints it, and the paragraph's first words. */
  label: string;
  target: FootnoteTarget;
}

export interface FootnoteChoiceGroup {
  /** "IV. Summary of deliberations". */
  label: string;
  chapter: number;
  choices: FootnoteChoice[];
}

const DELIBERATIONS = 4;
const WORDS = 70;

function plain(inlines: ReportInline[]): string {
  return inlines.map((i) => (i.t === 'fn' ? '' : i.text)).join('').replace(/[\u200e\u200f]/g, '').trim();
}

function firstWords(s: string): string {
  return s.length <= WORDS ? s : `${s.slice(0, WORDS).trimEnd()}…`;
}

/** The report's paragraphs grouped by chapter, IV first; `exclude`: the paragraphs being decided (a paragraph's footnote does not point at itself). */
export function footnoteChoices(report: Report, exclude: readonly string[] = []): FootnoteChoiceGroup[] {
  const skip = new Set(exclude);
  const groups: FootnoteChoiceGroup[] = [];
  for (const item of report.items) {
    if (item.kind === 'heading' && item.level === 1) {
      groups.push({ label: `${item.label} ${plain(item.inlines)}`.trim(), chapter: groups.length + 1, choices: [] });
    } else if (item.kind === 'paragraph' && groups.length > 0) {
      const target: FootnoteTarget =
        item.source.kind === 'text' ? { paragraphId: item.source.paragraphId, doc: item.source.doc } : { generated: item.sourceId };
      if ('paragraphId' in target && skip.has(target.paragraphId)) continue;
      groups.at(-1)!.choices.push({ value: JSON.stringify(target), label: `${item.label} ${firstWords(plain(item.inlines))}`, target });
    }
  }
  const withParagraphs = groups.filter((g) => g.choices.length > 0);
  return [...withParagraphs.filter((g) => g.chapter === DELIBERATIONS), ...withParagraphs.filter((g) => g.chapter !== DELIBERATIONS)];
}

/**
 * Words of the footnote that number a paragraph of the report by hand (the
 * server refuses them too): in the footnote's own words, a typed number even
 * beside the placeholder ("paragraphs {n} and 110"); in the words pointing
 * elsewhere, a paragraph of this report. Null when none, so the panel can
 * say which field and why before anything is sent.
 */
export function typedFootnoteNumber(
  to: 'none' | 'paragraph' | 'words',
  words: string,
  text: string,
): { field: 'words' | 'text'; typed: string } | null {
  if (to === 'none') return null;
  const inWords = to === 'words' ? typedReportReference(words) : null;
  if (inWords) return { field: 'words', typed: inWords };
  const inText = typedReportReference(text);
  return inText ? { field: 'text', typed: inText } : null;
}
