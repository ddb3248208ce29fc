// Merges Vitest JSON reports (--reporter=json) of runs made side by side into one, as a single run would
// have written it, and prints the closing line `Tests: N passed, N failed, N skipped` of the whole.
// A report that is missing (its run did not finish) fails the merge: the exit code is 1.
//   node scripts/merge-vitest-json.mjs OUT IN...
import { readFileSync, writeFileSync } from 'node:fs';

const [out, ...inputs] = process.argv.slice(2);
const reports = [];
const missing = [];
for (const file of inputs) {
  try {
    reports.push(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    missing.push(`${file}: ${e.message}`);
  }
}
const merged = { ...reports[0], success: missing.length === 0 && reports.every((r) => r.success), testResults: reports.flatMap((r) => r.testResults) };
for (const key of Object.keys(reports[0] ?? {})) {
  if (key.startsWith('num')) merged[key] = reports.reduce((sum, r) => sum + (r[key] ?? 0), 0);
}
merged.startTime = Math.min(...reports.map((r) => r.startTime));
if (reports.length) writeFileSync(out, JSON.stringify(merged));
for (const m of missing) console.error(`no report: ${m}`);
const n = (key) => merged[key] ?? 0;
console.log(`Tests: ${n('numPassedTests')} passed, ${n('numFailedTests')} failed, ${n('numPendingTests') + n('numTodoTests')} skipped${missing.length ? `, ${missing.length} run(s) without a report` : ''}`);
process.exit(missing.length ? 1 : 0);
