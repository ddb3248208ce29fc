/**
 * Reading an existing draft (the secretariat's document) into blocks of a
 * drafted text. The numbers in the source ("6.", "A.", "1.", "(a)") tell
 * what each line is and are then dropped: Gavel computes them. References
 * written out in the source ("see paragraph 109 below") become live
 * cross-references to the paragraph that had that number in the source;
 * references to another document ("paragraph 12 of the 2009 report") stay
 * words. What it guessed (a heading from a line's look, a reference left as
 * words) comes back as notes by line, for the user to check.
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
  /** Where it starts in the source, from 1: the file's line (text) or the document's paragraph (DOCX). */
  line?: number;
}

/**
 * What the import decided without the source saying so, by line:
 * - `section_mark`: a line starting with a section's mark ("A.", "II.", "ألف-") became a section heading;
 * - `short_numbered_line`: a short numbered line without a full stop, out of the paragraphs' sequence, became a subheading;
 * - `external_reference`: a paragraph of another document ("paragraph 12 of the 2009 report") stays words;
 * - `unknown_reference`: no paragraph of the source has that number: the reference stays words.
 */
export const IMPORT_NOTE_CODES = ['section_mark', 'short_numbered_line', 'external_reference', 'unknown_reference'] as const;
export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

export interface ImportNote {
  line: number;
  code: ImportNoteCode;
  /** The line's beginning, or the reference's words, as the source has them. */
  text: string;
}

/** Why an import has no paragraph: the file holds no text, or every line read as a heading (the notes say why each). */
export type NoParagraphsReason = 'empty' | 'only_headings';

export interface DraftReading {
  blocks: ImportBlock[];
  notes: ImportNote[];
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

const excerpt = (runs: Run[]) => {
  const text = runs.map((r) => ('text' in r ? r.text : '')).join('').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** Classifies the source's lines into headings, numbered paragraphs and subparagraph lists, with notes on what it guessed. */
export function classifyLines(lines: readonly SourceLine[]): DraftReading {
  const blocks: ImportBlock[] = [];
  const notes: ImportNote[] = [];
  // The source line each block starts at, for the notes on references.
  const starts: number[] = [];
  let lastParagraph: number | null = null;
  let lastLetter = '';
  const addItem = (runs: Run[], depth: number) => {
    const last = blocks.at(-1);
    if (last?.kind === 'list') last.items.push({ runs, depth });
    else blocks.push({ kind: 'list', items: [{ runs, depth }] });
  };
  lines.forEach((line, index) => {
    const at = line.line ?? index + 1;
    const before = blocks.length;
    classifyLine(line, at);
    if (blocks.length > before) starts.push(at);
  });
  function classifyLine(line: SourceLine, at: number): void {
    if (plainLength(line.runs) === 0 && !line.runs.some((r) => 'footnote' in r)) return;
    const text = firstText(line.runs);
    if (line.hint && 'heading' in line.hint) {
      // The lettering says more than the style: "A." is a section, "1." a subsection; else Heading 1 is a section.
      const section = SECTION_MARK.exec(text);
      const numbered = section ? null : PARAGRAPH_MARK.exec(text);
      const kind = section ? 'section' : numbered ? 'subsection' : line.hint.heading <= 1 ? 'section' : 'subsection';
      blocks.push({ kind, runs: dropPrefix(line.runs, (section ?? numbered)?.[0].length ?? 0) });
      return;
    }
    if (line.hint && 'listDepth' in line.hint) {
      addItem(line.runs, line.hint.listDepth);
      return;
    }
    const section = SECTION_MARK.exec(text);
    if (section && plainLength(line.runs) < 200) {
      notes.push({ line: at, code: 'section_mark', text: excerpt(line.runs) });
      blocks.push({ kind: 'section', runs: dropPrefix(line.runs, section[0].length) });
      return;
    }
    const sub = SUB_MARK.exec(text);
    if (sub) {
      const mark = sub[1];
      // (i) after (h) is a letter; otherwise (i), (ii) … go one level down.
      const roman = ROMAN.test(mark) && !(mark === 'i' && lastLetter === 'h');
      const depth = roman || /^[0-9\u0660-\u0669]/.test(mark) ? 1 : 0;
      if (depth === 0) lastLetter = mark;
      addItem(dropPrefix(line.runs, sub[0].length), depth);
      return;
    }
    const numbered = PARAGRAPH_MARK.exec(text);
    if (numbered) {
      const num = Number(toLatinDigits(numbered[1]));
      const runs = dropPrefix(line.runs, numbered[0].length);
      // Paragraphs are numbered continuously; a number out of that sequence on a short line without a full stop is a subsection's.
      const continues = lastParagraph !== null && num === lastParagraph + 1;
      if (!continues && plainLength(runs) <= 150 && !endsLikeSentence(runs)) {
        notes.push({ line: at, code: 'short_numbered_line', text: excerpt(line.runs) });
        blocks.push({ kind: 'subsection', runs });
        return;
      }
      lastParagraph = num;
      lastLetter = '';
      blocks.push({ kind: 'paragraph', runs, source: num });
      return;
    }
    lastLetter = '';
    blocks.push({ kind: 'paragraph', runs: line.runs, source: null });
  }
  const kept = blocks.slice(0, MAX_IMPORT_BLOCKS);
  notes.push(...referenceNotes(kept, starts));
  return { blocks: kept, notes: notes.sort((a, b) => a.line - b.line) };
}

/** The written references the import will not link, by line: to another document, or to a number no paragraph had. */
function referenceNotes(blocks: readonly ImportBlock[], starts: readonly number[]): ImportNote[] {
  const numbers = new Set(blocks.flatMap((b) => (b.kind === 'paragraph' && b.source !== null ? [b.source] : [])));
  const notes: ImportNote[] = [];
  blocks.forEach((b, i) => {
    const runs = b.kind === 'list' ? b.items.flatMap((item) => item.runs) : b.runs;
    for (const r of runs) {
      for (const piece of findWrittenReferences('text' in r ? r.text : r.footnote)) {
        if ('outside' in piece) notes.push({ line: starts[i], code: 'external_reference', text: piece.outside });
        else if ('ref' in piece && !numbers.has(piece.ref)) notes.push({ line: starts[i], code: 'unknown_reference', text: piece.words });
      }
    }
  });
  return notes;
}

/** Why the reading has no paragraph to import, or null when it has one. */
export function noParagraphsReason(reading: DraftReading): NoParagraphsReason | null {
  if (reading.blocks.some((b) => b.kind === 'paragraph' || b.kind === 'list')) return null;
  return reading.blocks.length === 0 ? 'empty' : 'only_headings';
}


/**
 * A plain text draft: one paragraph per line, or paragraphs separated by
 * blank lines with their lines wrapped (a wrapped line that starts with no
 * number continues the paragraph before it).
 */
export function parsePlainDraft(text: string): DraftReading {
  const rawLines = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: SourceLine[] = [];
  let current: string | null = null;
  let startsAt = 0;
  const flush = () => {
    if (current !== null && current.trim()) lines.push({ runs: [{ text: current.trim() }], line: startsAt });
    current = null;
  };
  const startsBlock = (line: string) => PARAGRAPH_MARK.test(line) || SECTION_MARK.test(line) || SUB_MARK.test(line);
  rawLines.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) {
      flush();
      return;
    }
    if (current === null || startsBlock(line)) {
      flush();
      current = line.trim();
      startsAt = i + 1;
    } else {
      current += ` ${line.trim()}`;
    }
  });
  flush();
  return classifyLines(lines);
}

