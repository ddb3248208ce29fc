/**
 * Late in the meeting (`pnpm bench:late`, issue 14): what a keystroke costs
 * once a text has a long history and adopted paragraphs, and while report
 * viewers are open. A script that prints figures, not a test.
 *
 *   pnpm bench:late                 3 rounds of 150 keystrokes per phase
 *   options: --rounds N --keys N --rate KEYS_PER_S --viewers N --updates N --adopted N
 *            --phases LIST   which phases to run (comma-separated; default all):
 *                            `--phases late --keys 550` types across one of the
 *                            late text's checkpoints (every 500 updates) a round
 *            --report-every MS   the server's reportEveryMs (default 1000, as in production)
 *            --profile DIR   CPU profiles of the server's process per phase and
 *                            round (DIR/<phase>-r<round>.cpuprofile) and their
 *                            summary per keystroke (sampling slows it down: the
 *                            latencies of such a run are not the figures)
 *
 * Two meetings on one server (in this process, on a temporary data folder):
 *   empty  a fresh text: one empty paragraph, nothing adopted;
 *   late   a text of 60 imported paragraphs, then 10,000 keystrokes typed
 *          into its last ten, then paragraphs 1-50 adopted by the chair.
 * Phases, interleaved in every round so that the machine's noise hits all:
 *   empty          the pen-holder types into the fresh text;
 *   late           the pen-holder types into paragraph 55 of the late text;
 *   late+health    the control: the same while 30 clients of the viewers'
 *                  process GET /health every 1.5 s each at its own moment
 *                  (what 30 HTTP clients cost the typist without the report);
 *   late+viewers   the same while 30 report viewers (another process) fetch
 *                  the report (format=json, as the web app's report view
 *                  does, with the ETag of the last answer as a browser's
 *                  cache sends it) every 1.5 s, each at its own moment
 *                  (spread at random: the worst case for the server);
 *   late+web       the same with 30 viewers that do what the web app's
 *                  report view does (views/report/useLiveReport.ts): each
 *                  with its socket, following the report (`report:watch`)
 *                  and reading each version the server pushes (unpacked and
 *                  parsed, as the view does).
 * Besides the run's figures per phase: each round's keystroke p99, and the
 * CPU the server's process and the viewers' process used per phase and
 * round (a share of one core; a busy machine moves it much less than the p99).
 * The pen-holder is a client with a headless Lexical editor (the web
 * editor's nodes) typing at 10 keys/s; a keystroke's latency is from the
 * moment its update is sent to the server's acknowledgement (stored).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { docx, type DocxParagraph } from '@gavel/server/drafting/docx-fixture';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import type { Socket } from 'socket.io-client';
import { WS, type ReportPush } from '@gavel/shared';
import { readReportPush } from '../../packages/web/src/views/report/push';
import { arg, argText } from './args';
import { addTimes, Profiler, summarise, timesTable, type FunctionTime } from './profile';
import { connect, setupMeeting } from '../support/fixtures';
import { DraftClient } from '../support/draft-client';
import { TestServer } from '../support/server';

const SELF = import.meta.filename;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const VIEWER_EVERY_MS = 1_500;

// ---- the viewers' process --------------------------------------------------------

interface ViewerSetup {
  type: 'start';
  url: string;
  meetingId: string;
  tokens: string[];
  /** `every`: each every 1.5 s at its own moment; `web`: as the web app's report view, following the pushed report; `health`: as `every`, GET /health (the control: what 30 HTTP clients cost without the report). */
  mode: 'every' | 'web' | 'health';
}

