/**
 * Several meetings typing on one server (`pnpm bench:meetings`): in each of
 * M meetings a writer (the secretariat, who holds the pen) types into the
 * recommendations at K keys/s while R viewers read; the keystroke latency
 * (the writer's insert to each reader's arrival), the ack latency at the
 * writer and the server's CPU per keystroke. A script that prints figures,
 * not a test.
 *
 *   pnpm bench:meetings [--meetings 10] [--readers 10] [--rate 8] [--seconds 15] [--warmup 10] [--repeat 1] [--typing random|even] [--against DIR/main.js]
 *
 * The compiled server (packages/server/dist/main.js) runs in its own process
 * (its CPU read from /proc); the clients run in this one, on socket.io with
 * the msgpack parser: each writer a Y.Doc whose every keystroke (one Y.Text
 * insert, one clock of its client id) is sent as a doc:msg with an ack;
 * readers that join the text and only decode what arrives. The writers type
 * independently: each key after a random gap (exponential, `rate` a second
 * on average), so that keystrokes of different meetings come close together
 * as they do among people; `--typing even` interleaves them evenly instead
 * (at 10 x 8 keys/s, one every 12.5 ms: never two within 10 ms). With
 * `--against`, another build runs beside this one, each with its own
 * meetings and clients, warmed up once (`--warmup` seconds typed, not
 * counted), then measured in turn: A B A B ... for `--repeat` rounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { YWS } from '@gavel/shared';
import { rootOf, sendRaw, updateMessage } from '../support/drafting';
import { spawnServer } from '../support/server';
import { arg, argText, cpuOf } from './args';
import { joinLean, percentile, socketTo, updateIn } from './readers';

const DOC = 'recommendations';
const meetings = arg('meetings', 10);
const readersPerMeeting = arg('readers', 10);
const rate = arg('rate', 8);
const seconds = arg('seconds', 15);
const warmup = arg('warmup', 10);
const repeat = arg('repeat', 1);
const even = argText('typing', 'random') === 'even';
const against = argText('against', '') && resolve(argText('against', ''));

const loads = () => loadavg().map((l) => l.toFixed(1)).join(' ');

interface Writer {
  socket: Socket;
  doc: Y.Doc;
  /** When each keystroke of the measured window was typed, by its clock. */
  sent: Map<number, number>;
  acks: number[];
  failed: number;
  pending: number;
}

/** A writer: joins the text, takes the server's copy, then sends each local change with an ack. */
async function openWriter(url: string, token: string): Promise<Writer> {
  const socket = socketTo(url, token);
  const doc = new Y.Doc();
  const w: Writer = { socket, doc, sent: new Map(), acks: [], failed: 0, pending: 0 };
  const synced = new Promise<void>((done) =>
    socket.on(YWS.msg, (_name: string, raw: Uint8Array | ArrayBuffer) => {
      const update = updateIn(raw);
      if (update) Y.applyUpdate(doc, update, socket);
      if (update) done();
    }),
  );
  await joinLean(socket, DOC);
  await synced;
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === socket) return;
    const t = performance.now();
    w.pending++;
    void sendRaw(socket, DOC, updateMessage(update)).then((ack) => {
      w.pending--;
      if (!ack?.ok) w.failed++;
      else if (w.sent.size > 0) w.acks.push(performance.now() - t);
    });
  });
  return w;
}

/** Keystroke latencies seen by the readers, for the writers' keystrokes in `sent`. */
const writersById = new Map<number, Writer>();
let latencies: number[] = [];

async function openReader(url: string, token: string): Promise<Socket> {
  const socket = socketTo(url, token);
  socket.on(YWS.msg, (_name: string, raw: Uint8Array | ArrayBuffer) => {
    const update = updateIn(raw);
    if (!update) return;
    const t = performance.now();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, end] of to) {
      const w = writersById.get(client);
      if (!w) continue;
      for (let k = from.get(client) ?? 0; k < end; k++) {
        const typed = w.sent.get(k);
        if (typed !== undefined) latencies.push(t - typed);
      }
    }
  });
  await joinLean(socket, DOC);
  return socket;
}

async function api(url: string, path: string, body: unknown, token?: string) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** M meetings, each with its writer and readers connected and synced. */
async function setUp(url: string) {
  const writers: Writer[] = [];
  const readers: Socket[] = [];
  for (let m = 0; m < meetings; m++) {
    const { meetingId, secretariatCode, viewerCode } = await api(
      url,
      '/api/meetings',
      { body: 'Several meetings', title: `Meeting ${m + 1}`, venue: 'Geneva', startDate: '2027-01-27', endDate: '2027-01-29', language: 'en' },
      'test-admin-token-0123456789abcdef',
    );
    const signIn = async (code: string, name: string) => (await api(url, '/api/session', { meetingId, code, name })).token as string;
    const writer = await openWriter(url, await signIn(secretariatCode, 'Secretariat'));
    writersById.set(writer.doc.clientID, writer);
    writers.push(writer);
    for (let r = 0; r < readersPerMeeting; r++) readers.push(await openReader(url, await signIn(viewerCode, `Viewer ${r + 1}`)));
  }
  return { writers, readers };
}

