/**
 * Reading an existing draft (the secretariat's document) into blocks of a
 * drafted text. The numbers in the source ("6.", "A.", "1.", "(a)") tell
 * what each line is and are then dropped: Gavel computes them. References
 * written out in the source ("see paragraph 109 below") become live
 * cross-references to the paragraph that had that number in the source.
 *
 * Pure. Plain text comes in as lines; the server turns DOCX (via mammoth's
 * HTML) into the same `SourceLine`s, with bold, italic and footnotes.
 */
import { ARABIC_SECTION_NAMES } from './labels';
import { ARABIC_LETTERS } from '../i18n/labels';

export type Run =
  | { text: string; bold?: boolean; italic?: boolean }
  /** A footnote at this point, with its text (references in it are found too). */
  | { footnote: string };

/** A line of the source: a paragraph of a word processor, or a paragraph of a plain text file. */
export interface SourceLine {
  runs: Run[];
  /** What the source itself says it is, when it says: a heading style, or an item of a list. */
  hint?: { heading: number } | { listDepth: number };
}

export type ImportBlock =
  | { kind: 'section' | 'subsection'; runs: Run[] }
  /** `source`: the number the paragraph had in the source, for references to it. */
  | { kind: 'paragraph'; runs: Run[]; source: number | null }
  | { kind: 'list'; items: { runs: Run[]; depth: number }[] };

/** Most blocks an import may make; a real report has a few hundred. */
export const MAX_IMPORT_BLOCKS = 5000;

const ARABIC_DIGITS = /[\u0660-\u0669]/g;
const toLatinDigits = (s: string) => s.replace(ARABIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x660));

const PARAGRAPH_MARK = /^\s*([0-9]{1,4}|[\u0660-\u0669]{1,4})\s*[.\-–]\s*/;
const SECTION_MARK = new RegExp(`^\\s*(?:([A-Z]|[IVX]{1,5})\\.|(${ARABIC_SECTION_NAMES.join('|')}|أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا)\\s*[-–])\\s+`);
const ROMAN = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$/;
const SUB_MARK = new RegExp(`^\\s*\\(?([a-z]{1,2}|[${ARABIC_LETTERS.filter((l) => l.length === 1).join('')}]|هـ|[0-9\u0660-\u0669]{1,2})\\)\\s+`);

function firstText(runs: Run[]): string {
  const first = runs[0];
  return first && 'text' in first ? first.text : '';
}

/** The runs with the first `length` characters of the first run removed. */
function dropPrefix(runs: Run[], length: number): Run[] {
  const [first, ...rest] = runs;
  if (!first || !('text' in first)) return runs;
  const text = first.text.slice(length);
  return text ? [{ ...first, text }, ...rest] : rest;
}

function plainLength(runs: Run[]): number {
  return runs.reduce((sum, r) => sum + ('text' in r ? r.text.length : 0), 0);
}

function endsLikeSentence(runs: Run[]): boolean {
  const last = [...runs].reverse().find((r): r is { text: string } => 'text' in r && r.text.trim() !== '');
  return last ? /[.;:،؛。：；]$/.test(last.text.trim()) : false;
}

