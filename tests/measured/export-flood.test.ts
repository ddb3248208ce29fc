/**
 * Issue 10, item 4: a viewer flooding report exports may not take the server
 * from the meeting. The server runs in its own process; a secretariat sends
 * commands over two sockets (a console's pace), in quiet phases and phases
 * while a viewer keeps eight PDF/DOCX/HTML/JSON exports in flight at all
 * times (from another process), the phases in turn and repeated so that the
 * machine's other load weighs on both alike; the command p95 while flooded
 * is compared with the quiet p95 measured in the same run (see the bound).
 * In the `measured` project: run alone, after the other tests, whose load
 * would otherwise decide the figure (loads of 5-8 in CI: 2.4x and 3.4x).
 * What keeps it: the session's export rate, reports assembled one at a
 * time, DOCX built in a worker thread and PDFs printed by a Chromium, both
 * below the meeting (GAVEL_EXPORT_NICE: niced and in Linux's idle class,
 * export/priority.ts). The flood is answered with
 * 429/503 and Retry-After, never with more work than the server has room for.
 */
import { spawn } from 'node:child_process';
import { loadavg, setPriority } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { connect, sendCommand } from '../support/fixtures';
import { ApiClient, SAMPLE_MEETING, spawnServer, tempDir, waitFor } from '../support/server';

/** A p95 below this is the machine's scheduling, not the server's (see the bound). */
const FLOOR_MS = 15;

/** Commands per phase, and quiet/flooded phase pairs: 120 samples a side. */
const PER_PHASE = 20;
const ROUNDS = 6;

/** A request per format in flight at all times while flooding ("on"/"off" lines on stdin); prints the statuses seen at the end. */
const FLOODER = `
const formats = process.env.FORMATS.split(',');
const statuses = {};
let retryAfterMissing = 0;
let flooding = false;
let done = false;
let buffered = '';
process.stdin.on('data', (c) => {
  buffered += c;
  for (const line of buffered.split('\\n').slice(0, -1)) flooding = line === 'on';
  buffered = buffered.slice(buffered.lastIndexOf('\\n') + 1);
});
process.stdin.on('end', () => (done = true));
console.log('started');
Promise.all(formats.map(async (format) => {
  while (!done) {
    if (!flooding) { await new Promise((r) => setTimeout(r, 20)); continue; }
    const res = await fetch(process.env.URL + '?format=' + format, { headers: { authorization: 'Bearer ' + process.env.TOKEN } }).catch(() => undefined);
    const status = res ? res.status : 0;
    if (res) await res.arrayBuffer();
    statuses[status] = (statuses[status] ?? 0) + 1;
    if ((status === 429 || status === 503) && !res.headers.get('retry-after')) retryAfterMissing++;
  }
})).then(() => console.log(JSON.stringify({ statuses, retryAfterMissing })));
`;

let server: Awaited<ReturnType<typeof spawnServer>>;
let meetingId: string;
let secretariat: ApiClient;
let viewer: ApiClient;
let sockets: Socket[];

beforeAll(async () => {
  server = await spawnServer(tempDir('gavel-flood-'));
  const created = await server.admin().request('POST', '/api/meetings', SAMPLE_MEETING);
  meetingId = created.body.meetingId;
  const signIn = async (code: string) =>
    new ApiClient(server.url, (await new ApiClient(server.url).request('POST', '/api/session', { meetingId, code, name: 'X' })).body.token);
  secretariat = await signIn(created.body.secretariatCode);
  viewer = await signIn(created.body.viewerCode);
  // Something to report: delegations and an agenda.
  await secretariat.command(meetingId, {
    type: 'delegation.registerMany',
    delegations: ['578', '818', '076', '124', '250', '276', '392', '484'].map((m49) => ({ category: 'state_party', m49 })),
  });
  // A report of a real meeting's length: 150 recommendations (a Word file of them is a few hundred ms of CPU).
  const draft = Array.from({ length: 150 }, (_, k) => `${k + 1}. States parties should ensure that victims of trafficking in persons are not punished for offences they were compelled to commit as a direct consequence of having been trafficked (recommendation ${k + 1}).`).join('\n');
  const imported = await secretariat.request('POST', `/api/meetings/${meetingId}/drafts/recommendations/import?format=text`, draft, { 'content-type': 'text/plain' });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  // Two consoles of the secretariat: twice the samples within each socket's limit (40 commands in 10 s).
  const second = await signIn(created.body.secretariatCode);
  sockets = [await connect(server.url, { token: secretariat.token }), await connect(server.url, { token: second.token })];
}, 60_000);

afterAll(async () => {
  for (const socket of sockets ?? []) socket.close();
  await server?.kill('SIGTERM');
});

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * q) - 1];
const p95 = (xs: number[]) => quantile(xs, 0.95);
const median = (xs: number[]) => quantile(xs, 0.5);