/** A reference written out in the source: "paragraph 109 below" and its equivalents in the six languages. */
const WRITTEN_REFERENCE =
  /(paragraph|paragraphe|párrafo|пункт[а-я]*|الفقرة)\s+([0-9]{1,4}|[\u0660-\u0669]{1,4})(\s+(?:above|below|ci-dessus|ci-dessous|ci-après|supra|infra|выше|ниже|أعلاه|أدناه))?|(上文|下文)?第([0-9]{1,4})段/g;

/**
 * A piece of text: plain words, a reference to a paragraph of this text (by
 * its number in the source), or a reference to a paragraph of another
 * document ("paragraph 12 of the 2009 report"), which stays words.
 */
export type TextPiece = { text: string } | { ref: number; words: string } | { outside: string };

/**
 * What follows a reference when it names another document: "of the 2009
 * report", "de la résolution 64/178", "del informe", "доклада", "من تقرير"
 * — unless it names this one ("of the present report", "настоящего
 * доклада", "من هذا التقرير").
 */
const OTHER_DOCUMENT_AFTER = /^\s*(?:of|in|de|du|des|del|d['’]|из|من|في)\s|^\s*[а-яё]{3,}/i;
const THIS_DOCUMENT_AFTER =
  /^\s*(?:of|in)\s+(?:the\s+)?(?:present|this)\b|^\s*(?:du|de\s+la|de)\s+(?:présente?|ce)\b|^\s*del?\s+(?:presente|este)\b|^\s*настоящ|^\s*(?:من|في)\s+(?:هذا|هذه)\s/i;
/** Before a Chinese reference: another document's name ("2009年报告第12段", "第64/178号决议第3段" is written the other way round) unless "本". */
const OTHER_DOCUMENT_BEFORE_ZH = /(?:报告|决议|决定|文件|公约|议定书|号)$/;

function namesAnotherDocument(text: string, m: RegExpMatchArray): boolean {
  if (m[5] !== undefined) {
    const before = text.slice(0, m.index);
    return !m[4] && OTHER_DOCUMENT_BEFORE_ZH.test(before) && !/本(?:报告|文件)$/.test(before);
  }
  if (m[3]) return false;
  const after = text.slice((m.index ?? 0) + m[0].length);
  return OTHER_DOCUMENT_AFTER.test(after) && !THIS_DOCUMENT_AFTER.test(after);
}

/** Cuts a text into plain pieces and written references to paragraphs (by their number in the source). */
export function findWrittenReferences(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(WRITTEN_REFERENCE)) {
    const number = Number(toLatinDigits(m[2] ?? m[5]));
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push(namesAnotherDocument(text, m) ? { outside: m[0] } : { ref: number, words: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/** After a reference, "of the report" with nothing to tell it from this one: in the report's own footnotes it names the report. */
const THE_REPORT_AFTER =
  /^\s*(?:(?:of|in)\s+the\s+report\b|du\s+rapport\b|del\s+informe\b|доклада(?![а-яё])|(?:من|في)\s+التقرير)(?!\s*(?:of|de|du|des|del|за|من|لعام|عام|[0-9\u0660-\u0669]))/i;

/** A paragraph's number in a footnote's words: typed digits, or the placeholder `{n}` the report fills in. */
const LIST_ELEMENT = String.raw`(?:\{n\}|[0-9]{1,4}|[\u0660-\u0669]{1,4})`;
/** Between two numbers of a list: "109 and 110", "109, 110", "109-110", "109 et 110", "109 y 110", "109 и 110", "١٠٩ و١١٠". */
const LIST_SEPARATOR = String.raw`(?:\s*[,،;؛]\s*(?:(?:and|or|et|ou|y|e|o|и|или)\s+|و\s*)?|\s+(?:and|or|to|through|et|ou|à|y|e|o|a|и|или|до|по|إلى|حتى)\s+|\s*و\s*|\s*[-–—]\s*)`;
/** Where a list of numbers follows: "paragraphs", "paragraphes", "párrafos", "пунктах", "الفقرتين" (with its clitics: "بالفقرة", "للفقرتين"). */
const LIST_HEAD = String.raw`(?:paragraphs?|paras?\.|paragraphes?|p[aá]rrafos?|пункт[а-яё]*|(?:ال|ل)?فقر(?:ة|تين|تان|ات))`;
const DIRECTION_AFTER = String.raw`(?:\s+(?:above|below|ci-dessus|ci-dessous|ci-après|supra|infra|выше|ниже|أعلاه|أدناه))?`;
/**
 * A paragraph reference in words, numbers and placeholders alike: "paragraph
 * 109", "paragraphs {n} and 110 below", "{ref} and 110", "الفقرتين {n} و١١٠",
 * "第{n}和110段", "下文第{n}段". Group 1 or 2 holds the list of numbers.
 */
const NUMBERED_LIST = new RegExp(
  String.raw`${LIST_HEAD}\s*(${LIST_ELEMENT}(?:${LIST_SEPARATOR}${LIST_ELEMENT})*)${DIRECTION_AFTER}` +
    String.raw`|\{ref\}((?:${LIST_SEPARATOR}${LIST_ELEMENT})+)${DIRECTION_AFTER}` +
    String.raw`|(?:上文|下文)?第\s*(${LIST_ELEMENT}(?:\s*(?:和|及|与|、|,|，|至|到|-|–)\s*(?:第\s*)?${LIST_ELEMENT})*)\s*段`,
  'gi',
);
const TYPED_NUMBER = /[0-9\u0660-\u0669]/;

/**
 * The first paragraph of the report that `words` number by hand ("paragraph
 * 109", "paragraph 109 of the report", "الفقرة ١٠٩ أدناه", "报告第109段"), or
 * null: the words as typed, placeholders included ("paragraphs {n} and 110").
 * A footnote of the report that types a number prints it as typed, wrong once
 * paragraphs are added; a typed number beside the placeholder is one too. A
 * list of another document's paragraphs ("paragraphs 12 and 13 of the 2009
 * report", "document CTOC/COP/WG.4/2010/2") is not this.
 */
export function typedReportReference(words: string): string | null {
  for (const m of words.matchAll(NUMBERED_LIST)) {
    const list = m[1] ?? m[2] ?? m[3] ?? '';
    if (!TYPED_NUMBER.test(list.replaceAll('{n}', ''))) continue;
    const start = m.index ?? 0;
    const before = words.slice(0, start);
    const after = words.slice(start + m[0].length);
    const directed = /(?:above|below|ci-dessus|ci-dessous|ci-après|supra|infra|выше|ниже|أعلاه|أدناه)$/i.test(m[0]) || /^(?:上文|下文)/.test(m[0]);
    const chinese = m[3] !== undefined;
    const another = directed
      ? false
      : chinese
        ? OTHER_DOCUMENT_BEFORE_ZH.test(before) && !/本(?:报告|文件)$/.test(before)
        : OTHER_DOCUMENT_AFTER.test(after) && !THIS_DOCUMENT_AFTER.test(after);
    if (!another) return m[0];
    if (chinese ? /(?:^|[^年号0-9])报告$/.test(before) : THE_REPORT_AFTER.test(after)) return m[0];
  }
  return null;
}
