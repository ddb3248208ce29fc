import { describe, expect, it } from 'vitest';
import { align, merge3, mergeRich, mergeText, trackChanges, trackText } from './merge';
import { tokenize } from './diff';
import { richText, richTokens, type RichParagraph } from './rich';

/** Every word of the merge comes from one of the inputs, once: no word dropped or doubled. */
function expectWordsAccountedFor(base: string, current: string, proposed: string, merged: string) {
  const words = (s: string) => tokenize(s).filter((t) => /[\p{L}\p{N}]/u.test(t));
  for (const w of new Set(words(merged))) {
    const count = (s: string) => words(s).filter((x) => x === w).length;
    expect(count(merged), `"${w}" in ${merged}`).toBeLessThanOrEqual(Math.max(count(base), count(current), count(proposed)));
  }
}

describe('the three-way word merge', () => {
  const clean: { name: string; base: string; current: string; proposed: string; want: string }[] = [
    {
      name: 'nothing changed since the draft: the amendment as proposed',
      base: 'States parties should consider the measures',
      current: 'States parties should consider the measures',
      proposed: 'States parties shall consider the measures',
      want: 'States parties shall consider the measures',
    },
    {
      name: 'changes to different words: both kept',
      base: 'States parties should consider the measures',
      current: 'Member States should consider the measures',
      proposed: 'States parties should consider the following measures',
      want: 'Member States should consider the following measures',
    },
    {
      name: 'the same change made in both: taken once, not doubled',
      base: 'States parties should consider the measures',
      current: 'States parties should consider, as appropriate, the measures',
      proposed: 'States parties should consider, as appropriate, the measures',
      want: 'States parties should consider, as appropriate, the measures',
    },
    {
      name: 'a deletion in the text and a change elsewhere by the amendment',
      base: 'implement, to the extent possible, the measures of the Protocol',
      current: 'implement the measures of the Protocol',
      proposed: 'implement, to the extent possible, the measures of the Trafficking in Persons Protocol',
      want: 'implement the measures of the Trafficking in Persons Protocol',
    },
    {
      name: 'words added at both ends',
      base: 'consider ratifying the Protocol',
      current: 'Recommends that States consider ratifying the Protocol',
      proposed: 'consider ratifying the Protocol without delay.',
      want: 'Recommends that States consider ratifying the Protocol without delay.',
    },
    {
      name: 'Arabic: the text changed its verb, the amendment its punctuation and words',
      base: 'ينبغي للدول الأطراف أن تنظر، حسب الاقتضاء، في التدابير؛',
      current: 'يجب على الدول الأطراف أن تنظر، حسب الاقتضاء، في التدابير؛',
      proposed: 'ينبغي للدول الأطراف أن تنظر في التدابير؟',
      want: 'يجب على الدول الأطراف أن تنظر في التدابير؟',
    },
    {
      name: 'Arabic: right-to-left commas and semicolons are words of their own',
      base: 'الضحايا، والشهود؛ والمنظمات',
      current: 'الضحايا، والشهود، والخبراء؛ والمنظمات',
      proposed: 'الضحايا، والشهود؛ والمنظمات غير الحكومية',
      want: 'الضحايا، والشهود، والخبراء؛ والمنظمات غير الحكومية',
    },
    {
      name: 'Chinese, character by character',
      base: '缔约国应当考虑采取措施',
      current: '缔约国应当考虑立即采取措施',
      proposed: '缔约国可考虑采取措施',
      want: '缔约国可考虑立即采取措施',
    },
  ];
  it.each(clean)('$name', ({ base, current, proposed, want }) => {
    const m = mergeText(base, current, proposed);
    expect(m).toEqual({ clean: true, text: want });
    expectWordsAccountedFor(base, current, proposed, want);
  });

  const conflicts: { name: string; base: string; current: string; proposed: string; want: { base: string; current: string; proposed: string }[] }[] = [
    {
      name: 'the same word changed two ways',
      base: 'States parties should consider the measures',
      current: 'States parties must consider the measures',
      proposed: 'States parties shall consider the measures',
      want: [{ base: 'should', current: 'must', proposed: 'shall' }],
    },
    {
      name: 'words deleted in the text that the amendment changes',
      base: 'implement, to the extent possible, the measures',
      current: 'implement the measures',
      proposed: 'implement, wherever possible, the measures',
      want: [{ base: ', to the extent possible,', current: '', proposed: ', wherever possible,' }],
    },
    {
      name: 'different words inserted at the same place (no order to guess)',
      base: 'States parties consider',
      current: 'States parties should consider',
      proposed: 'States parties shall consider',
      // The space both put after their word is taken once; the words conflict.
      want: [{ base: '', current: 'should', proposed: 'shall' }],
    },
    {
      name: 'Arabic: the question mark and the full stop both replace the semicolon',
      base: 'في التدابير؛',
      current: 'في التدابير.',
      proposed: 'في التدابير؟',
      want: [{ base: '؛', current: '.', proposed: '؟' }],
    },
  ];
  it.each(conflicts)('reports a conflict when $name', ({ base, current, proposed, want }) => {
    const m = mergeText(base, current, proposed);
    expect(m.clean).toBe(false);
    if (!m.clean) expect(m.conflicts.map(({ base: b, current: c, proposed: p }) => ({ base: b, current: c, proposed: p }))).toEqual(want);
  });

  it('never drops or doubles words: a seeded random check', () => {
    const vocabulary = ['States', 'parties', 'should', 'shall', 'consider', 'the', 'measures', 'الدول', 'الأطراف', '،', '؛', '؟', 'victims', '.'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const sentence = (words: string[]) => words.join(' ');
    const mutate = (words: string[]) => {
      const out = [...words];
      for (let k = rand(3); k >= 0; k--) {
        const at = rand(out.length + 1);
        const op = rand(3);
        if (op === 0) out.splice(at, 0, vocabulary[rand(vocabulary.length)]);
        else if (op === 1 && out.length) out.splice(Math.min(at, out.length - 1), 1);
        else if (out.length) out[Math.min(at, out.length - 1)] = vocabulary[rand(vocabulary.length)];
      }
      return out;
    };
    for (let i = 0; i < 300; i++) {
      const base = Array.from({ length: 4 + rand(8) }, () => vocabulary[rand(vocabulary.length)]);
      const current = mutate(base);
      const proposed = mutate(base);
      const b = richTokens({ inlines: [{ text: sentence(base) }] });
      const c = richTokens({ inlines: [{ text: sentence(current) }] });
      const p = richTokens({ inlines: [{ text: sentence(proposed) }] });
      const m = merge3(b, c, p);
      // Every chunk accounts for its part of each input, in order: nothing is lost on the way.
      const side = (pick: (ch: (typeof m.chunks)[number]) => typeof b) => m.chunks.flatMap(pick).map((t) => t.key).join('|');
      expect(side((ch) => (ch.kind === 'stable' ? ch.tokens : ch.base))).toBe(b.map((t) => t.key).join('|'));
      expect(side((ch) => (ch.kind === 'stable' ? ch.tokens : ch.kind === 'current' || ch.kind === 'conflict' ? ch.current : ch.kind === 'both' ? ch.tokens : ch.base))).toBe(
        c.map((t) => t.key).join('|'),
      );
      expect(side((ch) => (ch.kind === 'stable' ? ch.tokens : ch.kind === 'proposed' || ch.kind === 'conflict' ? ch.proposed : ch.kind === 'both' ? ch.tokens : ch.base))).toBe(
        p.map((t) => t.key).join('|'),
      );
      // A merge of an unchanged text is the amendment; of an unchanged amendment, the text.
      expect(mergeText(sentence(base), sentence(base), sentence(proposed))).toEqual({ clean: true, text: sentence(proposed) });
      expect(mergeText(sentence(base), sentence(current), sentence(base))).toEqual({ clean: true, text: sentence(current) });
    }
  });

  it('aligns words rather than the spaces between them', () => {
    const m = align(['t0:a', 't0: ', 't0:b', 't0: ', 't0:c'], ['t0:c', 't0: ', 't0:a']);
    // "a" or "c" may line up, plus at most one space next to it: never two spaces around nothing.
    expect([...m].filter((x) => x >= 0).length).toBeLessThanOrEqual(2);
  });
});

describe('merging formatted paragraphs', () => {
  const base: RichParagraph = {
    inlines: [{ text: 'States parties ' }, { text: 'should', format: 2 }, { text: ' consider the measures' }, { footnote: 'See CTOC/COP/WG.4/2009/2.' }],
    items: [{ depth: 0, inlines: [{ text: 'to protect victims;' }] }, { depth: 0, inlines: [{ text: 'to prosecute offenders.' }] }],
  };

  it('keeps footnotes, formatting and subparagraphs through the merge', () => {
    const current: RichParagraph = { ...base, items: [base.items![0], { depth: 0, inlines: [{ text: 'to prosecute traffickers.' }] }] };
    const proposed: RichParagraph = { ...base, inlines: [{ text: 'States parties ' }, { text: 'shall', format: 2 }, ...base.inlines.slice(2)] };
    const m = mergeRich(base, current, proposed);
    expect(m.clean).toBe(true);
    if (!m.clean) return;
    expect(m.result.inlines).toEqual([{ text: 'States parties ' }, { text: 'shall', format: 2 }, { text: ' consider the measures' }, { footnote: 'See CTOC/COP/WG.4/2009/2.' }]);
    expect(m.result.items!.map((i) => richText({ inlines: i.inlines }))).toEqual(['to protect victims;', 'to prosecute traffickers.']);
  });

  it('treats a change of formatting as a change of the word', () => {
    const bold: RichParagraph = { inlines: [{ text: 'States parties ' }, { text: 'should', format: 1 }, { text: ' consider the measures' }, base.inlines[3]] };
    const m = mergeRich(base, bold, { ...base, inlines: [{ text: 'States parties ' }, { text: 'shall' }, ...base.inlines.slice(2)] });
    expect(m.clean).toBe(false);
  });
});

describe('tracked changes against the current text', () => {
  it('is a word diff when the paragraph has not changed', () => {
    expect(trackText('States parties should consider', 'States parties should consider', 'States parties shall consider')).toEqual([
      { op: 'same', text: 'States parties ' },
      { op: 'delete', text: 'should' },
      { op: 'insert', text: 'shall' },
      { op: 'same', text: ' consider' },
    ]);
  });

  it('shows the amendment against the text as it reads now, and the text’s own changes as plain text', () => {
    const parts = trackText(
      'States parties should consider the measures',
      'Member States should consider the measures',
      'States parties should consider the following measures',
    );
    expect(parts).toEqual([
      { op: 'same', text: 'Member States should consider the ' },
      { op: 'insert', text: 'following ' },
      { op: 'same', text: 'measures' },
    ]);
    // Reading what is not inserted gives the current text.
    expect(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe('Member States should consider the measures');
  });

  it('marks conflicts for the chair', () => {
    expect(trackText('States parties should consider', 'States parties must consider', 'States parties shall consider')).toEqual([
      { op: 'same', text: 'States parties ' },
      { op: 'conflict', text: 'must', proposed: 'shall' },
      { op: 'same', text: ' consider' },
    ]);
  });

  it('works right to left: Arabic words and marks', () => {
    const parts = trackText('ينبغي للدول الأطراف أن تنظر؛', 'ينبغي للدول الأطراف أن تنظر؛', 'يجب على الدول الأطراف أن تنظر؟');
    expect(parts).toEqual([
      { op: 'delete', text: 'ينبغي للدول' },
      { op: 'insert', text: 'يجب على الدول' },
      { op: 'same', text: ' الأطراف أن تنظر' },
      { op: 'delete', text: '؛' },
      { op: 'insert', text: '؟' },
    ]);
  });

  it('carries formatting and footnotes in the parts the UI draws', () => {
    const base: RichParagraph = { inlines: [{ text: 'See the ' }, { text: 'Protocol', format: 2 }, { footnote: 'A/RES/55/25.' }, { text: '.' }] };
    const parts = trackChanges(base, base, { inlines: [{ text: 'See the ' }, { text: 'Trafficking Protocol', format: 2 }, { footnote: 'A/RES/55/25.' }, { text: '.' }] });
    expect(parts.map((p) => p.op)).toEqual(['same', 'insert', 'same']);
    expect(parts[1]).toMatchObject({ op: 'insert', inlines: [{ text: 'Trafficking ', format: 2 }] });
    expect(parts[2]).toMatchObject({ op: 'same', inlines: [{ text: 'Protocol', format: 2 }, { footnote: 'A/RES/55/25.' }, { text: '.' }] });
  });
});
