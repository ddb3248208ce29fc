/**
 * The memory benchmark (`pnpm bench:memory`): the compiled server's RSS
 * before any client, as the README's first command starts it (a fresh data
 * folder, the demo meeting made) and as the benchmarks start it (no demo),
 * read from /proc 3 s after it listens. A script that prints figures, not a
 * test; what the server loads at start is tested by
 * tests/integration/compiled-server.test.ts.
 *
 *   pnpm bench:memory [--repeat 3] [--against DIR/main.js]
 *
 * With `--against`, another build (`node scripts/build-server.mjs --outdir
 * packages/server/dist-base` on another commit, say) is started in turn with
 * this one, interleaved, so that both are measured on the same machine in
 * the same minute. Each line says the load average.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { COMPILED_MAIN, spawnServer } from '../support/server';
import { arg, argText } from './args';

const repeat = arg('repeat', 3);
const against = argText('against', '') && resolve(argText('against', ''));
const builds = [{ name: 'Gavel', main: COMPILED_MAIN }, ...(against ? [{ name: 'against', main: against }] : [])];

/** VmRSS of a process, MiB. */
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

const figures = new Map<string, number[]>();
for (let r = 0; r < repeat; r++) {
  for (const demo of [true, false]) {
    for (const build of builds) {
      const dataDir = mkdtempSync(join(tmpdir(), 'gavel-bench-memory-'));
      const server = await spawnServer(dataDir, { GAVEL_DEMO: String(demo), GAVEL_LOG_LEVEL: 'warn' }, { main: build.main });
      await sleep(3_000);
      const rss = rssMiB(server.child.pid!);
      await server.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
      const key = `${build.name}, ${demo ? 'demo meeting made (the README\u2019s first command)' : 'no demo (the benchmarks)'}`;
      figures.set(key, [...(figures.get(key) ?? []), rss]);
      console.log(`${key}: RSS ${rss.toFixed(0)} MiB 3 s after listening (${build.main}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    }
  }
}
console.log('\nRSS before any client, MiB (median, then each start):');
for (const [key, xs] of figures) {
  const median = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`  ${key}: ${median.toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(', ')})`);
}
