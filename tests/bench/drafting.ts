/**
 * The drafting benchmark (`pnpm bench:drafting`): a pen-holder types, many
 * clients read, and we measure what the issue asks for. A script that prints
 * figures, not a test.
 *
 *   pnpm bench:drafting                      both modes below
 *   pnpm bench:drafting --mode pen           1 pen-holder at 10 keys/s, 200 delegations + 1,000 viewers
 *   pnpm bench:drafting --mode writers       20 writers at 10 keys/s each, 200 readers
 *   options: --delegates N --viewers N --writers N --readers N --rate KEYS_PER_S
 *            --seconds S --procs CLIENT_PROCESSES --no-presence
 *            --apply (readers apply every update to a Y.Doc, as browsers do;
 *            by default they only decode it, to keep the clients' CPU, which
 *            shares these two cores with the server, out of the figures)
 *
 * Processes: the server runs alone in a child process (its CPU time and
 * memory are its own); readers are spread over client processes; writers
 * type in this one. Latency is measured on the machine's monotonic clock
 * (process.hrtime), which all processes share: from just before a keystroke
 * is applied to the writer's Y.Doc (the provider sends it at once) to when a
 * reader's Y.Doc has applied it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { UN_STATES, Y_MESSAGE, YWS } from '@gavel/shared';
import { SocketIoYjsProvider } from '../../packages/web/src/editor/provider';
import { arg, argText } from './args';
import { clockFrom, connected, joinLean, percentile, socketTo, updateIn } from './readers';

const DOC = 'recommendations';
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const SELF = import.meta.filename;

// ---- shared helpers ----------------------------------------------------------


function send<T>(child: ChildProcess, message: unknown, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', onMessage);
      resolve(m as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
    child.send(message as object);
  });
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

// ---- the server process --------------------------------------------------------

async function serve(): Promise<void> {
  const { buildApp } = await import('@gavel/server');
  const { loadConfig } = await import('@gavel/server/config');
  const dataDir = argText('data', '');
  const config = {
    ...loadConfig({ GAVEL_DATA_DIR: dataDir, GAVEL_LOG_LEVEL: 'warn', GAVEL_DEMO: 'false', PORT: '0', }),
    signinPerCode: 1_000_000,
    exportsPerMinute: 1_000_000,
    socketsPerAddress: 1_000_000,
    adminToken: ADMIN_TOKEN,
  };
  const gavel = await buildApp(config);
  const url = await gavel.app.listen({ port: 0, host: '127.0.0.1' });
  // Where the time goes (GAVEL_BENCH_TRACE=1): when keystrokes reach the server and when their relay is emitted.
  const trace = { received: new Map<string, number>(), relayed: new Map<string, number>(), commits: [] as number[], batchSizes: [] as number[] };
  let traceNow: (() => number) | undefined;
  if (process.env.GAVEL_BENCH_TRACE) {
    gavel.io.on('connection', (socket) => {
      socket.prependAny((event: string, _doc: unknown, raw: Uint8Array) => {
        if (event !== YWS.msg || !traceNow) return;
        const update = updateIn(raw);
        if (!update) return;
        const t = traceNow();
        const { from, to } = Y.parseUpdateMeta(update);
        for (const [client, end] of to) for (let k = from.get(client) ?? 0; k < end; k++) trace.received.set(`${client}:${k}`, t);
      });
    });
    const append = gavel.store.appendDocUpdates.bind(gavel.store);
    gavel.store.appendDocUpdates = async (updates) => {
      const t0 = performance.now();
      try {
        return await append(updates);
      } finally {
        if (traceNow) {
          trace.commits.push(performance.now() - t0);
          trace.batchSizes.push(updates.length);
        }
      }
    };
    gavel.docs.onRelay((_m, _d, update) => {
      if (!traceNow) return;
      const t = traceNow();
      const { from, to } = Y.parseUpdateMeta(update);
      for (const [client, end] of to) for (let k = from.get(client) ?? 0; k < end; k++) if (!trace.relayed.has(`${client}:${k}`)) trace.relayed.set(`${client}:${k}`, t);
    });
  }
  let peakRss = 0;
  let markCpu = process.cpuUsage();
  let markElu = performance.eventLoopUtilization();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  sampler.unref();
  process.on('message', async (m: { type: string; meetingId?: string; base?: string }) => {
    if (m.type === 'trace') {
      process.send!({ type: 'trace', received: [...trace.received], relayed: [...trace.relayed], commits: trace.commits, batchSizes: trace.batchSizes });
    } else if (m.type === 'mark') {
      if (m.base) traceNow = clockFrom(BigInt(m.base));
      peakRss = process.memoryUsage().rss;
      markCpu = process.cpuUsage();
      markElu = performance.eventLoopUtilization();
      process.send!({ type: 'marked', seq: (await gavel.store.docHead(m.meetingId!, DOC)).seq });
    } else if (m.type === 'stats') {
      const cpu = process.cpuUsage(markCpu);
      const elu = performance.eventLoopUtilization(markElu);
      process.send!({
        type: 'stats',
        cpuMs: (cpu.user + cpu.system) / 1000,
        peakRss: Math.max(peakRss, process.memoryUsage().rss),
        eventLoopUtilization: elu.utilization,
        seq: (await gavel.store.docHead(m.meetingId!, DOC)).seq,
      });
    } else if (m.type === 'stop') {
      await gavel.close();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', url });
}

// ---- a client process: readers ------------------------------------------------

interface Setup {
  type: 'setup';
  url: string;
  base: string;
  tokens: string[];
  /** Readers apply updates to a Y.Doc through the web app's provider (else they only decode them). */
  apply: boolean;
}

