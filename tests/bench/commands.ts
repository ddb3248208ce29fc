/**
 * The command benchmark (`pnpm bench:commands`): ledger commands per second
 * on one meeting over HTTP, beside the bare store measured in the same run
 * (better-sqlite3, WAL, synchronous=FULL, one row a transaction), then the
 * same after the meeting has 10,000 more events, then the first join after a
 * restart. A script that prints figures, not a test.
 *
 *   pnpm bench:commands [--clients 10,50] [--seconds 6] [--repeat 2] [--prefill 10000] [--against DIR/main.js]
 *
 * With `--against`, a second build of the server (another commit's
 * `node scripts/build-server.mjs --outdir packages/server/dist-base`, say) runs
 * beside this one, each on its own meeting and data folder, and every repeat
 * measures the bare store, this build, then that one. Meanwhile a GET /health
 * every 20 ms times what another socket waits. Each server's memory
 * (RSS) is read 3 s after it listens, before any client. `GAVEL_CPU_PROF=DIR`
 * runs the servers under `node --cpu-prof` (profiles written to DIR when they
 * stop; summarise them with `node tests/bench/cpu-profile.mjs DIR/*.cpuprofile`).
 *
 * Each client loops closed: speakers.request then speakers.withdraw of its
 * own delegation (each one committed event), rotating over tokens of its own
 * (the server limits each session to 600 commands a minute). The server runs
 * in its own process; its CPU is read from /proc.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { io } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import { spawnServer } from '../support/server';
import { arg, argText, cpuOf } from './args';

const TOKENS_PER_CLIENT = 12;
const ADMIN = 'test-admin-token-0123456789abcdef';

const clientsList = argText('clients', '10,50').split(',').map(Number);
const seconds = arg('seconds', 6);
const repeat = arg('repeat', 2);
const prefill = arg('prefill', 10_000);
const against = argText('against', '') && resolve(argText('against', ''));

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const median = (xs: number[]) => quantile(xs, 0.5);
const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

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

async function post(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

interface Bench {
  url: string;
  meetingId: string;
  viewerCode: string;
  tokens: string[];
  delegations: string[];
  itemId: string;
  /** Commands committed by load() so far (to read a CPU profile per command). */
  commands: number;
}

async function setUp(url: string, maxClients: number): Promise<Bench> {
  const created = await post(url, '/api/meetings', { body: 'Command benchmark', title: 'Throughput', venue: 'Geneva', startDate: '2027-01-27', endDate: '2027-01-29', language: 'en' }, ADMIN);
  const { meetingId, secretariatCode, viewerCode } = created.body;
  const tokens: string[] = [];
  for (let i = 0; i < maxClients * TOKENS_PER_CLIENT + 40; i++) {
    tokens.push((await post(url, '/api/session', { meetingId, code: secretariatCode, name: `Officer ${i}` })).body.token);
  }
  const command = (c: unknown) => post(url, `/api/meetings/${meetingId}/commands`, c, tokens[0]);
  const registered = await command({ type: 'delegation.registerMany', delegations: Array.from({ length: maxClients + 10 }, (_, i) => ({ category: 'ngo', names: { en: `Benchmark NGO ${i}` } })) });
  const delegations = registered.body.events.map((e: any) => e.payload.delegation.id);
  const item = await command({ type: 'agenda.addItem', title: 'General debate' });
  return { url, meetingId, viewerCode, tokens, delegations, itemId: item.body.events[0].payload.item?.id ?? item.body.events[0].payload.itemId, commands: 0 };
}

