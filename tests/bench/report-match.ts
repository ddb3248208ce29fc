/**
 * `pnpm report:match`: builds the Arabic model meeting (tests/support/model-meeting-ar.ts)
 * and prints, per generated paragraph type, the share of its paragraphs that
 * match the model word for word (Arabic: the model report; English: its
 * outline and UN English), and the share that matches with the meeting's
 * typed words and, where the model writes a type two ways, in the frame
 * Gavel follows. `--show` prints every paragraph that differs.
 */
import { rmSync } from 'node:fs';
import { buildArabicModelMeeting, englishName, englishRunningName, ITEMS, OBSERVER_STATES, SIGNATORIES, STATES_PARTIES } from '../support/model-meeting-ar';
import { ARABIC, compare, english, generatedParagraphs, type Match } from '../support/model-report';

const show = process.argv.includes('--show');
const built = await buildArabicModelMeeting();
try {
  const byEnglish = (names: string[]) => names.map(englishName).sort(new Intl.Collator('en').compare);
  const results: Match[] = [
    ...compare(ARABIC, await generatedParagraphs(built, 'ar')),
    ...compare(
      english({ parties: byEnglish(STATES_PARTIES), signatories: byEnglish(SIGNATORIES), observers: byEnglish(OBSERVER_STATES), heard3: ITEMS[1].states!.map(englishRunningName) }),
      await generatedParagraphs(built, 'en'),
    ),
  ];
  const pct = (n: number, d: number) => `${n}/${d} (${Math.round((100 * n) / d)}%)`;
  const rows = new Map<string, Match[]>();
  for (const r of results) rows.set(`${r.expected.lang} ${r.expected.type}`, [...(rows.get(`${r.expected.lang} ${r.expected.type}`) ?? []), r]);
  console.log('type'.padEnd(26), 'word for word'.padEnd(16), 'with typed words / Gavel’s frame');
  for (const [type, list] of rows) {
    console.log(type.padEnd(26), pct(list.filter((r) => r.verbatim).length, list.length).padEnd(16), pct(list.filter((r) => r.matches).length, list.length));
  }
  const all = results.length;
  console.log('all'.padEnd(26), pct(results.filter((r) => r.verbatim).length, all).padEnd(16), pct(results.filter((r) => r.matches).length, all));
  for (const r of results.filter((x) => !x.verbatim)) {
    console.log(`\n${r.matches ? '≈' : '≠'} ${r.expected.lang} ${r.expected.origin}${r.expected.note ? ` — ${r.expected.note}` : ''}`);
    if (show || !r.matches) {
      console.log(`  model:     ${r.expected.model}`);
      console.log(`  generated: ${r.generated ?? '(none)'}`);
    }
  }
} finally {
  await built.gavel.close();
  rmSync(built.dataDir, { recursive: true, force: true });
}
