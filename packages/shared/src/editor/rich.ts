/**
 * A paragraph's content as plain data: its words with their formatting, its
 * footnotes, cross-references, line breaks and brackets, and its
 * subparagraphs. This is what the ledger keeps of an amendment (the text
 * tabled, and the paragraph it was drafted against), what a chair's modified
 * text is sent as, and what the server writes back into the live text when
 * a decision changes it. No Lexical here: `content.ts` reads and writes it
 * in an editor.
 *
 * For the word diff and the three-way merge a paragraph is cut into tokens
 * (`richTokens`): each word, space or mark with its formatting, each
 * footnote, reference, bracket and line break as one indivisible token, and
 * a token where each subparagraph starts. `fromTokens` puts them back.
 */
import { z } from 'zod';
import { tokenize } from './diff';
import { PARAGRAPH_ID } from './ids';
import { freeText, text } from '../core/schema';

/** A bracket as the text carries it: the alternatives, and who proposed them (see nodes.ts BracketNode). */
export interface BracketInline {
  id: string;
  /** The bracketed alternatives in order, as plain words; '' is "delete these words". */
  alternatives: string[];
  /** The delegation that proposed it (id). */
  by: string;
  /** Its name as the text shows it, in the text's language: "Norway". */
  label: string;
}

export type Inline =
  /** Words, with Lexical's format bits (1 bold, 2 italic, 8 underline, …); 0 or absent: plain. */
  | { text: string; format?: number }
  /** A footnote: its text, with references as `{{ref:p_…}}` tokens (footnotes.ts). */
  | { footnote: string }
  /** A cross-reference to a paragraph, by id. */
  | { ref: string }
  | { br: true }
  | { bracket: BracketInline };

export interface RichItem {
  /** 0: (a), (b); 1: (i), (ii). */
  depth: number;
  inlines: Inline[];
}

export interface RichParagraph {
  /** The paragraph's own words. */
  inlines: Inline[];
  /** Its subparagraphs in order, if any. */
  items?: RichItem[];
}

export const MAX_RICH_CHARS = 20_000;
const MAX_INLINES = 2_000;
const MAX_ITEMS = 200;
const MAX_ALTERNATIVES = 10;

const paragraphRef = z.string().regex(PARAGRAPH_ID, 'not a paragraph id');

const bracketSchema = z
  .object({
    id: z.string().regex(/^[a-z]{1,3}_[A-Za-z0-9]{6,32}$/),
    alternatives: z.array(freeText(MAX_RICH_CHARS)).min(1).max(MAX_ALTERNATIVES),
    by: freeText(64),
    label: freeText(300),
  })
  .strict();

/** What a client may send as content: no brackets (they are placed and lifted by decisions only), except existing ones by id. */
const inlineSchema = z.union([
  z.object({ text: freeText(MAX_RICH_CHARS), format: z.number().int().min(0).max(2047).optional() }).strict(),
  z.object({ footnote: freeText(4000) }).strict(),
  z.object({ ref: paragraphRef }).strict(),
  z.object({ br: z.literal(true) }).strict(),
  z.object({ bracket: bracketSchema }).strict(),
]);

export const RichParagraphSchema = z
  .object({
    inlines: z.array(inlineSchema).max(MAX_INLINES),
    items: z
      .array(z.object({ depth: z.number().int().min(0).max(4), inlines: z.array(inlineSchema).max(MAX_INLINES) }).strict())
      .max(MAX_ITEMS)
      .optional(),
  })
  .strict()
  .refine((p) => richLength(p) <= MAX_RICH_CHARS, `at most ${MAX_RICH_CHARS} characters`);

/** A paragraph's words as plain text, or as rich content: what commands that carry a text accept. */
export const ParagraphTextSchema = z.union([text(MAX_RICH_CHARS), RichParagraphSchema]);
export type ParagraphTextInput = z.infer<typeof ParagraphTextSchema>;

/** Plain text (one paragraph, no subparagraphs) as rich content. */
export function richFromText(text: string): RichParagraph {
  return { inlines: text ? [{ text }] : [] };
}

export function asRich(input: ParagraphTextInput): RichParagraph {
  return typeof input === 'string' ? richFromText(input) : (input as RichParagraph);
}

