/**
 * The cluster benchmark (`pnpm bench:cluster`): three nodes behind HAProxy
 * on PostgreSQL and Redis (tests/support/cluster.ts, all started here on free
 * ports). A script that prints figures, not a test.
 *
 *   pnpm bench:cluster [--parts a,b,c] [--readers 3000] [--rate 10] [--seconds 10] [--procs 2]
 *                      [--repeat 2] [--layouts one,spread,forwarded] [--profile DIR]
 *                      [--meetings 100] [--clients 30] [--pace 5000] [--kills 10]
 *
 * (a) one meeting, one typist and `readers` lean readers (they decode, as
 *     bench:drafting's), in turns: every reader and the typist on the
 *     meeting's owner (the one-node figure); the readers spread over the
 *     nodes, the typist on the owner; the typist on another node;
 *     keystroke → reader p50/p99 (shared monotonic clock), how many arrivals
 *     are missing, each process's CPU and the load average.
 * (b) `meetings` meetings of `clients` clients each, closed loops of
 *     speakers.request / speakers.withdraw through the load balancer:
 *     commands per second, p50/p99.
 * (c) `kills` SIGKILLs of the node that owns a meeting while clients send
 *     commands through the load balancer: time from the kill to the next
 *     acknowledged command (p50/p99), HAProxy's time to take the node out,
 *     and every acknowledged event looked up in PostgreSQL (lost ones counted).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { PostgresStore } from '@gavel/server/store/postgres';
import { YWS } from '@gavel/shared';
import { SocketIoYjsProvider } from '../../packages/web/src/editor/provider';
import { startCluster, type Cluster } from '../support/cluster';
import { waitFor } from '../support/server';
import { arg, argText, cpuOf } from './args';
import { clockFrom, connected, joinLean, percentile, socketTo, updateIn } from './readers';

const DOC = 'recommendations';
const SELF = import.meta.filename;
const PROFILE = argText('profile', '');

// ---- a reader process ----------------------------------------------------------

interface ReaderSetup {
  type: 'setup';
  base: string;
  /** Each reader's node and session. */
  readers: { url: string; token: string }[];
}

function nextMessage<T>(type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      process.off('message', on);
      resolve(m as T);
    };
    process.on('message', on);
  });
}

/** Readers joined to the text; records when each of the typist's keystrokes reaches each of them. */
async function readerProcess(): Promise<void> {
  const setup = await nextMessage<ReaderSetup>('setup');
  const now = clockFrom(BigInt(setup.base));
  const sockets: Socket[] = [];
  let arrivals = new Float64Array(0);
  let writer = -1;
  let keys = 0;
  for (let i = 0; i < setup.readers.length; i += 50) {
    await Promise.all(
      setup.readers.slice(i, i + 50).map(async ({ url, token }, j) => {
        const index = i + j;
        const socket = socketTo(url, token);
        sockets.push(socket);
        socket.on(YWS.msg, (_name: string, raw: Uint8Array | ArrayBuffer) => {
          const update = writer >= 0 ? updateIn(raw) : null;
          if (!update) return;
          const t = now();
          const { from, to } = Y.parseUpdateMeta(update);
          const end = to.get(writer);
          if (end === undefined) return;
          for (let k = from.get(writer) ?? 0; k < Math.min(end, keys); k++) if (arrivals[index * keys + k] === 0) arrivals[index * keys + k] = t;
        });
        await joinLean(socket, DOC);
      }),
    );
  }
  process.send!({ type: 'ready' });
  const start = await nextMessage<{ writer: number; keys: number }>('start');
  keys = start.keys;
  arrivals = new Float64Array(setup.readers.length * keys);
  writer = start.writer;
  process.send!({ type: 'started' });
  await nextMessage('collect');
  for (const s of sockets) s.close();
  // Exit only once the result is sent: a large one is still in flight when send() returns.
  process.send!({ type: 'result', arrivals }, undefined, {}, () => process.exit(0));
}

