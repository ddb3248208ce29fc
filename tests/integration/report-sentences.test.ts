/**
 * The model meeting set up in Arabic (tests/support/model-meeting-ar.ts),
 * recorded after the fact on the model's dates, and its report's generated
 * paragraphs checked sentence by sentence against the model's Arabic words
 * and the English outline (tests/support/model-report.ts): every paragraph
 * type Gavel generates, as the model writes it.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArabicModelMeeting, englishName, englishRunningName, OBSERVER_STATES, SIGNATORIES, STATES_PARTIES, ITEMS, type BuiltArabic } from '../support/model-meeting-ar';
import { ARABIC, compare, comparable, english, generatedParagraphs } from '../support/model-report';

let built: BuiltArabic;

beforeAll(async () => {
  built = await buildArabicModelMeeting();
}, 60_000);
afterAll(async () => {
  await built?.gavel.close();
  if (built) rmSync(built.dataDir, { recursive: true, force: true });
});

const byEnglish = (names: string[]) => names.map(englishName).sort(new Intl.Collator('en').compare);

describe('the generated paragraphs of the model meeting', () => {
  it('are, in Arabic, the model’s words (with the meeting’s typed names), paragraph by paragraph', async () => {
    const generated = await generatedParagraphs(built, 'ar');
    for (const m of compare(ARABIC, generated)) {
      const e = m.expected;
      expect(comparable(m.generated ?? '(none)'), `${e.origin}${e.note ? ` (${e.note})` : ''}`).toBe(comparable(e.canonical ?? e.words ?? e.model));
    }
  });

  it('are, in English, the outline’s sentences and UN English ones, with the English names typed', async () => {
    const generated = await generatedParagraphs(built, 'en');
    const expected = english({
      parties: byEnglish(STATES_PARTIES),
      signatories: byEnglish(SIGNATORIES),
      observers: byEnglish(OBSERVER_STATES),
      heard3: ITEMS[1].states!.map(englishRunningName),
    });
    for (const m of compare(expected, generated)) {
      if (m.expected.note && !m.expected.canonical) continue; // a known difference, reported by `pnpm report:match`
      expect(m.generated, m.expected.origin).toBe(m.expected.canonical ?? m.expected.model);
    }
  });

  it('record the items on the model’s days and in no fallback language', async () => {
    const generated = await generatedParagraphs(built, 'ar');
    expect(generated('p-item-item:5-considered')).toMatch(/^في ٢٨ كانون الثاني\/يناير، /);
    expect(generated('p-opening')).not.toMatch(/\[(en|fr|zh):/);
  });
});
