/**
 * Three-way merge of a paragraph, word by word, and the tracked changes an
 * amendment shows against the paragraph as it reads NOW.
 *
 * An amendment is drafted against the paragraph as it was (the base); by the
 * time the chair decides, the pen-holder may have changed the paragraph (the
 * current text). Merging base → current with base → proposed keeps both sets
 * of changes when they touch different words, takes a change both made only
 * once, and reports an explicit conflict where they changed the same words
 * differently: it never drops or doubles words silently.
 *
 * Tokens are rich.ts's: words, spaces and marks with their formatting, and
 * footnotes, references, brackets and line breaks as single tokens, so right-
 * to-left text and its punctuation (، ؛ ؟) merge like any other: a mark is a
 * token of its own, whatever the direction it is shown in.
 */
import { fromTokens, inlinesFromTokens, richFromText, richText, richTokens, type Inline, type PlainOptions, type RichParagraph, type RichToken } from './rich';

/** Beyond this many cells the alignment costs too much: only the common ends are matched (more conflicts, never wrong words). */
const MAX_CELLS = 4_000_000;

/** A space matched between two texts says little; words, marks and footnotes say more. */
function weight(key: string): number {
  return /^t\d+:\s+$/.test(key) ? 1 : 4;
}

/**
 * For each token of `a`, the index of the token of `b` it is aligned with, or
 * -1: the alignment of greatest weight that keeps the order (a weighted
 * longest common subsequence), so that words line up rather than the spaces
 * between them.
 */