// ---- the coordinator -------------------------------------------------------------

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const on = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.once('exit', (code) => reject(new Error(`reader process exited with ${code}`)));
    child.send(message);
  });
}

async function api(url: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(url + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  // HAProxy's own answers (502, 503 when no node is up) are HTML.
  let answer: any;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = { error: { code: text.includes("<html") ? "from HAProxy" : "not JSON" } };
  }
  return { status: res.status, body: answer };
}

/** A set-up request that must succeed; a connection cut under load is tried again, twice. */
async function mustApi(url: string, method: string, path: string, body?: unknown, token?: string) {
  let res: Awaited<ReturnType<typeof api>> | undefined;
  for (let attempt = 0; !res; attempt++) {
    res = await api(url, method, path, body, token).catch((e: Error) => {
      if (attempt >= 2) throw new Error(`${method} ${path}: ${e.message} (${String(e.cause)})`);
      return undefined;
    });
  }
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** `count` sessions on a code, `parallel` sign-ins at a time. */
async function signIns(url: string, meetingId: string, code: string, count: number, parallel = 20): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - i) }, (_, j) => mustApi(url, 'POST', '/api/session', { meetingId, code, name: `Reader ${i + j + 1}` }));
    tokens.push(...(await Promise.all(batch)).map((b) => b.token as string));
  }
  return tokens;
}

async function createMeeting(cluster: Cluster, title: string) {
  return mustApi(cluster.url, 'POST', '/api/meetings', { body: 'Cluster benchmark', title, venue: 'Geneva', startDate: '2027-01-27', endDate: '2027-01-29', language: 'en' }, cluster.adminToken);
}

const reasons = (failed: Map<string, number>) => (failed.size ? [...failed].map(([why, n]) => `${n} × ${why}`).join(', ') : '0');
const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const sorted = (xs: number[]) => Float64Array.from(xs).sort();

type Processes = Record<string, number | undefined>;

/** CPU used by each named process between two snapshots, as a share of one core over `wallMs`. */
function cpuShares(before: Record<string, number | undefined>, after: Record<string, number | undefined>, wallMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, a] of Object.entries(after)) {
    const b = before[name];
    if (a !== undefined && b !== undefined) out[name] = (a - b) / (wallMs / 1000);
  }
  return out;
}

function snapshot(processes: Processes): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const [name, pid] of Object.entries(processes)) {
    try {
      out[name] = pid === undefined ? undefined : cpuOf(pid);
    } catch {
      out[name] = undefined; // gone
    }
  }
  return out;
}

interface TypingResult {
  p50: number;
  p99: number;
  measured: number;
  missing: number;
  /** Each process's CPU while typing (1 = one core), and the machine's load average then. */
  cpu: Record<string, number>;
  load: number;
}

