// `pnpm bench:fanout [--repeat 3] [--seconds 20] [--scenarios 1x1200,20x200] [--servers y-websocket,hocuspocus,gavel] [--out FILE] [--warmup S] [--tag T] [--rate K]`
//
// Gavel's text fan-out beside Hocuspocus and y-websocket on identical load,
// with the shared harness (../shared/bench, its README): one writer typing to
// 1,200 readers, then 20 writers to 200 readers; the servers interleaved in
// each repeat, each a fresh process; server CPU per delivered update and the
// keystroke latency. First, each server's memory before any client (RSS 3 s
// after it listens, the servers interleaved, --repeat times; `--scenarios ''`
// measures only that). Gavel runs compiled (packages/server/dist, built first if
// missing). The harness is copied to a folder of the OS's temporary directory
// and its own dependencies installed there (npm ci): nothing of it enters
// this repository.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

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
  GAVEL_EXEC_ARGV: process.env.GAVEL_EXEC_ARGV ?? '',
  GAVEL_BENCH_RESULTS: resolve(out, '..'),
  // Every client of the harness signs in with one code from 127.0.0.1: the
  // server's limits per code and per address are raised above the load.
  GAVEL_SIGNIN_PER_CODE: '100000',
  GAVEL_SOCKETS_PER_ADDRESS: '100000',
};
/** RSS in MiB of one fresh server, 3 s after it listens, before any client: started as the harness starts it. */
async function idleRss(name) {
  // The harness reads which Gavel to start (GAVEL_DIR, GAVEL_MAIN, GAVEL_EXEC_ARGV) from its own environment.
  Object.assign(process.env, env);
  const { servers } = await import(pathToFileURL(join(work, 'lib/servers.js')).href);
  const { freePort, freePortIn, rssMiB, waitForPort } = await import(pathToFileURL(join(work, 'lib/proc.js')).href);
  const def = servers[name];
  const port = def.ports ? await freePortIn(...def.ports) : await freePort();
  const data = mkdtempSync(join(tmpdir(), 'gavel-idle-'));
  const child = spawn(process.execPath, [...(def.execArgv ?? []), def.script], {
    cwd: def.cwd ?? work,
    env: { ...env, ...def.env(`idle-${port}`), GAVEL_DATA_DIR: data, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    await waitForPort(port, 60_000);
    await sleep(3000);
    return rssMiB(child.pid);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(data, { recursive: true, force: true });
  }
}

const names = option('servers', 'y-websocket,hocuspocus,gavel').split(',');
const rss = Object.fromEntries(names.map((n) => [n, []]));
for (let i = 0; i < Number(option('repeat', '3')); i++) for (const n of names) rss[n].push(await idleRss(n));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\n== memory before any client (RSS 3 s after start, MiB, median of ${rss[names[0]].length}): ${names.map((n) => `${n} ${median(rss[n]).toFixed(0)} (${rss[n].map((x) => x.toFixed(0)).join(', ')})`).join('; ')}`);

for (const scenario of option('scenarios', '1x1200,20x200').split(',').filter(Boolean)) {
  const [writers, readers] = scenario.split('x');
  const args = [
    'bench.js',
    '--servers', option('servers', 'y-websocket,hocuspocus,gavel'),
    '--writers', writers,
    '--readers', readers,
    '--seconds', option('seconds', '20'),
    '--repeat', option('repeat', '3'),
    '--out', out,
    // Passed through to the harness when given: seconds typed before the measured window, a suffix for the scenario's name, keystrokes a second per writer.
    ...['warmup', 'tag', 'rate'].flatMap((name) => (option(name) === undefined ? [] : [`--${name}`, option(name)])),
  ];
  console.log(`\n== ${writers} writer(s) x ${readers} readers: node ${args.join(' ')}`);
  const run = spawnSync(process.execPath, args, { cwd: work, env, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
console.log(`\nresults: ${out}`);