async function clients(): Promise<void> {
  const setup = await nextMessage<Setup>('setup');
  const now = clockFrom(BigInt(setup.base));
  const readers: { socket: Socket; provider?: SocketIoYjsProvider }[] = [];
  let messages = 0;
  let presence = 0;
  // writer client id → arrival time of its keystroke k at reader r: [r * keys + k]
  let arrivals = new Map<number, Float64Array>();
  let keys = 0;
  let recording = false;
  const arrived = (index: number, update: Uint8Array) => {
    const t = now();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, end] of to) {
      const table = arrivals.get(client);
      if (!table) continue;
      for (let k = from.get(client) ?? 0; k < Math.min(end, keys); k++) {
        if (table[index * keys + k] === 0) table[index * keys + k] = t;
      }
    }
  };

  for (let i = 0; i < setup.tokens.length; i += 50) {
    await Promise.all(
      setup.tokens.slice(i, i + 50).map(async (token) => {
        const socket = socketTo(setup.url, token);
        const index = readers.length;
        socket.on(YWS.msg, (_name: string, raw: Uint8Array | ArrayBuffer) => {
          if (!recording) return;
          messages++;
          const first = raw instanceof ArrayBuffer ? new Uint8Array(raw)[0] : raw[0];
          if (first === Y_MESSAGE.awareness) presence++;
          else if (!setup.apply) {
            const update = updateIn(raw);
            if (update) arrived(index, update);
          }
        });
        if (setup.apply) {
          // The web app's provider: every update applied to a Y.Doc (and presence to an Awareness).
          const provider = new SocketIoYjsProvider(socket, DOC, { presence: false, ackTimeoutMs: 30_000 });
          readers.push({ socket, provider });
          provider.doc.on('update', (update: Uint8Array) => recording && arrived(index, update));
          provider.connect();
          await connected(socket);
          await provider.whenSynced();
        } else {
          readers.push({ socket });
          await joinLean(socket, DOC);
        }
      }),
    );
  }
  process.send!({ type: 'ready', readers: readers.length });

  const start = await nextMessage<{ type: 'start'; writers: number[]; keys: number }>('start');
  keys = start.keys;
  arrivals = new Map(start.writers.map((w) => [w, new Float64Array(readers.length * keys)]));
  const cpuAtStart = process.cpuUsage();
  recording = true;
  process.send!({ type: 'started' });

  await nextMessage('collect');
  recording = false;
  const cpu = process.cpuUsage(cpuAtStart);
  process.send!({ type: 'result', readers: readers.length, messages, presence, cpuMs: (cpu.user + cpu.system) / 1000, arrivals: [...arrivals.entries()] });
  await nextMessage('exit');
  for (const r of readers) {
    r.provider?.destroy();
    r.socket.close();
  }
  process.exit(0);
}

