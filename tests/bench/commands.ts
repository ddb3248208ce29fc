/**
 * The command benchmark (`pnpm bench:commands`): ledger commands per second
 * on one meeting over HTTP, beside the bare store measured in the same run
 * (better-sqlite3, WAL, synchronous=FULL, one row a transaction), then the
 * same after the meeting has 10,000 more events, then the first join after a
 * restart. A script that prints figures, not a test.
 *
 *   pnpm bench:commands [--clients 10,50] [--seconds 6] [--repeat 2] [--prefill 10000] [--warmup 4] [--against DIR/main.js]
 *
 * With `--against`, a second build of the server (another commit's
 * `node scripts/build-server.mjs --outdir packages/server/dist-base`, say) runs
 * beside this one, each on its own meeting and data folder, and every repeat
 * measures the bare store, this build, then that one. Meanwhile a GET /health
 * every 20 ms, on a connection of its own, times what another socket waits.
 * Each server's memory (RSS) is read 3 s after it listens, before any client.
 * `GAVEL_CPU_PROF=DIR` runs the servers under `node --cpu-prof` (profiles
 * written to DIR when they stop; summarise them with
 * `node tests/bench/cpu-profile.mjs DIR/*.cpuprofile`).
 *
 * Each client loops closed: speakers.request then speakers.withdraw of its
 * own delegation (each one committed event), each command with the next of
 * the meeting's tokens (the server limits each session to 600 commands a
 * minute). The server runs in its own process; its CPU is read from /proc.
 * The clients are undici's Pool over kept-alive connections (a few µs of
 * CPU a request; the global `fetch` cost the load generator a whole core),
 * and the load generator's own CPU is printed beside the server's: on two
 * cores, whichever side is near one core is the limit. Before the first
 * measured phase each server runs the load for `--warmup` seconds on a
 * meeting of its own (the JIT's warm-up; the measured meeting stays fresh).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import { Client, Pool } from 'undici';
import { spawnServer } from '../support/server';
import { arg, argText, cpuOf } from './args';

/**
 * Sessions signed in per client of the largest run: every command takes the
 * meeting's next token, so each token carries 1/1,000 of the rate (at 50
 * clients), 360 commands a minute at 6,000 commands/s, under the limit.
 */
const TOKENS_PER_CLIENT = 20;
const ADMIN = 'test-admin-token-0123456789abcdef';

const clientsList = argText('clients', '10,50').split(',').map(Number);
const seconds = arg('seconds', 6);
const repeat = arg('repeat', 2);
const prefill = arg('prefill', 10_000);
const warmup = arg('warmup', 4);
const against = argText('against', '') && resolve(argText('against', ''));

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]) => quantile(xs, 0.5);
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
const loads = () => loadavg().map((l) => l.toFixed(1)).join(' ');
/** This process's CPU seconds so far (the load generator and the bare store), all its threads. */
const ownCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
/** The machine's busy and total CPU time so far, all cores (/proc/stat, clock ticks). */
const machineCpu = () => {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const idle = ticks[3]! + ticks[4]!;
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
};

/** Rows a second that the bare store commits, one INSERT a transaction. */
function bareStore(forSeconds: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-bare-'));
  const db = new Database(join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE events (meeting_id TEXT, seq INTEGER, body TEXT, PRIMARY KEY (meeting_id, seq))');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?)');
  const body = JSON.stringify({ type: 'SpeakerRequested', payload: { entryId: 'e_0123456789', itemId: 'i_0123456789' }, hash: 'f'.repeat(64) });
  const end = performance.now() + forSeconds * 1000;
  let n = 0;
  while (performance.now() < end) insert.run('m_bench', ++n, body);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return n / forSeconds;
}

/** A POST with a JSON body over one of the pool's kept-alive connections; the answer's status and JSON. */
async function post(pool: Pool, path: string, body: unknown, token?: string) {
  const res = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.statusCode, body: (await res.body.json()) as any };
}

interface Bench {
  pool: Pool;
  meetingId: string;
  viewerCode: string;
  tokens: string[];
  delegations: string[];
  itemId: string;
  /** Commands committed by load() so far (to read a CPU profile per command). */
  commands: number;
}