function richLength(p: RichParagraph): number {
  const count = (inlines: Inline[]) => inlines.reduce((n, i) => n + ('text' in i ? i.text.length : 'footnote' in i ? i.footnote.length : 1), 0);
  return count(p.inlines) + (p.items ?? []).reduce((n, item) => n + count(item.inlines), 0);
}

// ---------------------------------------------------------------------------
// Plain text

/** How references and footnotes read where no numbering is at hand. */
export interface PlainOptions {
  /** "paragraph 110 below" for a reference; default "paragraph [p_…]". */
  refWords?: (target: string) => string;
  /** The footnote marker; default "[*]". */
  footnoteMark?: (note: string) => string;
  /** The word for a proposed deletion: "(Egypt: delete)". */
  deleteWord?: string;
}

/** A bracket as negotiators write it: "[should][shall] (Norway)"; a deletion "[to the extent possible] (Egypt: delete)". */
export function bracketText(b: Pick<BracketInline, 'alternatives' | 'label'>, deleteWord = 'delete'): string {
  const tag = bracketTag(b, deleteWord);
  return `${b.alternatives.filter((a) => a.length > 0).map((a) => `[${a}]`).join('')}${tag ? ` ${tag}` : ''}`;
}

/**
 * Plain text has no markup to set a placed bracket apart from square brackets
 * typed as words (or a typed "[1]" from a footnote marker), so there the typed
 * ones are escaped as Markdown escapes them: "\[must\]" (and "\" itself).
 */
export function escapeTypedBrackets(s: string): string {
  return s.replace(/([\\[\]])/g, '\\$1');
}

/** "(Norway)", or "(Egypt: delete)" when the bracket proposes only to delete its words; '' without a proposer. */
export function bracketTag(b: Pick<BracketInline, 'alternatives' | 'label'>, deleteWord = 'delete'): string {
  if (!b.label) return '';
  const shown = b.alternatives.filter((a) => a.length > 0);
  // The first alternative is what the text said; an empty later one proposes to delete it. ['', words] proposes to insert.
  const deletion = shown.length === 1 && b.alternatives.length > 1 && b.alternatives[0] !== '';
  return `(${b.label}${deletion ? `: ${deleteWord}` : ''})`;
}

/**
 * Words as read for plain text and the exports, each part saying what it is:
 * words someone typed (cross-references in words among them), a bracket the
 * meeting placed as negotiators write it ("[should][shall] (Norway)"), or a
 * footnote marker ("[1]"). A placed bracket is never merged with typed words,
 * so that every reader can set it apart from square brackets typed as words
 * (issue 10): escaped in plain text (`plainWords`), `<span class="bracket">`
 * in HTML and bold in Markdown (report/inline.ts), `{ t: 'bracket' }` in JSON.
 */
export type WordPart = { t: 'text'; text: string } | { t: 'bracket'; text: string } | { t: 'mark'; text: string };

/** Adds a part, joining typed words to the typed words before them. */
export function pushWords(out: WordPart[], part: WordPart): WordPart[] {
  const last = out.at(-1);
  if (part.text === '') return out;
  if (part.t === 'text' && last?.t === 'text') last.text += part.text;
  else out.push({ ...part });
  return out;
}

/** The words as they read, brackets and markers as written (for screens; plain text is `plainWords`). */
export function wordsText(parts: readonly WordPart[]): string {
  return parts.map((p) => p.text).join('');
}

/** Plain text: square brackets typed as words escaped (escapeTypedBrackets), so that unescaped ones are placed brackets or footnote markers. */
export function plainWords(parts: readonly WordPart[]): string {
  return parts.map((p) => (p.t === 'text' ? escapeTypedBrackets(p.text) : p.text)).join('');
}

export function inlineParts(inlines: readonly Inline[], options: PlainOptions = {}, out: WordPart[] = []): WordPart[] {
  for (const i of inlines) {
    if ('text' in i) pushWords(out, { t: 'text', text: i.text });
    else if ('br' in i) pushWords(out, { t: 'text', text: '\n' });
    else if ('footnote' in i) pushWords(out, { t: 'mark', text: options.footnoteMark?.(i.footnote) ?? '[*]' });
    else if ('ref' in i) pushWords(out, { t: 'text', text: options.refWords?.(i.ref) ?? `paragraph [${i.ref}]` });
    else pushWords(out, { t: 'bracket', text: bracketText(i.bracket, options.deleteWord) });
  }
  return out;
}

