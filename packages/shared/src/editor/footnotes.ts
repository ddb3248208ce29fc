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
import { GENERATED_PARAGRAPH_ID, PARAGRAPH_ID } from './ids';

/** A reference to a paragraph of a text (`p_…`) or to a paragraph the report generates (`p-…`, see ids.ts). */
const TOKEN = /\{\{(ref|num):(p_[A-Za-z0-9]{6,32}|p-[A-Za-z0-9_-]{1,100})\}\}/g;
/** `[[109]]`, `[[١٠٩]]` or, for a paragraph that no longer has a number, `[[p_…]]`; `[[#109]]` for the number alone. */
const EDITABLE = /\[\[\s*(#?)\s*([0-9\u0660-\u0669\u06F0-\u06F9]+|p_[A-Za-z0-9]{6,32}|p-[A-Za-z0-9_-]{1,100})\s*\]\]/g;

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

/** The text as the footnote editor shows it: each reference as `[[number]]`. */
export function toEditableNote(note: string, numberOf: (paragraphId: string) => number | null): string {
  return noteSegments(note)
    .map((s) => ('text' in s ? s.text : `[[${'bare' in s ? '#' : ''}${numberOf(s.ref) ?? s.ref}]]`))
    .join('');
}

/**
 * The text to store: each `[[number]]` becomes the id of the paragraph that
 * has that number now. Numbers no paragraph has are returned in `unknown`
 * (and left as typed), so the editor can say which.
 */
export function fromEditableNote(
  editable: string,
  idOf: (paragraphNumber: number) => string | null,
): { note: string; unknown: string[] } {
  const unknown: string[] = [];
  const note = editable.replace(EDITABLE, (whole, bare: string, what: string) => {
    const token = bare ? numberToken : refToken;
    if (PARAGRAPH_ID.test(what) || GENERATED_PARAGRAPH_ID.test(what)) return token(what);
    const id = idOf(readDigits(what));
    if (id) return token(id);
    unknown.push(what);
    return whole;
  });
  return { note, unknown };
}