async function setUp(url: string, maxClients: number, tokensPerClient = TOKENS_PER_CLIENT): Promise<Bench> {
  // A connection per client, one for the set-up; the GET /health probe has its own.
  const pool = new Pool(url, { connections: maxClients + 1, pipelining: 1, keepAliveTimeout: 60_000 });
  const created = await post(pool, '/api/meetings', { body: 'Command benchmark', title: 'Throughput', venue: 'Geneva', startDate: '2027-01-27', endDate: '2027-01-29', language: 'en' }, ADMIN);
  const { meetingId, secretariatCode, viewerCode } = created.body;
  const tokens: string[] = [];
  for (let i = 0; i < maxClients * tokensPerClient + 1; i++) {
    tokens.push((await post(pool, '/api/session', { meetingId, code: secretariatCode, name: `Officer ${i}` })).body.token);
  }
  const command = (c: unknown) => post(pool, `/api/meetings/${meetingId}/commands`, c, tokens[0]);
  const registered = await command({ type: 'delegation.registerMany', delegations: Array.from({ length: maxClients + 10 }, (_, i) => ({ category: 'ngo', names: { en: `Benchmark NGO ${i}` } })) });
  const delegations = registered.body.events.map((e: any) => e.payload.delegation.id);
  const item = await command({ type: 'agenda.addItem', title: 'General debate' });
  return { pool, meetingId, viewerCode, tokens: tokens.slice(1), delegations, itemId: item.body.events[0].payload.item?.id ?? item.body.events[0].payload.itemId, commands: 0 };
}