/** `clients` closed loops of request/withdraw for `forSeconds` (or until `until` commands): rate, latency, server CPU. */
async function load(b: Bench, pid: number, clients: number, forSeconds: number, until = Infinity) {
  const path = `/api/meetings/${b.meetingId}/commands`;
  const latencies: number[] = [];
  let done = 0;
  let failed = 0;
  const cpu0 = cpuOf(pid);
  const t0 = performance.now();
  const end = t0 + forSeconds * 1000;
  // Another socket's wait meanwhile: a GET /health every 20 ms (what a commit holding the event loop delays).
  const probes: number[] = [];
  const probe = (async () => {
    while (performance.now() < end && done < until) {
      const t = performance.now();
      await (await fetch(`${b.url}/health`)).arrayBuffer();
      probes.push(performance.now() - t);
      await sleep(20);
    }
  })();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      let k = 0;
      const token = () => b.tokens[40 + c * TOKENS_PER_CLIENT + (k++ % TOKENS_PER_CLIENT)];
      while (performance.now() < end && done < until) {
        let t = performance.now();
        const asked = await post(b.url, path, { type: 'speakers.request', itemId: b.itemId, delegationId: b.delegations[c] }, token());
        latencies.push(performance.now() - t);
        if (!asked.body.ok) {
          failed++;
          continue;
        }
        t = performance.now();
        const withdrawn = await post(b.url, path, { type: 'speakers.withdraw', entryId: asked.body.events[0].payload.entry.id }, token());
        latencies.push(performance.now() - t);
        if (withdrawn.body.ok) done += 2;
        else failed++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = cpuOf(pid) - cpu0;
  await probe;
  b.commands += done;
  return {
    perSecond: done / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    probeP50: quantile(probes, 0.5),
    probeP99: quantile(probes, 0.99),
    cpuUsPerCommand: (1e6 * cpu) / Math.max(1, done),
    failed,
  };
}

/** A viewer's first join: sign in, connect, the meeting's state over the socket. */
async function firstJoin(b: Bench, url: string): Promise<{ ms: number; seq: number }> {
  const t0 = performance.now();
  const { token } = (await post(url, '/api/session', { meetingId: b.meetingId, code: b.viewerCode, name: 'Observer' })).body;
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
for (const build of builds) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gavel-bench-commands-'));
  const spawn = () => spawnServer(dataDir, env, { compiled: true, nodeArgs, ...(build.main ? { main: build.main } : {}) });
  const server = await spawn();
  await sleep(3_000);
  servers.push({ ...build, dataDir, spawn, server, rss: rssMiB(server.child.pid!), bench: undefined as Bench | undefined });
  console.log(`${build.name}: ${build.main ?? 'packages/server/dist/main.js'}, pid ${server.child.pid}`);
}
const rows: { phase: string; clients: number; server: string; gavel: number; bare: number; p50: number; p99: number; probeP50: number; probeP99: number; cpu: number; failed: number }[] = [];
try {
  for (const s of servers) s.bench = await setUp(s.server.url, Math.max(...clientsList));
  for (const phase of ['fresh', `after ${prefill.toLocaleString('en')} events`]) {
    if (phase !== 'fresh') for (const s of servers) await load(s.bench!, s.server.child.pid!, 10, 3_600, prefill);
    for (let r = 0; r < repeat; r++) {
      for (const clients of clientsList) {
        // Interleaved: the bare store, then each server, on the same machine in the same minute.
        const bare = bareStore(Math.min(3, seconds));
        for (const s of servers) {
          const g = await load(s.bench!, s.server.child.pid!, clients, seconds);
          rows.push({ phase, clients, server: s.name, gavel: g.perSecond, bare, p50: g.p50, p99: g.p99, probeP50: g.probeP50, probeP99: g.probeP99, cpu: g.cpuUsPerCommand, failed: g.failed });
          console.log(JSON.stringify(rows.at(-1)));
        }
      }
    }
  }
  // The first join after a restart, on the meeting as it is now (its events and a state checkpoint).
  const joins = new Map<string, { ms: number; seq: number }[]>();
  for (const s of servers) {
    await s.server.kill('SIGTERM');
    s.server = await s.spawn();
    const js = [await firstJoin(s.bench!, s.server.url)];
    for (let i = 0; i < 4; i++) js.push(await firstJoin(s.bench!, s.server.url));
    joins.set(s.name, js);
  }

  console.log('\n| meeting | clients | server | commands/s | bare store rows/s (same run) | ratio | p50 ms | p99 ms | GET /health meanwhile p50 / p99 ms | server CPU µs/command |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const phase of [...new Set(rows.map((r) => r.phase))]) {
    for (const clients of clientsList) {
      for (const s of servers) {
        const rs = rows.filter((r) => r.phase === phase && r.clients === clients && r.server === s.name);
        const g = median(rs.map((r) => r.gavel));
        const bare = median(rs.map((r) => r.bare));
        console.log(
          `| ${phase} | ${clients} | ${s.name} | ${g.toFixed(0)} | ${bare.toFixed(0)} | ${(g / bare).toFixed(2)}x | ${median(rs.map((r) => r.p50)).toFixed(1)} | ${median(rs.map((r) => r.p99)).toFixed(1)} | ${median(rs.map((r) => r.probeP50)).toFixed(1)} / ${median(rs.map((r) => r.probeP99)).toFixed(1)} | ${median(rs.map((r) => r.cpu)).toFixed(0)} |`,
        );
      }
    }
  }
  for (const s of servers) {
    const js = joins.get(s.name)!;
    console.log(`\n${s.name}: ${s.bench!.commands.toLocaleString('en')} commands in all. RSS before any client ${s.rss.toFixed(0)} MiB. First join after a restart (${js[0].seq.toLocaleString('en')} events): ${js[0].ms.toFixed(0)} ms; the next ones ${median(js.slice(1).map((j) => j.ms)).toFixed(0)} ms (median).`);
  }
} finally {
  for (const s of servers) {
    // SIGTERM first: a profiled server writes its profile as it exits.
    await s.server.kill(process.env.GAVEL_CPU_PROF ? 'SIGTERM' : 'SIGKILL');
    rmSync(s.dataDir, { recursive: true, force: true });
  }
}