/** Each viewer fetches the report (`every` 1.5 s) or follows it (as the web app does) until told to stop; replies with the answers' statuses (`pushed` for a report pushed). */
async function viewers(): Promise<void> {
  const statuses = new Map<string, number>();
  const times: number[] = [];
  let running = false;
  let loops: Promise<void>[] = [];
  const pending = new Set<Promise<void>>();
  const stops: (() => void)[] = [];
  let cpuFrom = { cpu: process.cpuUsage(), at: performance.now() };
  const count = (status: string) => void statuses.set(status, (statuses.get(status) ?? 0) + 1);
  /** One viewer's request; as a browser's cache does with the answer's ETag (Cache-Control: no-cache), it asks whether the report it has is still the one. */
  const viewer = (setup: ViewerSetup, token: string) => {
    let etag: string | null = null;
    return async () => {
      const started = performance.now();
      try {
        const res: Response = await fetch(setup.mode === 'health' ? `${setup.url}/health` : `${setup.url}/api/meetings/${setup.meetingId}/report?format=json&lang=en`, {
          headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag } : {}) },
        });
        await res.arrayBuffer();
        count(String(res.status));
        if (res.status === 200) etag = res.headers.get('etag');
        if (res.status === 200 || res.status === 304) times.push(performance.now() - started);
      } catch {
        count('failed');
      }
    };
  };
  const every = async (setup: ViewerSetup, token: string) => {
    const ask = viewer(setup, token);
    await new Promise((r) => setTimeout(r, Math.random() * VIEWER_EVERY_MS));
    while (running) {
      const started = performance.now();
      await ask();
      await new Promise((r) => setTimeout(r, Math.max(0, started + VIEWER_EVERY_MS - performance.now())));
    }
  };
  /** As views/report/useLiveReport.ts: follows the report over its socket, and reads each version pushed. */
  const web = async (setup: ViewerSetup, token: string) => {
    const socket: Socket = await connect(setup.url, { token });
    socket.on(WS.report, (push: ReportPush) => {
      const p = readReportPush(push)
        .then(() => count('pushed'), () => count('failed'))
        .finally(() => pending.delete(p));
      pending.add(p);
    });
    await new Promise((resolve) => socket.emit(WS.reportWatch, 'en', resolve));
    stops.push(() => socket.close());
  };
  process.on('message', async (m: ViewerSetup | { type: 'stop' | 'exit' }) => {
    if (m.type === 'start') {
      running = true;
      cpuFrom = { cpu: process.cpuUsage(), at: performance.now() };
      statuses.clear();
      times.length = 0;
      loops = m.tokens.map((t) => (m.mode === 'web' ? web(m, t) : every(m, t)));
      if (m.mode === 'web') await Promise.all(loops);
      process.send!({ type: 'started' });
    } else if (m.type === 'stop') {
      running = false;
      await Promise.all(loops);
      for (const stop of stops.splice(0)) stop();
      await Promise.all(pending);
      const used = process.cpuUsage(cpuFrom.cpu);
      process.send!({ type: 'stopped', statuses: [...statuses], times, cpu: (used.user + used.system) / 1000 / (performance.now() - cpuFrom.at) });
    } else process.exit(0);
  });
  process.send!({ type: 'ready' });
}

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.send(message);
  });
}

// ---- the pen-holder -----------------------------------------------------------------

/** Types one character at the end of a paragraph; resolves with ms from sending to the server's acknowledgement. */
function key(client: DraftClient, paragraphId: string, char: string): Promise<number> {
  let sentAt = 0;
  // A text node appended is merged into the one before it by Lexical's normalization: one character typed at the end.
  const ack = client.edit(() => $appendToParagraph(paragraphId, [char]));
  // `edit` applied the keystroke in the client's editor and sent it before returning: time from here.
  sentAt = performance.now();
  return ack.then((a) => {
    if (!a.ok) throw new Error(`keystroke refused: ${JSON.stringify(a)}`);
    return performance.now() - sentAt;
  });
}

/** Types `count` keystrokes at `rate` a second (not waiting for the answers, as a typist does not); their latencies. */
async function type(client: DraftClient, paragraphId: string, count: number, rate: number): Promise<number[]> {
  const pending: Promise<number>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(key(client, paragraphId, 'abcdefghij'[i % 10]));
  }
  return Promise.all(pending);
}

/**
 * Many keystrokes, to give a text its history: from several connections at
 * once, each below the server's message rate per connection (150/s).
 */
async function typeHistory(url: string, token: string, paragraphIds: string[], count: number): Promise<void> {
  const connections = 4;
  const perSecond = 140;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      const client = await DraftClient.open(url, token);
      const mine = paragraphIds.filter((_, i) => i % connections === c);
      const pending: Promise<number>[] = [];
      for (let i = 0; i < count / connections; i++) {
        // Never a burst to catch up (the server disconnects a flood): a pause after every keystroke, a few in flight.
        await new Promise((r) => setTimeout(r, 1000 / perSecond));
        if (pending.length >= 20) await pending.shift();
        pending.push(key(client, mine[i % mine.length]!, 'xyz '[i % 4]!));
      }
      await Promise.all(pending);
      client.close();
    }),
  );
}

// ---- figures ------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1) ?? NaN, mean: s.reduce((a, b) => a + b, 0) / s.length };
}

// ---- the run ----------------------------------------------------------------------------