export function align(a: readonly string[], b: readonly string[]): Int32Array {
  const match = new Int32Array(a.length).fill(-1);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    match[start] = start;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
    match[endA] = endB;
  }
  const x = endA - start;
  const y = endB - start;
  if (x === 0 || y === 0 || (x + 1) * (y + 1) > MAX_CELLS) return match;
  const width = y + 1;
  // best[i][j]: the greatest weight aligning a[start+i..endA) with b[start+j..endB).
  const best = new Uint32Array((x + 1) * width);
  for (let i = x - 1; i >= 0; i--) {
    for (let j = y - 1; j >= 0; j--) {
      let v = Math.max(best[(i + 1) * width + j], best[i * width + j + 1]);
      if (a[start + i] === b[start + j]) v = Math.max(v, best[(i + 1) * width + j + 1] + weight(a[start + i]));
      best[i * width + j] = v;
    }
  }
  let i = 0;
  let j = 0;
  while (i < x && j < y) {
    const here = best[i * width + j];
    if (a[start + i] === b[start + j] && here === best[(i + 1) * width + j + 1] + weight(a[start + i])) {
      match[start + i] = start + j;
      i++;
      j++;
    } else if (best[(i + 1) * width + j] >= best[i * width + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return match;
}

/** A stretch of the merge. Token arrays are slices of the three inputs. */
export type MergeChunk<T> =
  /** The same in all three. */
  | { kind: 'stable'; tokens: T[] }
  /** Changed in the current text only: the current words stay. */
  | { kind: 'current'; base: T[]; current: T[] }
  /** Changed by the amendment only: its words are taken. */
  | { kind: 'proposed'; base: T[]; proposed: T[] }
  /** Changed the same way in both: taken once. */
  | { kind: 'both'; base: T[]; tokens: T[] }
  /** Changed differently in both: the chair decides. */
  | { kind: 'conflict'; base: T[]; current: T[]; proposed: T[] };

export interface Merge<T> {
  chunks: MergeChunk<T>[];
  /** How many chunks conflict; 0: a clean merge. */
  conflicts: number;
  /** The merged tokens when clean, else null. */
  merged: T[] | null;
}

const sameKeys = (x: readonly { key: string }[], y: readonly { key: string }[]) => x.length === y.length && x.every((t, i) => t.key === y[i].key);

/** diff3 over keyed tokens. */
export function merge3<T extends { key: string }>(base: readonly T[], current: readonly T[], proposed: readonly T[]): Merge<T> {
  const keys = (ts: readonly T[]) => ts.map((t) => t.key);
  const toCurrent = align(keys(base), keys(current));
  const toProposed = align(keys(base), keys(proposed));
  const chunks: MergeChunk<T>[] = [];
  let o = 0;
  let a = 0;
  let b = 0;
  while (o < base.length || a < current.length || b < proposed.length) {
    if (o < base.length && toCurrent[o] === a && toProposed[o] === b) {
      const from = o;
      while (o < base.length && toCurrent[o] === a && toProposed[o] === b) {
        o++;
        a++;
        b++;
      }
      chunks.push({ kind: 'stable', tokens: base.slice(from, o) });
      continue;
    }
    // The next base token that both others kept ends the unstable stretch.
    let next = o;
    while (next < base.length && (toCurrent[next] < 0 || toProposed[next] < 0)) next++;
    const endA = next < base.length ? toCurrent[next] : current.length;
    const endB = next < base.length ? toProposed[next] : proposed.length;
    pushUnstable(chunks, base.slice(o, next), current.slice(a, endA), proposed.slice(b, endB));
    o = next;
    a = endA;
    b = endB;
  }
  const conflicts = chunks.filter((c) => c.kind === 'conflict').length;
  return { chunks, conflicts, merged: conflicts ? null : chunks.flatMap(mergedTokens) };
}

function pushUnstable<T extends { key: string }>(chunks: MergeChunk<T>[], base: T[], current: T[], proposed: T[]): void {
  if (base.length === 0 && current.length === 0 && proposed.length === 0) return;
  if (sameKeys(base, current)) return void chunks.push({ kind: 'proposed', base, proposed });
  if (sameKeys(base, proposed)) return void chunks.push({ kind: 'current', base, current });
  if (sameKeys(current, proposed)) return void chunks.push({ kind: 'both', base, tokens: current });
  // Both changed: what they agree on at either end is taken once, the rest is the chair's.
  let head = 0;
  while (head < current.length && head < proposed.length && current[head].key === proposed[head].key) head++;
  let tail = 0;
  while (
    tail < current.length - head &&
    tail < proposed.length - head &&
    current[current.length - 1 - tail].key === proposed[proposed.length - 1 - tail].key
  ) {
    tail++;
  }
  if (head) chunks.push({ kind: 'both', base: [], tokens: current.slice(0, head) });
  chunks.push({ kind: 'conflict', base, current: current.slice(head, current.length - tail), proposed: proposed.slice(head, proposed.length - tail) });
  if (tail) chunks.push({ kind: 'both', base: [], tokens: current.slice(current.length - tail) });
}

function mergedTokens<T>(chunk: MergeChunk<T>): T[] {
  switch (chunk.kind) {
    case 'stable':
    case 'both':
      return chunk.tokens;
    case 'current':
      return chunk.current;
    case 'proposed':
      return chunk.proposed;
    case 'conflict':
      return [];
  }
}

// ---------------------------------------------------------------------------
// Paragraphs

/** Where a merge conflicts, in words. */
export interface MergeConflict {
  base: string;
  current: string;
  proposed: string;
  /** The words just before the conflict in the current text, to find it. */
  after: string;
}

export type RichMerge =
  | { clean: true; result: RichParagraph; chunks: MergeChunk<RichToken>[] }
  | { clean: false; conflicts: MergeConflict[]; chunks: MergeChunk<RichToken>[] };

const plain = (tokens: readonly RichToken[], options?: PlainOptions) => richText(fromTokens(tokens), options);

/** Merges an amendment (`proposed`, drafted against `base`) into the paragraph as it reads now. */
export function mergeRich(base: RichParagraph, current: RichParagraph, proposed: RichParagraph, options?: PlainOptions): RichMerge {
  const m = merge3(richTokens(base), richTokens(current), richTokens(proposed));
  if (m.merged) return { clean: true, result: fromTokens(m.merged), chunks: m.chunks };
  const conflicts: MergeConflict[] = [];
  let before: RichToken[] = [];
  for (const c of m.chunks) {
    if (c.kind === 'conflict') {
      conflicts.push({
        base: plain(c.base, options),
        current: plain(c.current, options),
        proposed: plain(c.proposed, options),
        after: plain(before.slice(-12), options).trimStart(),
      });
    }
    before = before.concat(c.kind === 'conflict' ? c.current : c.kind === 'proposed' ? c.base : mergedTokens(c));
  }
  return { clean: false, conflicts, chunks: m.chunks };
}

/** Merges plain texts: the merged text, or the conflicts. */
export function mergeText(
  base: string,
  current: string,
  proposed: string,
): { clean: true; text: string } | { clean: false; conflicts: MergeConflict[] } {
  const m = mergeRich(richFromText(base), richFromText(current), richFromText(proposed));
  return m.clean ? { clean: true, text: richText(m.result) } : { clean: false, conflicts: m.conflicts };
}

// ---------------------------------------------------------------------------
// Tracked changes

/**
 * What the UI draws for an amendment: the CURRENT paragraph, with the words
 * the amendment deletes and inserts, and where the paragraph changed since
 * the amendment was drafted in a way the amendment contradicts, a conflict
 * (both readings shown, for the chair).
 */
export type TrackedPart =
  | { op: 'same'; inlines: Inline[]; text: string }
  | { op: 'delete'; inlines: Inline[]; text: string }
  | { op: 'insert'; inlines: Inline[]; text: string }
  | {
      op: 'conflict';
      /** The words in the paragraph now. */
      current: Inline[];
      /** The words the amendment proposes instead. */
      proposed: Inline[];
      /** What both started from. */
      base: Inline[];
      text: { current: string; proposed: string; base: string };
    };

type Op = 'same' | 'delete' | 'insert';

/** Parts of the current text as tokens; `item` tokens (a subparagraph starts) become line breaks in the parts. */
function part(op: Op, tokens: RichToken[], options?: PlainOptions): TrackedPart {
  const inlines = inlinesOf(tokens);
  return { op, inlines, text: inlinesText(inlines, options) };
}

function inlinesOf(tokens: readonly RichToken[]): Inline[] {
  // A subparagraph boundary inside a part reads as a new line.
  const flat = tokens.map((t): RichToken => (t.kind === 'item' ? { kind: 'atom', inline: { br: true }, key: 'br' } : t));
  return inlinesFromTokens(flat);
}

function inlinesText(inlines: Inline[], options?: PlainOptions): string {
  return richText({ inlines }, options);
}

/**
 * The amendment (`proposed`, drafted against `base`) shown as changes to the
 * paragraph as it reads now (`current`). With `base` equal to `current` this
 * is a word diff; otherwise the three-way merge decides what is the
 * amendment's change, what is the paragraph's own, and what conflicts.
 *
 * Reading only the parts that are not `insert` gives the current text; only
 * those not `delete` (taking `proposed` of conflicts) the amendment's.
 */
export function trackChanges(base: RichParagraph, current: RichParagraph, proposed: RichParagraph, options?: PlainOptions): TrackedPart[] {
  const m = merge3(richTokens(base), richTokens(current), richTokens(proposed));
  // Runs of the current text in order: kept, deleted, inserted.
  const runs: { op: Op; tokens: RichToken[] }[] = [];
  const out: TrackedPart[] = [];
  const flushRuns = () => {
    for (const r of compact(runs)) out.push(part(r.op, r.tokens, options));
    runs.length = 0;
  };
  for (const c of m.chunks) {
    switch (c.kind) {
      case 'stable':
      case 'both':
        runs.push({ op: 'same', tokens: c.tokens });
        break;
      case 'current':
        runs.push({ op: 'same', tokens: c.current });
        break;
      case 'proposed':
        // The current words here are the base's: the amendment replaces them.
        runs.push({ op: 'delete', tokens: c.base }, { op: 'insert', tokens: c.proposed });
        break;
      case 'conflict': {
        flushRuns();
        const [cur, pro, bas] = [inlinesOf(c.current), inlinesOf(c.proposed), inlinesOf(c.base)];
        out.push({
          op: 'conflict',
          current: cur,
          proposed: pro,
          base: bas,
          text: { current: inlinesText(cur, options), proposed: inlinesText(pro, options), base: inlinesText(bas, options) },
        });
        break;
      }
    }
  }
  flushRuns();
  return out;
}

/** Plain-text tracked changes (for tests, scripts and plain exports). */
export function trackText(base: string, current: string, proposed: string): { op: TrackedPart['op']; text: string; proposed?: string }[] {
  return trackChanges(richFromText(base), richFromText(current), richFromText(proposed)).map((p) =>
    p.op === 'conflict' ? { op: p.op, text: p.text.current, proposed: p.text.proposed } : { op: p.op, text: p.text },
  );
}

/**
 * Neighbouring runs of one kind joined; empty ones dropped; a lone space
 * between two changes counted in both ("[ينبغي للدول][يجب على الدول]" reads
 * better than two changes around one space, as in diff.ts); and each run of
 * changes as one deletion then one insertion.
 */
function compact(runs: { op: Op; tokens: RichToken[] }[]): { op: Op; tokens: RichToken[] }[] {
  const nonEmpty = runs.filter((r) => r.tokens.length > 0);
  const joined: { op: Op; tokens: RichToken[] }[] = [];
  for (const r of nonEmpty) {
    const last = joined.at(-1);
    if (last?.op === r.op) last.tokens = last.tokens.concat(r.tokens);
    else joined.push({ op: r.op, tokens: [...r.tokens] });
  }
  const out: { op: Op; tokens: RichToken[] }[] = [];
  let deleted: RichToken[] = [];
  let inserted: RichToken[] = [];
  const flush = () => {
    if (deleted.length) out.push({ op: 'delete', tokens: deleted });
    if (inserted.length) out.push({ op: 'insert', tokens: inserted });
    deleted = [];
    inserted = [];
  };
  joined.forEach((r, k) => {
    const between = k > 0 && k < joined.length - 1 && joined[k - 1].op !== 'same' && joined[k + 1].op !== 'same';
    const onlySpace = r.tokens.every((t) => t.kind === 'text' && /^\s+$/.test(t.text));
    if (r.op === 'same' && between && onlySpace) {
      deleted = deleted.concat(r.tokens);
      inserted = inserted.concat(r.tokens);
    } else if (r.op === 'delete') deleted = deleted.concat(r.tokens);
    else if (r.op === 'insert') inserted = inserted.concat(r.tokens);
    else {
      flush();
      out.push(r);
    }
  });
  flush();
  return slide(shiftSpaces(out));
}

/**
 * A lone insertion (or deletion) followed by kept words that begin as it
 * begins can be read one token later with the same result: "meeting[. They
 * … delay]." reads better as "meeting.[ They … delay.]". Slide it as far as
 * it goes, so that additions come after the words they follow.
 */
function slide(runs: { op: Op; tokens: RichToken[] }[]): { op: Op; tokens: RichToken[] }[] {
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (r.op === 'same') continue;
    const paired = runs[k - 1]?.op === 'delete' || runs[k + 1]?.op === 'insert' || (r.op === 'delete' && runs[k + 1]?.op === 'insert');
    if (paired) continue;
    const next = runs[k + 1];
    let before = runs[k - 1];
    while (next?.op === 'same' && next.tokens.length && r.tokens.length && next.tokens[0].key === r.tokens[0].key) {
      const moved = next.tokens.shift()!;
      const first = r.tokens.shift()!;
      r.tokens.push(moved);
      if (!before || before.op !== 'same') {
        before = { op: 'same', tokens: [] };
        runs.splice(k, 0, before);
        k++;
      }
      before.tokens.push(first);
    }
  }
  return runs.filter((r) => r.tokens.length > 0);
}

const isSpace = (t: RichToken | undefined) => t?.kind === 'text' && /^\s+$/.test(t.text);

/**
 * A change that deletes and inserts the same space at its end (or start)
 * leaves that space to the words beside it: "[should][shall] consider", not
 * "[should ][shall ]consider". Where the alignment put a space is arbitrary.
 */
function shiftSpaces(runs: { op: Op; tokens: RichToken[] }[]): { op: Op; tokens: RichToken[] }[] {
  for (let k = 0; k + 1 < runs.length; k++) {
    const [d, i] = [runs[k], runs[k + 1]];
    if (d.op !== 'delete' || i.op !== 'insert') continue;
    const after = runs[k + 2];
    const before = runs[k - 1];
    const lastD = d.tokens.at(-1);
    if (after?.op === 'same' && isSpace(lastD) && lastD!.key === i.tokens.at(-1)?.key && d.tokens.length > 1 && i.tokens.length > 1) {
      after.tokens = [d.tokens.pop()!, ...after.tokens];
      i.tokens.pop();
    }
    const firstD = d.tokens[0];
    if (before?.op === 'same' && isSpace(firstD) && firstD.key === i.tokens[0]?.key && d.tokens.length > 1 && i.tokens.length > 1) {
      before.tokens = [...before.tokens, d.tokens.shift()!];
      i.tokens.shift();
    }
  }
  return runs;
}