/** The paragraph's parts: its words, then one line per subparagraph. */
export function richParts(p: RichParagraph, options: PlainOptions = {}): WordPart[] {
  const out = inlineParts(p.inlines, options);
  for (const item of p.items ?? []) inlineParts(item.inlines, options, pushWords(out, { t: 'text', text: `\n${'  '.repeat(item.depth)}` }));
  return out;
}

export function inlinesText(inlines: readonly Inline[], options: PlainOptions = {}): string {
  return wordsText(inlineParts(inlines, options));
}

/** The paragraph as it reads: its words, then one line per subparagraph. */
export function richText(p: RichParagraph, options: PlainOptions = {}): string {
  return wordsText(richParts(p, options));
}

/** The open brackets a paragraph carries, in order. */
export function richBrackets(p: RichParagraph): BracketInline[] {
  const all = [...p.inlines, ...(p.items ?? []).flatMap((i) => i.inlines)];
  return all.flatMap((i) => ('bracket' in i ? [i.bracket] : []));
}

/** Does the paragraph carry anything but words and line breaks (footnotes, references, brackets)? */
export function hasAtoms(inlines: readonly Inline[]): boolean {
  return inlines.some((i) => !('text' in i) && !('br' in i));
}

// ---------------------------------------------------------------------------
// Tokens

/**
 * One unit of the diff and the merge. Two tokens are the same when their
 * keys are: a word with another format is another token, so making a word
 * bold is a change like any other.
 */
export type RichToken =
  | { kind: 'text'; text: string; format: number; key: string }
  | { kind: 'atom'; inline: Exclude<Inline, { text: string }>; key: string }
  /** A subparagraph starts here. */
  | { kind: 'item'; depth: number; key: string };

function atomKey(i: Exclude<Inline, { text: string }>): string {
  if ('br' in i) return 'br';
  if ('footnote' in i) return `fn:${i.footnote}`;
  if ('ref' in i) return `ref:${i.ref}`;
  return `bk:${i.bracket.id}`;
}

function inlineTokens(inlines: readonly Inline[], out: RichToken[]): void {
  for (const i of inlines) {
    if ('text' in i) {
      const format = i.format ?? 0;
      for (const t of tokenize(i.text)) out.push({ kind: 'text', text: t, format, key: `t${format}:${t}` });
    } else {
      out.push({ kind: 'atom', inline: i, key: atomKey(i) });
    }
  }
}

export function richTokens(p: RichParagraph): RichToken[] {
  const out: RichToken[] = [];
  inlineTokens(p.inlines, out);
  for (const item of p.items ?? []) {
    out.push({ kind: 'item', depth: item.depth, key: `li:${item.depth}` });
    inlineTokens(item.inlines, out);
  }
  return out;
}

/** Inlines from tokens: neighbouring words of one format become one run. */
export function inlinesFromTokens(tokens: readonly RichToken[]): Inline[] {
  const out: Inline[] = [];
  for (const t of tokens) {
    if (t.kind === 'item') continue;
    if (t.kind === 'atom') {
      out.push(t.inline);
      continue;
    }
    const last = out.at(-1);
    if (last && 'text' in last && (last.format ?? 0) === t.format) last.text += t.text;
    else out.push(t.format ? { text: t.text, format: t.format } : { text: t.text });
  }
  return out;
}

export function fromTokens(tokens: readonly RichToken[]): RichParagraph {
  const own: RichToken[] = [];
  const items: { depth: number; tokens: RichToken[] }[] = [];
  for (const t of tokens) {
    if (t.kind === 'item') items.push({ depth: t.depth, tokens: [] });
    else if (items.length) items.at(-1)!.tokens.push(t);
    else own.push(t);
  }
  const p: RichParagraph = { inlines: inlinesFromTokens(own) };
  if (items.length) p.items = items.map((i) => ({ depth: i.depth, inlines: inlinesFromTokens(i.tokens) }));
  return p;
}

/** The same words, marks and structure (runs may be cut differently). */
export function sameRich(a: RichParagraph, b: RichParagraph): boolean {
  const x = richTokens(a);
  const y = richTokens(b);
  return x.length === y.length && x.every((t, i) => t.key === y[i].key);
}

/** A copy cut into runs the way `fromTokens` cuts them, so that equal content is equal JSON. */
export function normalizeRich(p: RichParagraph): RichParagraph {
  return fromTokens(richTokens(p));
}
