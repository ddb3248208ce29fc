/**
 * A word diff, to show how a paragraph read at an earlier point against how
 * it reads now ("replace 'should' by 'shall'"). Words, spaces and marks are
 * tokens; Chinese characters are a token each, since Chinese has no spaces.
 */
export type DiffPart = { op: 'same' | 'insert' | 'delete'; text: string };

const TOKEN = /\p{Script=Han}|[\p{L}\p{M}\p{N}_'’-]+|\s+|[^\s\p{L}\p{M}\p{N}]/gu;

/** Beyond this many cells the table costs too much: the diff says "all of it changed". */
const MAX_CELLS = 4_000_000;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function push(parts: DiffPart[], op: DiffPart['op'], text: string): void {
  const last = parts.at(-1);
  if (last?.op === op) last.text += text;
  else parts.push({ op, text });
}

/** How `after` differs from `before`, word by word: a longest common subsequence. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Common ends cost nothing and keep the table small for a one-word change in a long paragraph.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  if (start > 0) push(parts, 'same', a.slice(0, start).join(''));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if ((x.length + 1) * (y.length + 1) > MAX_CELLS) {
    if (x.length) push(parts, 'delete', x.join(''));
    if (y.length) push(parts, 'insert', y.join(''));
  } else {
    // lcs[i][j]: length of the longest common subsequence of x[i..] and y[j..].
    const width = y.length + 1;
    const lcs = new Uint32Array((x.length + 1) * width);
    for (let i = x.length - 1; i >= 0; i--) {
      for (let j = y.length - 1; j >= 0; j--) {
        lcs[i * width + j] = x[i] === y[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < x.length || j < y.length) {
      if (i < x.length && j < y.length && x[i] === y[j]) {
        push(parts, 'same', x[i]);
        i++;
        j++;
      } else if (i < x.length && (j === y.length || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
        // Deletions first: "[should][shall]" reads as the room says it, "replace should by shall".
        push(parts, 'delete', x[i++]);
      } else {
        push(parts, 'insert', y[j++]);
      }
    }
  }
  if (endA < a.length) push(parts, 'same', a.slice(endA).join(''));
  return mergeChanges(parts);
}

/**
 * A space alone between two changes is not worth showing as kept: "[ينبغي
 * للدول][يجب على الدول]" reads better than two changes around one space.
 * Each run of changes becomes one deletion and one insertion.
 */
function mergeChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    if (deleted) out.push({ op: 'delete', text: deleted });
    if (inserted) out.push({ op: 'insert', text: inserted });
    deleted = inserted = '';
  };
  parts.forEach((part, k) => {
    const between = k > 0 && k < parts.length - 1 && parts[k - 1].op !== 'same' && parts[k + 1].op !== 'same';
    if (part.op === 'same' && between && /^\s+$/.test(part.text)) {
      deleted += part.text;
      inserted += part.text;
    } else if (part.op === 'delete') deleted += part.text;
    else if (part.op === 'insert') inserted += part.text;
    else {
      flush();
      out.push(part);
    }
  });
  flush();
  return out;
}