/** Classifies the source's lines into headings, numbered paragraphs and subparagraph lists. */
export function classifyLines(lines: readonly SourceLine[]): ImportBlock[] {
  const blocks: ImportBlock[] = [];
  let lastParagraph: number | null = null;
  let lastLetter = '';
  const addItem = (runs: Run[], depth: number) => {
    const last = blocks.at(-1);
    if (last?.kind === 'list') last.items.push({ runs, depth });
    else blocks.push({ kind: 'list', items: [{ runs, depth }] });
  };
  for (const line of lines) {
    if (plainLength(line.runs) === 0 && !line.runs.some((r) => 'footnote' in r)) continue;
    const text = firstText(line.runs);
    if (line.hint && 'heading' in line.hint) {
      // The lettering says more than the style: "A." is a section, "1." a subsection; else Heading 1 is a section.
      const section = SECTION_MARK.exec(text);
      const numbered = section ? null : PARAGRAPH_MARK.exec(text);
      const kind = section ? 'section' : numbered ? 'subsection' : line.hint.heading <= 1 ? 'section' : 'subsection';
      blocks.push({ kind, runs: dropPrefix(line.runs, (section ?? numbered)?.[0].length ?? 0) });
      continue;
    }
    if (line.hint && 'listDepth' in line.hint) {
      addItem(line.runs, line.hint.listDepth);
      continue;
    }
    const section = SECTION_MARK.exec(text);
    if (section && plainLength(line.runs) < 200) {
      blocks.push({ kind: 'section', runs: dropPrefix(line.runs, section[0].length) });
      continue;
    }
    const sub = SUB_MARK.exec(text);
    if (sub) {
      const mark = sub[1];
      // (i) after (h) is a letter; otherwise (i), (ii) … go one level down.
      const roman = ROMAN.test(mark) && !(mark === 'i' && lastLetter === 'h');
      const depth = roman || /^[0-9\u0660-\u0669]/.test(mark) ? 1 : 0;
      if (depth === 0) lastLetter = mark;
      addItem(dropPrefix(line.runs, sub[0].length), depth);
      continue;
    }
    const numbered = PARAGRAPH_MARK.exec(text);
    if (numbered) {
      const num = Number(toLatinDigits(numbered[1]));
      const runs = dropPrefix(line.runs, numbered[0].length);
      // Paragraphs are numbered continuously; a number out of that sequence on a short line without a full stop is a subsection's.
      const continues = lastParagraph !== null && num === lastParagraph + 1;
      if (!continues && plainLength(runs) <= 150 && !endsLikeSentence(runs)) {
        blocks.push({ kind: 'subsection', runs });
        continue;
      }
      lastParagraph = num;
      lastLetter = '';
      blocks.push({ kind: 'paragraph', runs, source: num });
      continue;
    }
    lastLetter = '';
    blocks.push({ kind: 'paragraph', runs: line.runs, source: null });
  }
  return blocks.slice(0, MAX_IMPORT_BLOCKS);
}

/**
 * A plain text draft: one paragraph per line, or paragraphs separated by
 * blank lines with their lines wrapped (a wrapped line that starts with no
 * number continues the paragraph before it).
 */
export function parsePlainDraft(text: string): ImportBlock[] {
  const rawLines = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: SourceLine[] = [];
  let current: string | null = null;
  const flush = () => {
    if (current !== null && current.trim()) lines.push({ runs: [{ text: current.trim() }] });
    current = null;
  };
  const startsBlock = (line: string) => PARAGRAPH_MARK.test(line) || SECTION_MARK.test(line) || SUB_MARK.test(line);
  for (const raw of rawLines) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) {
      flush();
      continue;
    }
    if (current === null || startsBlock(line)) {
      flush();
      current = line.trim();
    } else {
      current += ` ${line.trim()}`;
    }
  }
  flush();
  return classifyLines(lines);
}

/** A reference written out in the source: "paragraph 109 below" and its equivalents in the six languages. */
const WRITTEN_REFERENCE =
  /(paragraph|paragraphe|párrafo|пункт[а-я]*|الفقرة)\s+([0-9]{1,4}|[\u0660-\u0669]{1,4})(\s+(?:above|below|ci-dessus|ci-dessous|ci-après|supra|infra|выше|ниже|أعلاه|أدناه))?|(上文|下文)?第([0-9]{1,4})段/g;

export type TextPiece = { text: string } | { ref: number; words: string };

/** Cuts a text into plain pieces and written references to paragraphs (by their number in the source). */
export function findWrittenReferences(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(WRITTEN_REFERENCE)) {
    const number = Number(toLatinDigits(m[2] ?? m[5]));
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ ref: number, words: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