/** `clients` closed loops of request/withdraw for `forSeconds` (or until `until` commands): rate, latency, CPU of both sides. */
async function load(b: Bench, url: string, pid: number, clients: number, forSeconds: number, until = Infinity) {
  const path = `/api/meetings/${b.meetingId}/commands`;
  const latencies: number[] = [];
  let done = 0;
  let failed = 0;
  let next = 0;
  const token = () => b.tokens[next++ % b.tokens.length];
  const cpu0 = cpuOf(pid);
  const own0 = ownCpu();
  const machine0 = machineCpu();
  const t0 = performance.now();
  const end = t0 + forSeconds * 1000;
  // Another socket's wait meanwhile: a GET /health every 20 ms (what a commit holding the event loop delays).
  const probes: number[] = [];
  const probeClient = new Client(url, { keepAliveTimeout: 60_000 });
  const probe = (async () => {
    while (performance.now() < end && done < until) {
      const t = performance.now();
      await (await probeClient.request({ method: 'GET', path: '/health' })).body.arrayBuffer();
      probes.push(performance.now() - t);
      await sleep(20);
    }
  })();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      while (performance.now() < end && done < until) {
        let t = performance.now();
        const asked = await post(b.pool, path, { type: 'speakers.request', itemId: b.itemId, delegationId: b.delegations[c] }, token());
        latencies.push(performance.now() - t);
        if (!asked.body.ok) {
          failed++;
          continue;
        }
        t = performance.now();
        const withdrawn = await post(b.pool, path, { type: 'speakers.withdraw', entryId: asked.body.events[0].payload.entry.id }, token());
        latencies.push(performance.now() - t);
        if (withdrawn.body.ok) done += 2;
        else failed++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = cpuOf(pid) - cpu0;
  const own = ownCpu() - own0;
  const machine1 = machineCpu();
  await probe;
  await probeClient.close();
  b.commands += done;
  return {
    perSecond: done / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    probeP50: quantile(probes, 0.5),
    probeP99: quantile(probes, 0.99),
    cpuUsPerCommand: (1e6 * cpu) / Math.max(1, done),
    /** Cores used meanwhile: the server's, the load generator's (this process), the whole machine's (of 2). */
    serverCores: cpu / elapsed,
    clientCores: own / elapsed,
    machineBusy: (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total),
    failed,
  };
}

/** A viewer's first join: sign in, connect, the meeting's state over the socket. */
async function firstJoin(b: Bench, url: string): Promise<{ ms: number; seq: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ meetingId: b.meetingId, code: b.viewerCode, name: 'Observer' }),
  });
  const { token } = (await res.json()) as { token: string };
  const socket = io(url, { parser: msgpackParser, transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const synced = await socket.emitWithAck('sync');
  const ms = performance.now() - t0;
  socket.disconnect();
  return { ms, seq: synced.state.seq };
}

const env = { GAVEL_SIGNIN_PER_CODE: '100000', GAVEL_LOG_LEVEL: 'silent' };
const nodeArgs = process.env.GAVEL_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GAVEL_CPU_PROF}`] : [];
/** The servers compared: this checkout's compiled build (`pnpm build:server`), and the one given with --against. */
const builds = [{ name: 'Gavel', main: undefined as string | undefined }, ...(against ? [{ name: 'against', main: against }] : [])];
const servers = [];
console.log(`load average at the start: ${loads()}`);
for (const build of builds) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gavel-bench-commands-'));
  const spawn = () => spawnServer(dataDir, env, { compiled: true, nodeArgs, ...(build.main ? { main: build.main } : {}) });
  const server = await spawn();
  await sleep(3_000);
  servers.push({ ...build, dataDir, spawn, server, rss: rssMiB(server.child.pid!), bench: undefined as Bench | undefined });
  console.log(`${build.name}: ${build.main ?? 'packages/server/dist/main.js'}, pid ${server.child.pid}`);
}
const rows: {
  phase: string;
  clients: number;
  server: string;
  gavel: number;
  bare: number;
  p50: number;
  p99: number;
  probeP50: number;
  probeP99: number;
  cpu: number;
  serverCores: number;
  clientCores: number;
  machineBusy: number;
  load: string;
  failed: number;
}[] = [];
const maxClients = Math.max(...clientsList);
try {
  if (warmup > 0) {
    // Not measured: the JIT's warm-up, on a meeting of its own (the bare store's code is warmed too).
    for (const s of servers) {
      const w = await setUp(s.server.url, maxClients, 4);
      const g = await load(w, s.server.url, s.server.child.pid!, maxClients, warmup);
      await w.pool.close();
      console.log(`${s.name}: warm-up, ${warmup} s of ${maxClients} clients on a meeting of its own (not counted): ${g.perSecond.toFixed(0)} commands/s`);
    }
    bareStore(1);
  }
  for (const s of servers) s.bench = await setUp(s.server.url, maxClients);
  for (const phase of ['fresh', `after ${prefill.toLocaleString('en')} events`]) {
    if (phase !== 'fresh') for (const s of servers) await load(s.bench!, s.server.url, s.server.child.pid!, 10, 3_600, prefill);
    for (let r = 0; r < repeat; r++) {
      for (const clients of clientsList) {
        // Interleaved: the bare store, then each server, on the same machine in the same minute.
        const bare = bareStore(Math.min(3, seconds));
        for (const s of servers) {
          const g = await load(s.bench!, s.server.url, s.server.child.pid!, clients, seconds);
          rows.push({ phase, clients, server: s.name, gavel: g.perSecond, bare, p50: g.p50, p99: g.p99, probeP50: g.probeP50, probeP99: g.probeP99, cpu: g.cpuUsPerCommand, serverCores: g.serverCores, clientCores: g.clientCores, machineBusy: g.machineBusy, load: loads(), failed: g.failed });
          console.log(JSON.stringify(rows.at(-1)));
        }
      }
    }
  }
  // The first join after a restart, on the meeting as it is now (its events and a state checkpoint).
  const joins = new Map<string, { ms: number; seq: number }[]>();
  for (const s of servers) {
    await s.bench!.pool.close();
    await s.server.kill('SIGTERM');
    s.server = await s.spawn();
    const js = [await firstJoin(s.bench!, s.server.url)];
    for (let i = 0; i < 4; i++) js.push(await firstJoin(s.bench!, s.server.url));
    joins.set(s.name, js);
  }

  const fixed = (x: number, digits = 0) => x.toFixed(digits);
  console.log('\nMedians of the repeats. CPU in cores (of 2) while the row ran: the server process, the load generator (this process), the whole machine.');
  console.log('\n| meeting | clients | server | commands/s | bare store rows/s (same run) | ratio | p50 ms | p99 ms | GET /health meanwhile p50 / p99 ms | server CPU µs/command | cores: server / load generator / machine | failed |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const phase of [...new Set(rows.map((r) => r.phase))]) {
    for (const clients of clientsList) {
      for (const s of servers) {
        const rs = rows.filter((r) => r.phase === phase && r.clients === clients && r.server === s.name);
        const m = (f: (r: (typeof rs)[number]) => number) => median(rs.map(f));
        const g = m((r) => r.gavel);
        const bare = m((r) => r.bare);
        console.log(
          `| ${phase} | ${clients} | ${s.name} | ${fixed(g)} | ${fixed(bare)} | ${fixed(g / bare, 2)}x | ${fixed(m((r) => r.p50), 1)} | ${fixed(m((r) => r.p99), 1)} | ${fixed(m((r) => r.probeP50), 1)} / ${fixed(m((r) => r.probeP99), 1)} | ${fixed(m((r) => r.cpu))} | ${fixed(m((r) => r.serverCores), 2)} / ${fixed(m((r) => r.clientCores), 2)} / ${fixed(2 * m((r) => r.machineBusy), 2)} | ${rs.reduce((a, r) => a + r.failed, 0)} |`,
        );
      }
    }
  }
  for (const s of servers) {
    const js = joins.get(s.name)!;
    console.log(`\n${s.name}: ${s.bench!.commands.toLocaleString('en')} commands in all. RSS before any client ${s.rss.toFixed(0)} MiB. First join after a restart (${js[0].seq.toLocaleString('en')} events): ${js[0].ms.toFixed(0)} ms; the next ones ${median(js.slice(1).map((j) => j.ms)).toFixed(0)} ms (median).`);
  }
  console.log(`\nload average at the end: ${loads()}`);
} finally {
  for (const s of servers) {
    // SIGTERM first: a profiled server writes its profile as it exits.
    await s.server.kill(process.env.GAVEL_CPU_PROF ? 'SIGTERM' : 'SIGKILL');
    rmSync(s.dataDir, { recursive: true, force: true });
  }
}