/** Every writer types `rate` keys/s for `forSeconds`, staggered over the interval; with `measure`, timed. */
async function type(writers: Writer[], pid: number, forSeconds: number, measure: boolean) {
  latencies = [];
  for (const w of writers) {
    w.sent.clear();
    w.acks = [];
    w.failed = 0;
  }
  const keys = Math.round(rate * forSeconds);
  const interval = 1000 / rate;
  const cpu0 = cpuOf(pid);
  const own0 = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    writers.map(async (w, i) => {
      const text = rootOf(w.doc);
      // When each key is typed, from the start: independent typists (random gaps, `rate` a second on
      // average), or with --typing even the writers' keys evenly interleaved, never two at once.
      let at = even ? (i / writers.length) * interval : Math.random() * interval;
      for (let k = 0; k < keys; k++) {
        // Scheduled against the start, so the rate holds whatever timers do.
        await sleep(Math.max(0, start + at - performance.now()));
        at += even ? interval : -Math.log(1 - Math.random()) * interval;
        if (measure) w.sent.set(Y.getState(w.doc.store, w.doc.clientID), performance.now());
        text.insert(text.length, 'a');
      }
    }),
  );
  const typing = (performance.now() - start) / 1000;
  const cpu = cpuOf(pid) - cpu0;
  const own = process.cpuUsage(own0);
  // The last acks, then the last arrivals.
  while (writers.some((w) => w.pending > 0)) await sleep(10);
  await sleep(500);
  const typed = keys * writers.length;
  const sorted = Float64Array.from(latencies).sort();
  const acks = Float64Array.from(writers.flatMap((w) => w.acks)).sort();
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    ackP50: percentile(acks, 50),
    ackP95: percentile(acks, 95),
    ackP99: percentile(acks, 99),
    cpuUsPerKey: (1e6 * cpu) / typed,
    serverCores: cpu / typing,
    clientCores: (own.user + own.system) / 1e6 / typing,
    missing: typed * readersPerMeeting - sorted.length,
    failed: writers.reduce((n, w) => n + w.failed, 0),
    load: loads(),
  };
}

const env = { GAVEL_SIGNIN_PER_CODE: '100000', GAVEL_SOCKETS_PER_ADDRESS: '100000', GAVEL_LOG_LEVEL: 'silent' };
const builds = [{ name: 'Gavel', main: undefined as string | undefined }, ...(against ? [{ name: 'against', main: against }] : [])];
console.log(`${meetings} meetings, each 1 writer at ${rate} keys/s (${even ? 'evenly interleaved' : 'random gaps'}) and ${readersPerMeeting} readers; ${seconds} s measured after ${warmup} s of warm-up; load average at the start: ${loads()}`);
const servers: { name: string; dataDir: string; server: Awaited<ReturnType<typeof spawnServer>>; writers: Writer[]; readers: Socket[] }[] = [];
try {
  for (const build of builds) {
    const dataDir = mkdtempSync(join(tmpdir(), 'gavel-bench-meetings-'));
    const server = await spawnServer(dataDir, env, { compiled: true, ...(build.main ? { main: build.main } : {}) });
    const s = { ...build, dataDir, server, writers: [] as Writer[], readers: [] as Socket[] };
    servers.push(s);
    Object.assign(s, await setUp(server.url));
    console.log(`${build.name}: ${build.main ?? 'packages/server/dist/main.js'}, pid ${server.child.pid}`);
  }
  for (const s of servers) if (warmup > 0) await type(s.writers, s.server.child.pid!, warmup, false);
  const rows: { server: string; r: Awaited<ReturnType<typeof type>> }[] = [];
  for (let i = 0; i < repeat; i++) {
    for (const s of servers) {
      rows.push({ server: s.name, r: await type(s.writers, s.server.child.pid!, seconds, true) });
      console.log(JSON.stringify(rows.at(-1)));
    }
  }
  const median = (xs: number[]) => percentile(Float64Array.from(xs).sort(), 50);
  const f = (x: number, digits = 1) => x.toFixed(digits);
  console.log(`\nMedians of ${repeat} repeat(s); ${meetings * Math.round(rate * seconds)} keystrokes each, ${meetings * Math.round(rate * seconds) * readersPerMeeting} arrivals.`);
  console.log('\n| server | keystroke → reader p50 / p95 / p99 ms | ack at the writer p50 / p95 / p99 ms | server CPU µs/keystroke | cores: server / clients | missing | failed acks |');
  console.log('|---|---|---|---|---|---|---|');
  for (const s of servers) {
    const rs = rows.filter((row) => row.server === s.name).map((row) => row.r);
    const m = (pick: (r: (typeof rs)[number]) => number) => median(rs.map(pick));
    console.log(
      `| ${s.name} | ${f(m((r) => r.p50))} / ${f(m((r) => r.p95))} / ${f(m((r) => r.p99))} | ${f(m((r) => r.ackP50))} / ${f(m((r) => r.ackP95))} / ${f(m((r) => r.ackP99))} | ${f(m((r) => r.cpuUsPerKey), 0)} | ${f(m((r) => r.serverCores), 2)} / ${f(m((r) => r.clientCores), 2)} | ${rs.reduce((n, r) => n + r.missing, 0)} | ${rs.reduce((n, r) => n + r.failed, 0)} |`,
    );
  }
  console.log(`\nload average at the end: ${loads()}`);
} finally {
  for (const s of servers) {
    for (const socket of [...s.readers, ...s.writers.map((w) => w.socket)]) socket.close();
    await s.server.kill('SIGKILL');
    rmSync(s.dataDir, { recursive: true, force: true });
  }
}