async function main(): Promise<void> {
  const rounds = arg('rounds', 3);
  const keys = arg('keys', 150);
  const rate = arg('rate', 10);
  const viewerCount = arg('viewers', 30);
  const historyUpdates = arg('updates', 10_000);
  const phases = new Set(argText('phases', 'empty,late,late+health,late+viewers,late+web').split(','));
  const adoptedCount = arg('adopted', 50);
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`Gavel late-meeting benchmark on ${cpus().length} cores, Node ${process.version}; load average ${load()}`);

  const server = await TestServer.start({ config: { signinPerCode: 1_000_000, reportEveryMs: arg('report-every', 1000) } });
  const viewerProcess = fork(SELF, ['--viewer-process'], { stdio: 'inherit' });
  await new Promise<void>((resolve) => viewerProcess.once('message', () => resolve()));
  try {
    // The fresh text.
    const fresh = await setupMeeting(server);
    const freshPen = await DraftClient.open(server.url, fresh.secretariat.token!);
    const freshId = freshPen.read().units[0].id;

    // The late text: 60 paragraphs, a long history in the last ten, the first 50 adopted.
    const late = await setupMeeting(server);
    const paragraphs: DocxParagraph[] = Array.from({ length: 60 }, (_, i) => ({
      runs: [{ text: `${i + 1}. The Working Group recommends that States parties consider measures on the matter of paragraph ${i + 1}, in accordance with their domestic law.` }],
    }));
    const imported = await fetch(`${server.url}/api/meetings/${late.meetingId}/drafts/recommendations/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${late.secretariat.token}`, 'content-type': DOCX },
      body: new Uint8Array(docx(paragraphs)),
    });
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${await imported.text()}`);
    const latePen = await DraftClient.open(server.url, late.secretariat.token!);
    const ids = latePen.read().units.map((u) => u.id);
    const historyStarted = performance.now();
    await typeHistory(server.url, late.secretariat.token!, ids.slice(50), historyUpdates);
    const chair = await server.signIn(late.meetingId, late.chairCode.code, 'Chair');
    const adopted = await chair.command(late.meetingId, { type: 'paragraph.setStatus', doc: 'recommendations', paragraphIds: ids.slice(0, adoptedCount), status: 'adopted' });
    if (adopted.status !== 200) throw new Error(`adopt: ${adopted.status} ${JSON.stringify(adopted.body)}`);
    const stored = (await server.gavel.store.docHead(late.meetingId, 'recommendations')).seq;
    console.log(
      `late text: ${ids.length} paragraphs, ${stored} stored updates (${historyUpdates} typed in ${((performance.now() - historyStarted) / 1000).toFixed(1)} s), paragraphs 1-${adoptedCount} adopted`,
    );
    const viewerTokens: string[] = [];
    for (let i = 0; i < viewerCount; i++) viewerTokens.push((await server.signIn(late.meetingId, late.viewerCode, `Viewer ${i + 1}`)).token!);
    const typingIn = ids[54]!;

    const results = { empty: [] as number[], late: [] as number[], 'late+health': [] as number[], 'late+viewers': [] as number[], 'late+web': [] as number[] };
    const phaseOf = { health: 'late+health', every: 'late+viewers', web: 'late+web' } as const;
    const modes = ['health', 'every', 'web'] as const;
    const profileDir = argText('profile', '');
    const profiler = profileDir ? new Profiler(profileDir) : null;
    const profiled = new Map<string, Map<string, FunctionTime>>();
    /** Types into a phase's text, profiled when asked. */
    /** How late the server's event loop (shared with the pen-holder) ran its timers during each phase: held by work, or starved of CPU. */
    const loopDelays = new Map<string, number[]>();
    /** Each round's keystroke p99 per phase: how far one round's noise moves the run's figure. */
    const roundP99s = new Map<string, number[]>();
    /** The CPU the server's process (and the pen-holder in it) used per phase and round, as a share of one core; and the viewers' process's. */
    const cpuShares = new Map<string, number[]>();
    /** The late text's checkpoints written during each phase and round (one every 500 stored updates, and when it is quiet). */
    const checkpointsWritten = new Map<string, number[]>();
    const lateCheckpoints = async () => (await server.gavel.store.listDocSnapshots(late.meetingId, 'recommendations')).length;
    const viewerCpu = new Map<string, number[]>();
    const phase = async (name: keyof typeof results, round: number, client: DraftClient, paragraphId: string) => {
      if (!phases.has(name)) return;
      const checkpointsBefore = await lateCheckpoints();
      await profiler?.start();
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const times = await type(client, paragraphId, keys, rate);
      const used = process.cpuUsage(cpu);
      cpuShares.set(name, [...(cpuShares.get(name) ?? []), (used.user + used.system) / 1000 / (performance.now() - started)]);
      results[name].push(...times);
      roundP99s.set(name, [...(roundP99s.get(name) ?? []), summary(times).p99]);
      delay.disable();
      loopDelays.set(name, [...(loopDelays.get(name) ?? []), delay.percentile(99) / 1e6, delay.max / 1e6]);
      checkpointsWritten.set(name, [...(checkpointsWritten.get(name) ?? []), (await lateCheckpoints()) - checkpointsBefore]);
      if (!profiler) return;
      const functions = profiled.get(name) ?? new Map<string, FunctionTime>();
      addTimes(functions, summarise(await profiler.stop(`${name}-r${round + 1}`)));
      profiled.set(name, functions);
    };
    const viewerStatuses = { health: new Map<string, number>(), every: new Map<string, number>(), web: new Map<string, number>() };
    const reportTimes = { health: [] as number[], every: [] as number[], web: [] as number[] };
    // Warm both texts (the late one builds its guard's mirror on its first keystroke after the adoption).
    await type(freshPen, freshId, 20, rate);
    await type(latePen, typingIn, 20, rate);
    for (let r = 0; r < rounds; r++) {
      await phase('empty', r, freshPen, freshId);
      await phase('late', r, latePen, typingIn);
      for (const mode of modes) {
        if (!phases.has(phaseOf[mode])) continue;
        await ask(viewerProcess, { type: 'start', url: server.url, meetingId: late.meetingId, tokens: viewerTokens, mode }, 'started');
        // The viewers' first round of requests, spread over 1.5 s, before the measure.
        await new Promise((res) => setTimeout(res, VIEWER_EVERY_MS));
        await phase(phaseOf[mode], r, latePen, typingIn);
        const stopped = await ask<{ statuses: [string, number][]; times: number[]; cpu: number }>(viewerProcess, { type: 'stop' }, 'stopped');
        viewerCpu.set(phaseOf[mode], [...(viewerCpu.get(phaseOf[mode]) ?? []), stopped.cpu]);
        const into = viewerStatuses[mode];
        for (const [status, n] of stopped.statuses) into.set(status, (into.get(status) ?? 0) + n);
        reportTimes[mode].push(...stopped.times);
      }
      console.log(`round ${r + 1}/${rounds} done; load average ${load()}`);
    }

    const f = (n: number) => n.toFixed(1);
    const base = summary(results.empty);
    const lateOnly = summary(results.late);
    console.log(['', 'phase           keys   p50 ms   p95 ms   p99 ms   max ms  mean ms   p50 / empty  p99 / empty  p99 / late'].join('\n'));
    for (const [name, times] of Object.entries(results)) {
      if (times.length === 0) continue;
      const s = summary(times);
      console.log(
        `${name.padEnd(14)} ${String(s.n).padStart(5)} ${f(s.p50).padStart(8)} ${f(s.p95).padStart(8)} ${f(s.p99).padStart(8)} ${f(s.max).padStart(8)} ${f(s.mean).padStart(8)}` +
          `   ${(s.p50 / base.p50).toFixed(2).padStart(11)}  ${(s.p99 / base.p99).toFixed(2).padStart(11)}  ${(s.p99 / lateOnly.p99).toFixed(2).padStart(10)}`,
      );
    }
    const pct = (shares: number[]) => shares.map((c) => `${(c * 100).toFixed(0)}%`).join(' / ');
    console.log(`\nCPU of the server's process per round (share of one core): ${[...cpuShares].map(([name, c]) => `${name} ${pct(c)}`).join('; ')}`);
    console.log(`CPU of the viewers' process per round: ${[...viewerCpu].map(([name, c]) => `${name} ${pct(c)}`).join('; ')}`);
    console.log(`\nkeystroke p99 per round, ms: ${[...roundP99s].map(([name, p]) => `${name} ${p.map(f).join(' / ')}`).join('; ')}`);
    console.log(
      `\nevent loop delay of the server's process, p99 / max ms per round: ${[...loopDelays]
        .map(([name, d]) => `${name} ${d.map((ms, i) => (i % 2 ? `/${f(ms)}` : ` ${f(ms)}`)).join('')}`)
        .join('; ')}`,
    );
    console.log(`late text checkpoints written per round: ${[...checkpointsWritten].map(([name, n]) => `${name} ${n.join(' / ')}`).join('; ')}`);
    for (const [name, times] of profiled) {
      console.log(`\nCPU profile of the server's process, ${name}, per keystroke (${rounds * keys} keystrokes; profiles in ${profileDir}):`);
      console.log(timesTable(times.values(), rounds * keys).join('\n'));
    }
    for (const mode of modes) {
      if (!phases.has(phaseOf[mode])) continue;
      const viewed = summary(reportTimes[mode]);
      const answered = viewed.n ? `; answered in p50 ${f(viewed.p50)} ms, p95 ${f(viewed.p95)} ms` : '';
      console.log(`\nanswers to the ${viewerCount} viewers (${phaseOf[mode]}): ${[...viewerStatuses[mode]].map(([s, n]) => `${n} x ${s}`).join(', ')}${answered}`);
    }
    console.log('goals (issue 14): late p50 within 1.2x of empty; with the viewers, p99 within 1.2x of late');
    console.log(`load average at the end ${load()} (other work on the machine shows in the p99)`);
    freshPen.close();
    latePen.close();
  } finally {
    viewerProcess.send({ type: 'exit' });
    await server.stop();
  }
}

if (process.argv.includes('--viewer-process')) void viewers();
else
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
