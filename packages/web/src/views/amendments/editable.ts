/**
 * A paragraph's rich content as text in a box, for the chair's "accept as
 * modified": the words as they read, each footnote, reference, bracket and
 * line break as a numbered mark ⟦1⟧ that the chair moves or deletes like a
 * word, and each subparagraph on a line of its own (two spaces per level).
 * Reading the box back gives the content with the same marks where the
 * chair left them. Bold and italic are not kept (the box has none).
 */
import type { Inline, RichItem, RichParagraph } from '@gavel/shared/editor/rich';

export type Atom = Exclude<Inline, { text: string }>;

export interface Editable {
  text: string;
  atoms: Atom[];
}

const MARK = /⟦(\d+)⟧/g;

function inlinesToText(inlines: readonly Inline[], atoms: Atom[]): string {
  let out = '';
  for (const i of inlines) {
    if ('text' in i) out += i.text.replace(/\n/g, ' ');
    else {
      atoms.push(i);
      out += `⟦${atoms.length}⟧`;
    }
  }
  return out;
}

export function toEditable(p: RichParagraph): Editable {
  const atoms: Atom[] = [];
  const lines = [inlinesToText(p.inlines, atoms)];
  for (const item of p.items ?? []) lines.push(`${'  '.repeat(item.depth)}${inlinesToText(item.inlines, atoms)}`);
  return { text: lines.join('\n'), atoms };
}

function textToInlines(line: string, atoms: readonly Atom[], unknown: Set<string>): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const pushText = (s: string) => {
    if (!s) return;
    const prev = out.at(-1);
    if (prev && 'text' in prev) prev.text += s;
    else out.push({ text: s });
  };
  for (const m of line.matchAll(MARK)) {
    pushText(line.slice(last, m.index));
    const atom = atoms[Number(m[1]) - 1];
    if (atom) out.push(atom);
    else unknown.add(m[0]);
    last = m.index + m[0].length;
  }
  pushText(line.slice(last));
  return out;
}

/**
 * The box read back: the first line is the paragraph's own words, each
 * further non-empty line a subparagraph. `unknown`: marks that stand for
 * nothing (typed by hand), left out.
 */
export function fromEditable(text: string, atoms: readonly Atom[]): { paragraph: RichParagraph; unknown: string[] } {
  const unknown = new Set<string>();
  const [first = '', ...rest] = text.replace(/\r\n?/g, '\n').split('\n');
  const paragraph: RichParagraph = { inlines: textToInlines(first.trim(), atoms, unknown) };
  const items: RichItem[] = rest
    .filter((l) => l.trim().length > 0)
    .map((l) => {
      const indent = /^ */.exec(l)![0].length;
      return { depth: Math.min(4, Math.floor(indent / 2)), inlines: textToInlines(l.trim(), atoms, unknown) };
    });
  if (items.length) paragraph.items = items;
  return { paragraph, unknown: [...unknown] };
}

/** Marks of the original that the box no longer has (a footnote deleted by mistake, say). */
export function missingMarks(text: string, atoms: readonly Atom[]): number[] {
  const present = new Set([...text.matchAll(MARK)].map((m) => Number(m[1])));
  return atoms.map((_, i) => i + 1).filter((n) => !present.has(n));
}
