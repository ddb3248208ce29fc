// `pnpm bench:fanout [--repeat 3] [--seconds 20] [--scenarios 1x1200,20x200] [--servers y-websocket,hocuspocus,gavel] [--out FILE]`
//
// Gavel's text fan-out beside Hocuspocus and y-websocket on identical load,
// with the shared harness (../shared/bench, its README): one writer typing to
// 1,200 readers, then 20 writers to 200 readers; the servers interleaved in
// each repeat, each a fresh process; server CPU per delivered update and the
// keystroke latency. Gavel runs compiled (packages/server/dist, built first if
// missing). The harness is copied to a folder of the OS's temporary directory
// and its own dependencies installed there (npm ci): nothing of it enters
// this repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

const source = [process.env.GAVEL_SHARED_BENCH, join(root, '../shared/bench'), join(root, '../../shared/bench')].find(
  (d) => d && existsSync(join(d, 'bench.js')),
);
if (!source) {
  console.error('The fan-out harness is not here: set GAVEL_SHARED_BENCH to the shared bench folder (the one with bench.js).');
  process.exit(2);
}

// A copy of the harness with its dependencies, reused while its lockfile is the same.
const work = join(tmpdir(), 'gavel-fanout-bench');
const lock = readFileSync(join(source, 'package-lock.json'), 'utf8');
const installed = join(work, '.installed-lock');
if (!existsSync(installed) || readFileSync(installed, 'utf8') !== lock) {
  mkdirSync(work, { recursive: true });
  cpSync(source, work, { recursive: true, filter: (p) => !/\/(node_modules|results)(\/|$)/.test(p.slice(source.length)) });
  console.log(`installing the harness's dependencies in ${work} (npm ci; sqlite3 may build from source)`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: work, stdio: 'inherit' });
  writeFileSync(installed, lock);
} else {
  cpSync(source, work, { recursive: true, filter: (p) => !/\/(node_modules|results)(\/|$)/.test(p.slice(source.length)) });
}

if (!existsSync(join(root, 'packages/server/dist/main.js'))) {
  execFileSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { stdio: 'inherit' });
}

const out = resolve(option('out', join(root, 'tests/artifacts/bench/fanout.md')));
mkdirSync(resolve(out, '..'), { recursive: true });
const env = {
  ...process.env,
  GAVEL_DIR: root,
  GAVEL_MAIN: 'packages/server/dist/main.js',
  GAVEL_EXEC_ARGV: '',
  GAVEL_BENCH_RESULTS: resolve(out, '..'),
  // Every client of the harness signs in with one code from 127.0.0.1: the
  // server's limits per code and per address are raised above the load.
  GAVEL_SIGNIN_PER_CODE: '100000',
  GAVEL_SOCKETS_PER_ADDRESS: '100000',
};
for (const scenario of option('scenarios', '1x1200,20x200').split(',')) {
  const [writers, readers] = scenario.split('x');
  const args = [
    'bench.js',
    '--servers', option('servers', 'y-websocket,hocuspocus,gavel'),
    '--writers', writers,
    '--readers', readers,
    '--seconds', option('seconds', '20'),
    '--repeat', option('repeat', '3'),
    '--out', out,
  ];
  console.log(`\n== ${writers} writer(s) x ${readers} readers: node ${args.join(' ')}`);
  const run = spawnSync(process.execPath, args, { cwd: work, env, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
console.log(`\nresults: ${out}`);
