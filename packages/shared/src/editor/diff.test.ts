import { describe, expect, it } from 'vitest';
import { diffWords, tokenize } from './diff';

describe('the word diff', () => {
  const cases: { name: string; before: string; after: string; want: [string, string][] }[] = [
    {
      name: 'a word replaced',
      before: 'States parties should consider',
      after: 'States parties shall consider',
      want: [['same', 'States parties '], ['delete', 'should'], ['insert', 'shall'], ['same', ' consider']],
    },
    {
      name: 'words inserted',
      before: 'States parties consider',
      after: 'States parties, in accordance with domestic law, consider',
      want: [['same', 'States parties'], ['insert', ', in accordance with domestic law,'], ['same', ' consider']],
    },
    {
      name: 'words deleted',
      before: 'implement, to the extent possible, the measures',
      after: 'implement the measures',
      want: [['same', 'implement'], ['delete', ', to the extent possible,'], ['same', ' the measures']],
    },
    { name: 'nothing changed', before: 'Same text.', after: 'Same text.', want: [['same', 'Same text.']] },
    { name: 'from nothing', before: '', after: 'New text', want: [['insert', 'New text']] },
    {
      name: 'Chinese, character by character',
      before: '缔约国应当考虑',
      after: '缔约国可考虑',
      want: [['same', '缔约国'], ['delete', '应当'], ['insert', '可'], ['same', '考虑']],
    },
    {
      name: 'Arabic',
      before: 'ينبغي للدول الأطراف أن تنظر',
      after: 'يجب على الدول الأطراف أن تنظر',
      want: [['delete', 'ينبغي للدول'], ['insert', 'يجب على الدول'], ['same', ' الأطراف أن تنظر']],
    },
  ];
  it.each(cases)('$name', ({ before, after, want }) => {
    const parts = diffWords(before, after);
    expect(parts.map((p) => [p.op, p.text])).toEqual(want);
    expect(parts.filter((p) => p.op !== 'insert').map((p) => p.text).join('')).toBe(before);
    expect(parts.filter((p) => p.op !== 'delete').map((p) => p.text).join('')).toBe(after);
  });

  it('keeps every character when it tokenizes', () => {
    const text = 'See paragraph 109 below.\n(a) “quoted”—dash';
    expect(tokenize(text).join('')).toBe(text);
  });
});
