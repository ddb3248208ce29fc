/**
 * A footnote's text may point at paragraphs ("For the discussion of the
 * working group on this recommendation, see paragraph 109 below"). It is
 * stored with each reference as a token naming the paragraph's id,
 * `{{ref:p_…}}`, and shown with the words computed for the current numbering.
 *
 * While someone edits a footnote the tokens read `[[109]]` (the paragraph's
 * current number), which can also be typed by hand; on saving they turn
 * back into ids, so the footnote keeps pointing at the same paragraph
 * whatever happens to the numbers afterwards.
 */
import type { Lang } from '../languages';
import { formatInteger } from '../i18n/dates';
import { GENERATED_PARAGRAPH_ID, PARAGRAPH_ID } from './ids';

/** A reference to a paragraph of a text (`p_…`) or to a paragraph the report generates (`p-…`, see ids.ts). */
const TOKEN = /\{\{(ref|num):(p_[A-Za-z0-9]{6,32}|p-[A-Za-z0-9_-]{1,100})\}\}/g;
/**
 * The report as the footnote editor names it before a paragraph number of the
 * report, in the document's language: `[[report 109]]`, `[[التقرير ١٠٩]]`.
 */
const REPORT_WORD: Record<Lang, string> = { en: 'report', fr: 'rapport', es: 'informe', ru: 'доклад', zh: '报告', ar: 'التقرير' };
/**
 * `[[109]]`, `[[١٠٩]]` or, for a paragraph that no longer has a number, `[[p_…]]`; `[[#109]]` for the number alone;
 * `[[report 109]]` (in any of the six languages) for a paragraph outside this text, by the number the report prints.
 */
const EDITABLE = new RegExp(
  String.raw`\[\[\s*(#?)\s*(?:(${Object.values(REPORT_WORD).join('|')})\s*)?([0-9\u0660-\u0669\u06F0-\u06F9]+|p_[A-Za-z0-9]{6,32}|p-[A-Za-z0-9_-]{1,100})\s*\]\]`,
  'gi',
);

/** `bare`: the paragraph's number alone ("109"), where the words around it say "paragraph" themselves. */
export type NoteSegment = { text: string } | { ref: string; bare?: true };

export function refToken(paragraphId: string): string {
  return `{{ref:${paragraphId}}}`;
}

/** A reference to a paragraph written as its number alone, numbered as the text (or the report) numbers it. */
export function numberToken(paragraphId: string): string {
  return `{{num:${paragraphId}}}`;
}

/** The footnote's text cut into plain text and references, in order. */
export function noteSegments(note: string): NoteSegment[] {
  const out: NoteSegment[] = [];
  let last = 0;
  for (const m of note.matchAll(TOKEN)) {
    if (m.index > last) out.push({ text: note.slice(last, m.index) });
    out.push(m[1] === 'num' ? { ref: m[2], bare: true } : { ref: m[2] });
    last = m.index + m[0].length;
  }
  if (last < note.length) out.push({ text: note.slice(last) });
  return out;
}

/** The paragraph ids a footnote points at, in order. */
export function noteRefs(note: string): string[] {
  return [...note.matchAll(TOKEN)].map((m) => m[2]);
}

/** Arabic-Indic and extended Arabic-Indic digits read as 0-9. */
function readDigits(s: string): number {
  return Number(s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x6f0)));
}

/**
 * The text as the footnote editor shows it: each reference as `[[number]]`
 * (in the document's digits); a paragraph outside this text as
 * `[[report 109]]`, numbered as the report prints it, when `reportNumberOf`
 * knows it. Only a paragraph known to neither shows by its id.
 */
export function toEditableNote(
  note: string,
  numberOf: (paragraphId: string) => number | null,
  options: { lang?: Lang; reportNumberOf?: (paragraphId: string) => number | null } = {},
): string {
  const lang = options.lang ?? 'en';
  return noteSegments(note)
    .map((s) => {
      if ('text' in s) return s.text;
      const bare = 'bare' in s ? '#' : '';
      const own = numberOf(s.ref);
      if (own !== null) return `[[${bare}${formatInteger(own, lang)}]]`;
      const inReport = options.reportNumberOf?.(s.ref) ?? null;
      return inReport !== null ? `[[${bare}${REPORT_WORD[lang]} ${formatInteger(inReport, lang)}]]` : `[[${bare}${s.ref}]]`;
    })
    .join('');
}

/**
 * The text to store: each `[[number]]` becomes the id of the paragraph that
 * has that number now, each `[[report number]]` the id of the paragraph the
 * report prints with that number. Numbers no paragraph has are returned in
 * `unknown` (and left as typed), so the editor can say which.
 */
export function fromEditableNote(
  editable: string,
  idOf: (paragraphNumber: number) => string | null,
  reportIdOf: (reportNumber: number) => string | null = () => null,
): { note: string; unknown: string[] } {
  const unknown: string[] = [];
  const note = editable.replace(EDITABLE, (whole, bare: string, report: string | undefined, what: string) => {
    const token = bare ? numberToken : refToken;
    if (PARAGRAPH_ID.test(what) || GENERATED_PARAGRAPH_ID.test(what)) return token(what);
    const id = report ? reportIdOf(readDigits(what)) : idOf(readDigits(what));
    if (id) return token(id);
    unknown.push(report ? `${report} ${what}` : what);
    return whole;
  });
  return { note, unknown };
}

/**
 * The editable text with each reference replaced by what `words` gives for
 * it (a preview: "paragraph 109 below"), or left as typed where it gives
 * null. `report`: the number is the report's (`[[report 109]]`).
 */
export function replaceEditableReferences(
  editable: string,
  words: (ref: { number: number; bare: boolean; report: boolean }) => string | null,
): string {
  return editable.replace(EDITABLE, (whole, bare: string, report: string | undefined, what: string) =>
    /^[0-9\u0660-\u0669\u06F0-\u06F9]+$/.test(what) ? (words({ number: readDigits(what), bare: bare === '#', report: report !== undefined }) ?? whole) : whole,
  );
}
