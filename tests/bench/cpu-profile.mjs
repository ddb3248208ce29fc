// `node tests/bench/cpu-profile.mjs FILE.cpuprofile [--top 40] [--match TEXT]`
//
// Summarises a V8 CPU profile (`node --cpu-prof`): per function (name, file
// and line), its self time and its inclusive time (the samples in which it is
// anywhere on the stack, each sample counted once however deep the recursion),
// in ms, largest inclusive first. `--match` keeps the functions whose name or
// file contains TEXT. `--from S --to S` keep the samples taken between those
// seconds after the profile started (a benchmark's typing window, say).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const top = Number(option('top', 40));
const match = option('match', '');
const from = Number(option('from', 0)) * 1e6;
const to = Number(option('to', Infinity)) * 1e6;
for (const file of args) {
  const { nodes, samples, timeDeltas, startTime, endTime } = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url ? `${basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map();
  const inclusive = new Map();
  let at = 0;
  let kept = 0;
  samples.forEach((id, i) => {
    at += timeDeltas[i] ?? 0;
    if (at < from || at > to) return;
    const ms = (timeDeltas[i + 1] ?? 0) / 1000;
    kept += ms;
    const leaf = key(byId.get(id));
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    const seen = new Set();
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const k = key(byId.get(node));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  });
  const idle = self.get("(idle)") ?? 0;
  const window = from > 0 || to < Infinity ? `, ${(kept / 1000).toFixed(1)} s kept (${from / 1e6}-${to / 1e6} s)` : '';
  console.log(`\n${file}: ${((endTime - startTime) / 1e6).toFixed(1)} s profiled${window}, ${idle.toFixed(0)} ms idle`);
  console.log('| inclusive ms | self ms | function |\n|---|---|---|');
  [...inclusive]
    .filter(([k]) => !match || k.includes(match))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, ms]) => console.log(`| ${ms.toFixed(0)} | ${(self.get(k) ?? 0).toFixed(0)} | \`${k}\` |`));
}
