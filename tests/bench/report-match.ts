/**
 * `pnpm report:match`: builds the Arabic model meeting (tests/support/model-meeting-ar.ts)
 * and prints, per generated paragraph type, the share of its paragraphs that
 * match the model word for word (Arabic: the model report; English: its
 * outline and UN English), and the share that matches with the meeting's
 * typed words and, where the model writes a type two ways, in the frame
 * Gavel follows; then, for French, Spanish, Russian and Chinese, the frames
 * of real UN texts (tests/support/un-texts.ts) Gavel's sentences hold.
 * `--show` prints every paragraph that differs, and every UN text.
 */
import { rmSync } from 'node:fs';
import { buildArabicModelMeeting, englishName, englishRunningName, ITEMS, OBSERVER_STATES, SIGNATORIES, STATES_PARTIES } from '../support/model-meeting-ar';
import { ARABIC, compare, english, generatedParagraphs, type Match } from '../support/model-report';
import { checkUnText, UN_TEXTS } from '../support/un-texts';

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
  // French, Spanish, Russian, Chinese: no whole UN report of a working group was found in these languages, only frames of
  // real UN texts (tests/support/un-texts.ts); each row: Gavel's sentence, given the UN text's data, holds the UN's words.
  const frames = UN_TEXTS.map((t) => ({ t, ...checkUnText(t) }));
  const frameRows = new Map<string, typeof frames>();
  for (const f of frames) frameRows.set(`${f.t.lang} ${f.t.type}`, [...(frameRows.get(`${f.t.lang} ${f.t.type}`) ?? []), f]);
  console.log('\nUN texts in fr/es/ru/zh     frame word for word');
  for (const [type, list] of frameRows) console.log(type.padEnd(26), pct(list.filter((f) => f.matches).length, list.length));
  for (const f of frames.filter((x) => show || !x.matches)) {
    console.log(`\n${f.matches ? '=' : '≠'} ${f.t.lang} ${f.t.document} (${f.t.source})`);
    console.log(`  UN:        ${f.t.un}`);
    console.log(`  generated: ${f.generated}`);
  }
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