/** One typing run: the typist on `typistUrl`, the readers on the URLs given; latencies of every (keystroke, reader). */
async function typingRun(
  base: bigint,
  typistUrl: string,
  typistToken: string,
  readers: { url: string; token: string }[],
  o: { procs: number; rate: number; seconds: number; processes: Processes },
): Promise<TypingResult> {
  const { procs, rate, seconds } = o;
  const now = clockFrom(base);
  const perProc = Math.ceil(readers.length / procs);
  const children = Array.from({ length: procs }, () => fork(SELF, ['--role', 'readers'], { execArgv: ['--import', 'tsx', ...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', PROFILE] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' }));
  let socket: Socket | undefined;
  let provider: SocketIoYjsProvider | undefined;
  try {
    await Promise.all(children.map((c, p) => ask(c, { type: 'setup', base: base.toString(), readers: readers.slice(p * perProc, (p + 1) * perProc) } satisfies ReaderSetup, 'ready')));
    socket = socketTo(typistUrl, typistToken);
    provider = new SocketIoYjsProvider(socket, DOC, { presence: false, ackTimeoutMs: 30_000 });
    provider.connect();
    await connected(socket);
    await provider.whenSynced();
    const keys = Math.round(rate * seconds);
    const writer = provider.doc.clientID;
    await Promise.all(children.map((c) => ask(c, { type: 'start', writer, keys }, 'started')));
    const processes: Processes = { ...o.processes, coordinator: process.pid };
    children.forEach((c, i) => (processes[`readers ${i + 1}`] = c.pid));
    const cpuBefore = snapshot(processes);
    // Keystroke k is clock k of the typist's fresh client id.
    const sent = new Float64Array(keys);
    const root = provider.doc.get('root', Y.XmlText);
    const started = now();
    for (let k = 0; k < keys; k++) {
      await new Promise((r) => setTimeout(r, Math.max(0, started + k * (1000 / rate) - now())));
      sent[k] = now();
      root.insert(root.length, 'a');
    }
    await provider.whenSaved();
    // --settle MS: how long arrivals are awaited after the last keystroke is stored (a longer wait tells late from never).
    await new Promise((r) => setTimeout(r, arg('settle', 1_000)));
    const cpu = cpuShares(cpuBefore, snapshot(processes), now() - started);
    const load = loadavg()[0];
    const results = await Promise.all(children.map((c) => ask<{ arrivals: Float64Array }>(c, { type: 'collect' }, 'result')));
    const latencies: number[] = [];
    let missing = 0;
    for (const { arrivals } of results) {
      for (let i = 0; i < arrivals.length; i++) {
        if (arrivals[i] === 0) missing++;
        else latencies.push(arrivals[i] - sent[i % keys]);
      }
    }
    const s = sorted(latencies);
    return { p50: percentile(s, 50), p99: percentile(s, 99), measured: latencies.length, missing, cpu, load };
  } finally {
    provider?.destroy();
    socket?.close();
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}

/**
 * (a) Keystrokes to many readers: every reader on the meeting's owner (one
 * node), then spread over the nodes, then the typist on another node than the
 * owner (its keystrokes sent on over HTTP), in turns (`repeat` rounds, the
 * order reversed every other round).
 */
async function partA(cluster: Cluster): Promise<void> {
  const readersCount = arg('readers', 3_000);
  const rate = arg('rate', 10);
  const seconds = arg('seconds', 10);
  const procs = arg('procs', 2);
  const repeat = arg('repeat', 2);
  const layouts = argText('layouts', 'one,spread,forwarded').split(',');
  const meeting = await createMeeting(cluster, 'Many readers');
  const [typist] = await signIns(cluster.url, meeting.meetingId, meeting.secretariatCode, 1);
  const tokens = await signIns(cluster.url, meeting.meetingId, meeting.viewerCode, readersCount);
  const nodes = cluster.nodes.map((n) => n.url);
  const names = cluster.nodes.map((n) => n.name);
  const base = process.hrtime.bigint();
  // Where the typist and the readers are, given the meeting's owner now.
  const setups = (owner: number): Record<string, { label: string; typist: string; readers: { url: string; token: string }[] }> => {
    const other = (owner + 1) % nodes.length;
    const spread = tokens.map((token, i) => ({ url: nodes[i % nodes.length], token }));
    return {
      one: { label: 'all on the owner: one node', typist: nodes[owner], readers: tokens.map((token) => ({ url: nodes[owner], token })) },
      spread: { label: `readers spread over ${nodes.length} nodes, typist on the owner`, typist: nodes[owner], readers: spread },
      forwarded: { label: `readers spread, typist on another node than the owner`, typist: nodes[other], readers: spread },
    };
  };
  const results = new Map<string, TypingResult[]>(layouts.map((l) => [l, []]));
  let owner = await cluster.waitForOwner(meeting.meetingId);
  for (let r = 0; r < repeat; r++) {
    for (const layout of r % 2 === 0 ? layouts : [...layouts].reverse()) {
      // A lease lost under load and not yet taken by anyone: the typist's node takes it at its first keystroke.
      owner = (await cluster.ownerOf(meeting.meetingId)) ?? owner;
      const processes: Processes = { redis: cluster.redis.pid };
      cluster.nodes.forEach((n, i) => (processes[i === owner ? `${n.name} (owner)` : n.name] = n.process?.pid));
      const setup = setups(owner)[layout];
      const result = await typingRun(base, setup.typist, typist, setup.readers, { procs, rate, seconds, processes });
      results.get(layout)!.push(result);
      const cpu = Object.entries(result.cpu).map(([name, share]) => `${name} ${share.toFixed(2)}`).join(', ');
      console.log(`  round ${r + 1}, ${layout}: p50 ${f(result.p50)} ms, p99 ${f(result.p99)} ms, missing ${result.missing}; load ${result.load.toFixed(1)}; CPU (cores): ${cpu}`);
      // Under load a lease may be lost (its renewal late) and the meeting taken over: said, since it stalls the keystrokes.
      const after = await cluster.ownerOf(meeting.meetingId);
      if (after !== owner) console.log(`  the meeting changed hands during the run: ${names[owner]} → ${after === undefined ? 'no node' : names[after]}`);
    }
  }
  console.log(`\n(a) one typist at ${rate} keys/s for ${seconds} s, ${readersCount} readers (${procs} reader processes), ${repeat} rounds`);
  console.log('| layout | round | p50 ms | p99 ms | p99 / one node (same round) | arrivals measured | missing | load |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const layout of layouts) {
    results.get(layout)!.forEach((x, r) => {
      const one = results.get('one')?.[r];
      console.log(`| ${setups(0)[layout].label} | ${r + 1} | ${f(x.p50)} | ${f(x.p99)} | ${one ? (x.p99 / one.p99).toFixed(2) + 'x' : '-'} | ${x.measured} | ${x.missing} | ${x.load.toFixed(1)} |`);
    });
  }
  console.log('(goal: readers spread over the nodes at most 1.5x the one-node p99, nothing missing)');
}

interface LoopClient {
  url: string;
  meetingId: string;
  token: string;
  delegationId: string;
  itemId: string;
}

/** A meeting with `clients` delegations, an agenda item and a secretariat session per client. */
async function commandMeeting(cluster: Cluster, title: string, clients: number): Promise<LoopClient[]> {
  const m = await createMeeting(cluster, title);
  const tokens = await signIns(cluster.url, m.meetingId, m.secretariatCode, clients, 10);
  const command = (c: unknown) => mustApi(cluster.url, 'POST', `/api/meetings/${m.meetingId}/commands`, c, tokens[0]);
  const registered = await command({ type: 'delegation.registerMany', delegations: Array.from({ length: clients }, (_, i) => ({ category: 'ngo', names: { en: `Benchmark NGO ${i + 1}` } })) });
  const item = await command({ type: 'agenda.addItem', title: 'General debate' });
  const itemId = item.events[0].payload.item?.id ?? item.events[0].payload.itemId;
  return tokens.map((token, i) => ({ url: cluster.url, meetingId: m.meetingId, token, delegationId: registered.events[i].payload.delegation.id, itemId }));
}

/** An acknowledged command: its latency, its events, and when it was sent (performance.now()). */
type Ack = (ms: number, events: { seq: number; hash: string; payload: any }[], sentAt: number) => void;

/**
 * Closed loops of speakers.request / speakers.withdraw, one per client, until
 * `until()`, at most one command per `paceMs` each (a session may send 600 a
 * minute); a withdrawal that failed (its node killed) is tried again before
 * the delegation asks anew; each client starts at a random moment within its
 * first pause. Returns the failed commands by answer ("409 conflict").
 */
async function loops(clients: LoopClient[], until: () => boolean, onAck: Ack, paceMs = 0): Promise<Map<string, number>> {
  const failed = new Map<string, number>();
  const send = async (c: LoopClient, body: unknown) => {
    const t = performance.now();
    const res = await api(c.url, 'POST', `/api/meetings/${c.meetingId}/commands`, body, c.token).catch(() => undefined);
    const ms = performance.now() - t;
    await new Promise((r) => setTimeout(r, Math.max(0, paceMs - ms)));
    if (res?.status === 200 && res.body.ok) {
      onAck(ms, res.body.events, t);
      return res.body.events as { payload: any }[];
    }
    const why = res ? `${res.status} ${res.body.error?.code ?? res.body.code ?? ''}`.trim() : 'no answer';
    failed.set(why, (failed.get(why) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 50));
    return undefined;
  };
  await Promise.all(
    clients.map(async (c) => {
      // Each client's first command at its own moment within one pause: delegations do not act in step.
      await new Promise((r) => setTimeout(r, Math.random() * paceMs));
      let pending: string | undefined;
      while (!until()) {
        if (pending) {
          if (await send(c, { type: 'speakers.withdraw', entryId: pending })) pending = undefined;
        } else {
          pending = (await send(c, { type: 'speakers.request', itemId: c.itemId, delegationId: c.delegationId }))?.[0].payload.entry.id;
        }
      }
    }),
  );
  return failed;
}

/** (b) Many meetings at once: commands per second and latency through the load balancer. */
async function partB(cluster: Cluster): Promise<void> {
  const meetings = arg('meetings', 100);
  const clients = arg('clients', 30);
  const seconds = arg('seconds', 10);
  // Each client waits this long between an answer and its next command (a delegation is not a closed loop); 0: as fast as answered.
  const pace = arg('pace', 5000);
  const all: LoopClient[] = [];
  for (let i = 0; i < meetings; i += 5) {
    const batch = await Promise.all(Array.from({ length: Math.min(5, meetings - i) }, (_, j) => commandMeeting(cluster, `Meeting ${i + j + 1}`, clients)));
    all.push(...batch.flat());
  }
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const processes: Processes = { coordinator: process.pid, haproxy: cluster.haproxyPid };
  cluster.nodes.forEach((n) => (processes[n.name] = n.process?.pid));
  const cpuBefore = snapshot(processes);
  const failed = await loops(all, () => performance.now() > end, (ms) => latencies.push(ms), pace);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = cpuShares(cpuBefore, snapshot(processes), elapsed * 1000);
  const s = sorted(latencies);
  console.log(`\n(b) ${meetings} meetings x ${clients} clients, each a command then ${pace} ms of pause, ${seconds} s through the load balancer; load ${loadavg()[0].toFixed(1)}`);
  console.log(`CPU (cores): ${Object.entries(cpu).map(([name, share]) => `${name} ${share.toFixed(2)}`).join(', ')}`);
  console.log('| commands/s | p50 ms | p99 ms | failed |');
  console.log('|---|---|---|---|');
  console.log(`| ${(latencies.length / elapsed).toFixed(0)} | ${f(percentile(s, 50))} | ${f(percentile(s, 99))} | ${reasons(failed)} |`);
}

/** (c) Failover: kill the owner while clients send commands; time to the next acknowledged command. */
async function partC(cluster: Cluster): Promise<void> {
  const kills = arg('kills', 10);
  const clients = await commandMeeting(cluster, 'Failover', 10);
  const meetingId = clients[0].meetingId;
  const acked: { seq: number; hash: string }[] = [];
  // When the first command sent after the last kill was answered: one sent before it may be answered
  // just after it (decided by the owner before it died), which says nothing of the takeover.
  let killedAt = Infinity;
  let firstAck = Infinity;
  let stop = false;
  const running = loops(
    clients,
    () => stop,
    (ms, events, sentAt) => {
      if (sentAt > killedAt) firstAck = Math.min(firstAck, sentAt + ms);
      acked.push(...events);
    },
    150,
  );
  const takeovers: number[] = [];
  const outOfLb: number[] = [];
  let stuck = 0;
  try {
    for (let r = 0; r < kills; r++) {
      await new Promise((res) => setTimeout(res, 1_000));
      // The owner, as its /health says; should none say (no lease yet), each node in turn.
      const owner = (await cluster.ownerOf(meetingId)) ?? r % cluster.nodes.length;
      firstAck = Infinity;
      killedAt = performance.now();
      const [down] = await Promise.all([cluster.waitForBackend(owner, 'DOWN', 10_000), cluster.kill(owner, 'SIGKILL')]);
      outOfLb.push(down);
      // The next acknowledged command, or none within 30 s (a round without a takeover).
      await waitFor(() => firstAck < Infinity, 30_000, 'a command sent after the kill acknowledged').then(
        () => takeovers.push(firstAck - killedAt),
        () => stuck++,
      );
      await cluster.restart(owner);
      await cluster.waitForBackend(owner, 'UP', 10_000);
    }
  } finally {
    stop = true;
  }
  const failed = await running;
  // Every acknowledged event must be in PostgreSQL, once.
  const store = await PostgresStore.open(cluster.databaseUrl);
  const stored = new Map((await store.readEvents(meetingId)).map((e) => [e.seq, e.hash]));
  await store.close();
  const lost = acked.filter((e) => stored.get(e.seq) !== e.hash).length;
  const t = sorted(takeovers);
  const d = sorted(outOfLb);
  console.log(`\n(c) ${kills} SIGKILLs of the meeting's owner, 10 clients sending commands through the load balancer`);
  console.log('| kill → first command sent after it acknowledged p50 ms | p99 ms | rounds with none in 30 s | kill → out of HAProxy p50 ms | p99 ms | acknowledged events | lost | failed commands |');
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${f(percentile(t, 50))} | ${f(percentile(t, 99))} | ${stuck} | ${f(percentile(d, 50))} | ${f(percentile(d, 99))} | ${acked.length} | ${lost} | ${reasons(failed)} |`,
  );
}

async function coordinate(): Promise<void> {
  const parts = argText('parts', 'a,b,c').split(',');
  const profile = argText('profile', '');
  // --logs DIR: the cluster's folder (every process's log, HAProxy's among them) is kept there.
  const logs = argText('logs', '');
  const cluster = await startCluster({
    nodes: 3,
    ...(logs ? { dir: logs } : {}),
    // --profile DIR: each node writes a CPU profile there when it stops (open it in Chrome's DevTools).
    nodeArgs: profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : undefined,
    // Every reader signs in with one code from 127.0.0.1: the limits per code and per address are raised above the load.
    env: { GAVEL_SIGNIN_PER_CODE: '100000', GAVEL_SOCKETS_PER_ADDRESS: '1000000', GAVEL_SIGNIN_FAILURES: '100000', GAVEL_LOG_LEVEL: 'warn' },
  });
  console.log(`Gavel cluster benchmark: ${cluster.nodes.length} nodes behind HAProxy (${cluster.url}), PostgreSQL ${new URL(cluster.databaseUrl).host}, Redis ${cluster.redisUrl}`);
  try {
    if (parts.includes('a')) await partA(cluster);
    if (parts.includes('b')) await partB(cluster);
    if (parts.includes('c')) await partC(cluster);
    // A node writes its profile when it exits by itself.
    if (profile) await Promise.all(cluster.nodes.map((_, i) => cluster.kill(i, 'SIGTERM')));
  } catch (e) {
    cluster.printLogs(30);
    throw e;
  } finally {
    await cluster.close();
  }
}

const role = argText('role', 'coordinator');
(role === 'readers' ? readerProcess() : coordinate()).catch((e) => {
  console.error(e);
  process.exit(1);
});