/** Sends commands one after the other, the two sockets in turn (as consoles do), each timed from emit to acknowledgement. */
async function commandLatencies(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const result = await sendCommand(sockets[i % 2], { type: 'meeting.update', changes: { venue: `Vienna ${i % 7}` } });
    out.push(performance.now() - started);
    expect(result).toMatchObject({ ok: true });
    // Each socket's own limit is 40 commands in 10 s: a console's pace, not a script's.
    await new Promise((r) => setTimeout(r, 150));
  }
  return out;
}

describe('a viewer flooding exports', () => {
  it("keeps a normal client's commands within 2x of the quiet ones (median; p95, once above 15 ms), answering the flood with 429/503 and Retry-After", { timeout: 300_000, retry: 1 }, async () => {
    // The flood comes from its own process, as it would from another machine: this one only measures.
    const formats = process.env.FLOOD_FORMATS ?? 'pdf,docx,html,pdf,docx,json,pdf,docx';
    const flooder = spawn(process.execPath, ['-e', FLOODER], {
      env: { ...process.env, URL: `${server.url}/api/meetings/${meetingId}/report`, TOKEN: viewer.token!, FORMATS: formats },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    // Another machine's CPU is not this server's: the flooder gives way to it here, so the figure is the server's own cost.
    setPriority(flooder.pid!, 19);
    let out = '';
    flooder.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    const ended = new Promise<void>((r) => flooder.once('exit', () => r()));
    await waitFor(() => out.includes('started'), 10_000, 'the flood to start');
    // The first PDF and Word exports load their libraries and start Chromium and the DOCX thread, once per server
    // (about a second of the event loop for playwright-core): done before measuring, as any server has done early on.
    for (const format of ['pdf', 'docx']) expect((await viewer.request('GET', `/api/meetings/${meetingId}/report?format=${format}`)).status).toBe(200);
    // Quiet and flooded phases in turn, so that the machine's other load weighs on both alike.
    const idleAll: number[] = [];
    const busy: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        idleAll.push(...(await commandLatencies(PER_PHASE)));
        flooder.stdin!.write('on\n');
        await new Promise((r) => setTimeout(r, 200));
        busy.push(...(await commandLatencies(PER_PHASE)));
        flooder.stdin!.write('off\n');
        // The requests in flight finish before the next quiet round.
        await new Promise((r) => setTimeout(r, 1_500));
      }
    } finally {
      flooder.stdin!.end();
    }
    await ended;
    const { statuses, retryAfterMissing } = JSON.parse(out.slice(out.indexOf('{'))) as { statuses: Record<string, number>; retryAfterMissing: number };
    const report =
      `idle p50/p95 ${median(idleAll).toFixed(1)}/${p95(idleAll).toFixed(1)} ms, flooded ${median(busy).toFixed(1)}/${p95(busy).toFixed(1)} ms ` +
      `(${(p95(busy) / p95(idleAll)).toFixed(2)}x), ${busy.length} samples a side, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; exports: ${JSON.stringify(statuses)}`;
    console.log(report);
    expect(Object.keys(statuses).every((s) => s === '200' || s === '429' || s === '503'), report).toBe(true);
    expect(statuses['429'] ?? 0, report).toBeGreaterThan(0);
    expect(retryAfterMissing).toBe(0);
    // The bound: 2x, on the p95, and on the median as well (the typical command). Below FLOOR_MS a p95 is
    // the machine's, not the server's: with the server's event loop free (no stall of 6 ms or more in a 2 ms timer
    // around most of the slow commands) and no fsync over 12 ms, 2-6 % of commands in either phase took 9-60 ms
    // (the server's threads waiting up to 25 ms for a core while Chromium, in the idle class, ran: perf sched),
    // so the p95 sat at the knee of the distribution and a few such commands more or fewer moved it from 4 to
    // 15 ms: 0.74x-3.78x (once 8.17x) in some 30 tries on a quiet machine, the median within 1.4x (stop 17,
    // docs/PERFORMANCE.md). Without protections (GAVEL_EXPORTS_PER_MINUTE=100000 GAVEL_EXPORT_NICE=0
    // GAVEL_EXPORT_QUEUE=1000 GAVEL_PDF_PAGES=8) the p95 was 92 ms against a quiet 14-24 ms (earlier 7-9x a quiet
    // 10-18 ms), and the issue's own figures 169/1,144 ms for the median/p95: far above either bound.
    expect(median(busy), report).toBeLessThanOrEqual(2 * median(idleAll));
    expect(p95(busy), report).toBeLessThanOrEqual(2 * Math.max(p95(idleAll), FLOOR_MS));
  });
});