// ---- the coordinator --------------------------------------------------------------

interface Mode {
  name: string;
  writers: number;
  /** Readers by kind, in the order they sign in. */
  delegates: number;
  viewers: number;
  rate: number;
  seconds: number;
  procs: number;
  presence: boolean;
  apply: boolean;
}

async function api(url: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function runMode(mode: Mode): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gavel-bench-'));
  const serverArgs = process.env.GAVEL_BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const server = fork(SELF, ['--role', 'server', '--data', dataDir], { execArgv: ['--import', 'tsx', ...serverArgs], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const workers: ChildProcess[] = [];
  try {
    const { url } = await new Promise<{ url: string }>((resolve, reject) => {
      server.once('message', (m: { type: string; url: string }) => (m.type === 'ready' ? resolve(m) : reject(new Error('server'))));
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });

    // A meeting with the delegations, their codes, and sessions for everyone.
    const meeting = await api(url, 'POST', '/api/meetings', {
      body: 'Working Group on Trafficking in Persons',
      title: 'Drafting benchmark',
      venue: 'Vienna',
      startDate: '2027-01-27',
      endDate: '2027-01-29',
    }, ADMIN_TOKEN);
    const { meetingId, secretariatCode, viewerCode } = meeting;
    const signIn = async (code: string, name: string) => (await api(url, 'POST', '/api/session', { meetingId, code, name })).token as string;
    const secretariat = await signIn(secretariatCode, 'Secretariat officer');
    const command = (c: Record<string, unknown>) => api(url, 'POST', `/api/meetings/${meetingId}/commands`, c, secretariat);

    const readerTokens: string[] = [];
    if (mode.delegates > 0) {
      const states = UN_STATES.slice(0, mode.delegates).map((s) => ({ category: 'state_party', m49: s.m49 }));
      const ngos = Array.from({ length: Math.max(0, mode.delegates - states.length) }, (_, i) => ({ category: 'ngo', names: { en: `Organization ${i + 1}` } }));
      const registered = await command({ type: 'delegation.registerMany', delegations: [...states, ...ngos] });
      const ids: string[] = registered.events.map((e: any) => e.payload.delegation.id);
      for (const [i, delegationId] of ids.entries()) {
        const issued = await command({ type: 'access.issue', role: 'delegate', delegationId });
        readerTokens.push(await signIn(issued.issuedCodes[0].code, `Delegate ${i + 1}`));
      }
    }
    for (let i = 0; i < mode.viewers; i++) readerTokens.push(await signIn(viewerCode, `Viewer ${i + 1}`));
    const writerTokens: string[] = [secretariat];
    if (mode.writers > 1) {
      const chair = (await command({ type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes[0].code;
      for (let i = 1; i < mode.writers; i++) writerTokens.push(i % 2 ? await signIn(chair, `Chair ${i}`) : await signIn(secretariatCode, `Officer ${i}`));
    }

    // Writers, here; readers, over the client processes.
    const base = process.hrtime.bigint();
    const now = clockFrom(base);
    const writers = await Promise.all(
      writerTokens.map(async (token) => {
        const socket = socketTo(url, token);
        const provider = new SocketIoYjsProvider(socket, DOC, { presence: mode.presence, ackTimeoutMs: 30_000 });
        provider.awareness.setLocalState({ name: 'x', color: '#1f6feb', focusing: true, anchorPos: null, focusPos: null, awarenessData: {} });
        provider.connect();
        await connected(socket);
        await provider.whenSynced();
        return { socket, provider };
      }),
    );
    const perProc = Math.ceil(readerTokens.length / mode.procs);
    for (let p = 0; p < mode.procs; p++) {
      const tokens = readerTokens.slice(p * perProc, (p + 1) * perProc);
      if (tokens.length === 0) continue;
      const w = fork(SELF, ['--role', 'clients'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
      workers.push(w);
    }
    await Promise.all(
      workers.map((w, p) =>
        send(w, { type: 'setup', url, base: base.toString(), tokens: readerTokens.slice(p * perProc, (p + 1) * perProc), apply: mode.apply } satisfies Setup, 'ready'),
      ),
    );

    const keys = Math.round(mode.rate * mode.seconds);
    const writerIds = writers.map((w) => w.provider.doc.clientID);
    // Each writer's keystroke k is clock k of its client id: it types one character at a time from a fresh doc.
    await Promise.all(workers.map((w) => send(w, { type: 'start', writers: writerIds, keys }, 'started')));
    const marked = await send<{ seq: number }>(server, { type: 'mark', meetingId, base: base.toString() }, 'marked');

    const sent = writers.map(() => new Float64Array(keys));
    const writerCpuAtStart = process.cpuUsage();
    const interval = 1000 / mode.rate;
    const started = now();
    await Promise.all(
      writers.map(
        (w, i) =>
          new Promise<void>((resolve) => {
            let k = 0;
            const root = w.provider.doc.get('root', Y.XmlText);
            const tick = () => {
              sent[i][k] = now();
              root.insert(root.length, 'a');
              if (mode.presence) w.provider.awareness.setLocalStateField('focusPos', k);
              k++;
              if (k >= keys) return resolve();
              // Scheduled against the start, so the rate holds whatever timers do.
              setTimeout(tick, Math.max(0, started + (i / writers.length) * interval + k * interval - now()));
            };
            setTimeout(tick, (i / writers.length) * interval);
          }),
      ),
    );
    const typingMs = now() - started;
    const writerCpu = process.cpuUsage(writerCpuAtStart);
    await Promise.all(writers.map((w) => w.provider.whenSaved()));
    // Let the last keystrokes reach every reader.
    await new Promise((r) => setTimeout(r, 1_000));
    const stats = await send<{ cpuMs: number; peakRss: number; eventLoopUtilization: number; seq: number }>(server, { type: 'stats', meetingId }, 'stats');
    const results = await Promise.all(
      workers.map((w) =>
        send<{ readers: number; messages: number; presence: number; cpuMs: number; arrivals: [number, Float64Array][] }>(w, { type: 'collect' }, 'result'),
      ),
    );

    // Latency per (keystroke, reader).
    const latencies: number[] = [];
    let missing = 0;
    for (const r of results) {
      for (const [client, table] of r.arrivals) {
        const wi = writerIds.indexOf(client);
        const readers = table.length / keys;
        for (let reader = 0; reader < readers; reader++) {
          for (let k = 0; k < keys; k++) {
            const t = table[reader * keys + k];
            if (t === 0) missing++;
            else latencies.push(t - sent[wi][k]);
          }
        }
      }
    }
    const sorted = Float64Array.from(latencies).sort();
    const readersTotal = results.reduce((n, r) => n + r.readers, 0);
    const messages = results.reduce((n, r) => n + r.messages, 0);
    const presence = results.reduce((n, r) => n + r.presence, 0);
    const updates = messages - presence;
    const stored = stats.seq - marked.seq;
    const f = (n: number) => n.toFixed(1);
    const lines = [
      '',
      `== ${mode.name}`,
      `clients: ${writers.length} writer(s) typing ${mode.rate} keys/s each for ${(typingMs / 1000).toFixed(1)} s; ${readersTotal} readers (${mode.delegates} delegations, ${mode.viewers} viewers) over ${workers.length} client process(es); presence ${mode.presence ? 'on' : 'off'}`,
      `keystrokes: ${keys * writers.length} typed; ${latencies.length} of ${latencies.length + missing} arrivals at readers measured${missing ? ` (${missing} missing)` : ''}`,
      `latency keystroke -> reader (ms): p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted[sorted.length - 1] ?? NaN)}`,
      `server: CPU ${(stats.cpuMs / 1000).toFixed(2)} s over ${(typingMs / 1000).toFixed(1)} s of typing (${f((100 * stats.cpuMs) / typingMs)}% of one core; event loop busy ${f(100 * stats.eventLoopUtilization)}%); peak RSS ${(stats.peakRss / 1048576).toFixed(0)} MB`,
      `updates stored: ${stored} (one per keystroke, each stored before it was relayed)`,
      `delivered to readers: ${messages} messages (${updates} text, ${presence} presence)`,
      `server CPU per delivered message: ${f((stats.cpuMs * 1000) / Math.max(1, messages))} us; per delivered keystroke (keystrokes x readers): ${f((stats.cpuMs * 1000) / Math.max(1, latencies.length))} us`,
      `clients' CPU (same machine): readers ${results.map((r) => `${(r.cpuMs / 1000).toFixed(2)} s`).join(' + ')} (${mode.apply ? 'applying to Y.Docs' : 'decoding only'}), writers ${((writerCpu.user + writerCpu.system) / 1e6).toFixed(2)} s`,
    ];
    if (process.env.GAVEL_BENCH_TRACE) {
      const t = await send<{ received: [string, number][]; relayed: [string, number][]; commits: number[]; batchSizes: number[] }>(server, { type: 'trace' }, 'trace');
      const received = new Map(t.received);
      const relayed = new Map(t.relayed);
      const toServer: number[] = [];
      const inServer: number[] = [];
      writerIds.forEach((id, wi) => {
        for (let k = 0; k < keys; k++) {
          const r = received.get(`${id}:${k}`);
          const e = relayed.get(`${id}:${k}`);
          if (r !== undefined) toServer.push(r - sent[wi][k]);
          if (r !== undefined && e !== undefined) inServer.push(e - r);
        }
      });
      const p = (xs: number[], q: number) => percentile(Float64Array.from(xs).sort(), q);
      const commitMs = t.commits.reduce((a, b) => a + b, 0);
      lines.push(
        `trace: ${t.commits.length} commits of ${f(t.batchSizes.reduce((a, b) => a + b, 0) / Math.max(1, t.commits.length))} updates on average, taking p50 ${f(p(t.commits, 50))} p99 ${f(p(t.commits, 99))} ms, ${f(commitMs)} ms in all`,
        `trace: writer -> server p50 ${f(p(toServer, 50))} p99 ${f(p(toServer, 99))} ms; server receipt -> relay emitted p50 ${f(p(inServer, 50))} p99 ${f(p(inServer, 99))} ms`,
      );
    }
    console.log(lines.join('\n'));
    for (const w of workers) w.send({ type: 'exit' });
    for (const w of writers) {
      w.provider.destroy();
      w.socket.close();
    }
  } finally {
    for (const w of workers) if (w.exitCode === null) w.kill();
    if (server.exitCode === null) {
      server.send({ type: 'stop' });
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function coordinate(): Promise<void> {
  const which = argText('mode', 'all');
  const rate = arg('rate', 10);
  const seconds = arg('seconds', 20);
  const procs = arg('procs', 1);
  const presence = !process.argv.includes('--no-presence');
  const apply = process.argv.includes('--apply');
  console.log(`Gavel drafting benchmark on ${(await import('node:os')).cpus().length} cores, Node ${process.version}`);
  if (which === 'all' || which === 'pen') {
    await runMode({
      name: 'one pen-holder, delegations and viewers reading',
      writers: 1,
      delegates: arg('delegates', 200),
      viewers: arg('viewers', 1_000),
      rate,
      seconds,
      procs,
      presence,
      apply,
    });
  }
  if (which === 'all' || which === 'writers') {
    await runMode({
      name: 'many writers, readers',
      writers: arg('writers', 20),
      delegates: 0,
      viewers: arg('readers', 200),
      rate,
      seconds,
      procs,
      presence,
      apply,
    });
  }
}

const role = argText('role', 'coordinator');
const main = role === 'server' ? serve : role === 'clients' ? clients : coordinate;
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
