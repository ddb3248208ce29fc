/**
 * Putting an amendment into the text as bracketed alternatives, the way the
 * typist does on the screen: "States parties [should][shall] (Norway)
 * consider …". Pure: from the paragraph as it reads now and the words it
 * would read with the amendment, the paragraph with brackets in place.
 *
 * - 'runs': each changed stretch becomes one bracket (a change amendment);
 * - 'span': one bracket from the first change to the last (an alternative
 *   wording, beside the current one).
 * A bracket holds plain words: a change that moves a footnote, a reference,
 * a bracket or a subparagraph cannot be bracketed (the chair accepts, accepts
 * as modified or rejects it instead); formatting inside a bracket is not kept.
 */
import { align } from '../editor/merge';
import { fromTokens, richTokens, type BracketInline, type RichParagraph, type RichToken } from '../editor/rich';

export type Placing = { ok: true; result: RichParagraph; brackets: BracketInline[] } | { ok: false; why: string };

interface Run {
  same: boolean;
  /** Tokens of the current text (kept, or replaced). */
  from: RichToken[];
  /** Tokens of the amended text (for a change). */
  to: RichToken[];
}

const wordsOf = (tokens: readonly RichToken[]) => tokens.map((t) => (t.kind === 'text' ? t.text : '')).join('');
const onlyWords = (tokens: readonly RichToken[]) => tokens.every((t) => t.kind === 'text');
const onlySpace = (tokens: readonly RichToken[]) => tokens.every((t) => t.kind === 'text' && /^\s+$/.test(t.text));

function runsOf(current: RichToken[], amended: RichToken[]): Run[] {
  const m = align(
    current.map((t) => t.key),
    amended.map((t) => t.key),
  );
  const runs: Run[] = [];
  const push = (same: boolean, from: RichToken[], to: RichToken[]) => {
    if (!from.length && !to.length) return;
    const last = runs.at(-1);
    if (last && last.same === same) {
      last.from.push(...from);
      last.to.push(...to);
    } else runs.push({ same, from: [...from], to: [...to] });
  };
  let i = 0;
  let j = 0;
  while (i < current.length || j < amended.length) {
    if (i < current.length && m[i] === j) {
      push(true, [current[i]], [amended[j]]);
      i++;
      j++;
      continue;
    }
    let next = i;
    while (next < current.length && m[next] < 0) next++;
    const end = next < current.length ? m[next] : amended.length;
    push(false, current.slice(i, next), amended.slice(j, end));
    i = next;
    j = end;
  }
  // A lone space between two changes belongs to both: one bracket, not two.
  const joined: Run[] = [];
  runs.forEach((r, k) => {
    const between = r.same && k > 0 && k < runs.length - 1 && onlySpace(r.from);
    const last = joined.at(-1);
    if ((between || !r.same) && last && !last.same) {
      last.from.push(...r.from);
      last.to.push(...r.to);
    } else if (between) {
      joined.push({ same: false, from: [...r.from], to: [...r.to] });
    } else joined.push({ ...r, from: [...r.from], to: [...r.to] });
  });
  return joined;
}

/**
 * The paragraph `current` with the changes that make it `amended` put in
 * brackets proposed by `proposer`. `newId` makes each bracket's id.
 */
export function placeInBrackets(
  current: RichParagraph,
  amended: RichParagraph,
  mode: 'runs' | 'span',
  proposer: { delegationId: string; label: string },
  newId: () => string,
): Placing {
  let runs = runsOf(richTokens(current), richTokens(amended));
  if (!runs.some((r) => !r.same)) return { ok: false, why: 'the amendment changes nothing in the paragraph as it reads now' };
  if (mode === 'span') {
    const first = runs.findIndex((r) => !r.same);
    const last = runs.length - 1 - [...runs].reverse().findIndex((r) => !r.same);
    const middle = runs.slice(first, last + 1);
    runs = [...runs.slice(0, first), { same: false, from: middle.flatMap((r) => r.from), to: middle.flatMap((r) => r.to) }, ...runs.slice(last + 1)];
  }
  const out: RichToken[] = [];
  const brackets: BracketInline[] = [];
  for (const r of runs) {
    if (r.same) {
      out.push(...r.from);
      continue;
    }
    if (!onlyWords(r.from) || !onlyWords(r.to)) {
      return { ok: false, why: 'the change moves a footnote, a reference, a bracket, a line break or a subparagraph, which a bracket cannot hold' };
    }
    const bracket: BracketInline = { id: newId(), alternatives: [wordsOf(r.from), wordsOf(r.to)], by: proposer.delegationId, label: proposer.label };
    brackets.push(bracket);
    out.push({ kind: 'atom', inline: { bracket }, key: `bk:${bracket.id}` });
  }
  return { ok: true, result: fromTokens(out), brackets };
}

/** A paragraph entirely in one bracket: a new paragraph proposed (['', words]) or a deletion proposed ([words, '']). */
export function wholeInBracket(
  words: RichParagraph,
  as: 'insert' | 'delete',
  proposer: { delegationId: string; label: string },
  newId: () => string,
): Placing {
  const tokens = richTokens(words);
  if (!onlyWords(tokens)) return { ok: false, why: 'the paragraph has footnotes, references, brackets, line breaks or subparagraphs, which a bracket cannot hold' };
  const text = wordsOf(tokens);
  const bracket: BracketInline = { id: newId(), alternatives: as === 'insert' ? ['', text] : [text, ''], by: proposer.delegationId, label: proposer.label };
  return { ok: true, result: { inlines: [{ bracket }] }, brackets: [bracket] };
}
