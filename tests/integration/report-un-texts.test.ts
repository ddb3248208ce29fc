/**
 * Gavel's generated sentences in French, Spanish, Russian and Chinese
 * against words of real UN texts in those languages (tests/support/un-texts.ts,
 * each with the page it was copied from): given the same dates, place and
 * names, the sentence holds the UN's words. The expected words come from the
 * UN texts, not from Gavel.
 */
import { describe, expect, it } from 'vitest';
import { checkUnText, inOrder, UN_TEXTS } from '../support/un-texts';

describe('generated sentences against real UN texts in French, Spanish, Russian and Chinese', () => {
  it('have texts for each of the four languages, each from a page it names, the part to match copied from the UN words', () => {
    expect(new Set(UN_TEXTS.map((t) => t.lang))).toEqual(new Set(['fr', 'es', 'ru', 'zh']));
    for (const t of UN_TEXTS) {
      expect(t.source).toMatch(/^https?:\/\//);
      expect(inOrder(t.un, t.parts), t.parts.join(" … ")).toBe(true);
    }
  });

  it.each(UN_TEXTS.map((t) => [`${t.lang} ${t.type}: ${t.document}`, t] as const))('%s', (_, t) => {
    const { generated, matches } = checkUnText(t);
    expect(matches, `${generated}\n  should hold, in order: ${t.parts.join(" … ")}`).toBe(true);
  });
});
