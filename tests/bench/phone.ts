/**
 * The phone benchmark (`pnpm bench:phone`, issue 14): a delegate, already
 * signed in, opens the delegation view on a phone over a slow line, and we
 * time how long until the "Ask for the floor" button is on the screen and
 * enabled, and count the script bytes that came before it. A script that
 * prints figures, not a test.
 *
 *   pnpm bench:phone [--runs 5] [--dir <a Gavel checkout>] [--source]
 *                    [--down-kbps 1600] [--up-kbps 750] [--rtt 150] [--cpu 4]
 *                    [--waterfall] [--against <another checkout>]
 *
 * With --waterfall, the first cold load is also printed as a waterfall (each
 * request and the socket's frames, from the start of navigation) with the
 * page's main-thread time by script (a CPU profile through the DevTools
 * protocol): what lies on the critical path.
 *
 * The profile is Lighthouse's "slow 4G" phone: 1.6 Mbps down, 750 kbps up,
 * 150 ms round trip, the CPU slowed 4 times (Chromium's own network and CPU
 * throttling, through the DevTools protocol). Each cold run has a fresh
 * browser profile (empty cache); each is followed by a reload in the same
 * profile (the delegate coming back: what the cache saves).
 *
 * The server is started as a child process from `--dir` (default: this
 * checkout): the compiled one (packages/server/dist/main.js) if built, else
 * with --source the TypeScript sources through tsx, which is how a checkout
 * from before the compiled server runs. So the same script measures a
 * checkout of an older commit (git worktree add) for a before/after figure.
 * With --against, a second server runs from that checkout, and each run loads
 * both in turn (this one first, then the other, and the reverse in the next
 * run), so that the two figures come from the same minutes of a shared machine.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { ApiClient, ROOT, spawnServer } from '../support/server';
import { arg, argText } from './args';
import { recordWaterfall } from './waterfall';

const dir = resolve(argText('dir', ROOT));
const against = process.argv.includes('--against') ? resolve(argText('against', '')) : null;
const runs = arg('runs', 5);
const profile = { downKbps: arg('down-kbps', 1600), upKbps: arg('up-kbps', 750), rttMs: arg('rtt', 150), cpu: arg('cpu', 4) };
const fromSource = process.argv.includes('--source');
const waterfall = process.argv.includes('--waterfall');

async function startServer(dir: string) {
  const compiled = join(dir, 'packages/server/dist/main.js');
  if (!fromSource && !existsSync(compiled)) throw new Error(`${compiled} is not built: run 'pnpm build' there, or pass --source`);
  const dataDir = mkdtempSync(join(tmpdir(), 'gavel-phone-'));
  const server = await spawnServer(dataDir, { GAVEL_WEB_DIR: join(dir, 'packages/web/dist') }, { compiled: !fromSource, root: dir });
  return { ...server, dataDir };
}

async function command(client: ApiClient, meetingId: string, command: Record<string, unknown>) {
  const res = await client.command(meetingId, command);
  if (res.status !== 200) throw new Error(`${String(command.type)}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A meeting under way: 40 delegations, an adopted agenda, an item taken up, 10 speakers waiting. */
async function meetingUnderWay(server: { url: string; admin(): ApiClient }): Promise<{ stored: string }> {
  const admin = server.admin();
  const created = await admin.request('POST', '/api/meetings', {
    body: 'Working Group on Trafficking in Persons',
    title: 'Phone benchmark',
    venue: 'Vienna',
    startDate: '2027-01-27',
    endDate: '2027-01-29',
    language: 'en',
  });
  const { meetingId, secretariatCode } = created.body;
  const signIn = async (code: string, name: string) => (await admin.request('POST', '/api/session', { meetingId, code, name })).body;
  const sec = new ApiClient(server.url, (await signIn(secretariatCode, 'Officer')).token);
  const m49s = ['578', '818', '250', '076', '032', '036', '040', '056', '124', '152', '156', '170', '191', '203', '208', '218', '233', '246', '276', '300',
    '348', '356', '360', '364', '368', '372', '376', '380', '392', '400', '404', '410', '414', '422', '434', '440', '442', '458', '484', '504'];
  const registered = await command(sec, meetingId, {
    type: 'delegation.registerMany',
    delegations: m49s.map((m49) => ({ category: 'state_party', m49 })),
  });
  const ids: string[] = registered.events.map((e: { payload: { delegation: { id: string } } }) => e.payload.delegation.id);
  for (const title of ['Opening of the meeting', 'Adoption of the agenda', 'Non-punishment of victims of trafficking', 'Other matters']) {
    await command(sec, meetingId, { type: 'agenda.addItem', title });
  }
  const state = (await sec.request('GET', `/api/meetings/${meetingId}/state`)).body.state;
  const itemId: string = state.agenda.order[2];
  await command(sec, meetingId, { type: 'meeting.open' });
  await command(sec, meetingId, { type: 'agenda.adopt' });
  await command(sec, meetingId, { type: 'agenda.takeUp', itemId });
  for (const delegationId of ids.slice(1, 11)) await command(sec, meetingId, { type: 'speakers.request', itemId, delegationId });
  const code = (await command(sec, meetingId, { type: 'access.issue', role: 'delegate', delegationId: ids[0] })).issuedCodes[0].code;
  const delegate = await signIn(code, 'Delegate of Norway');
  return { stored: JSON.stringify({ token: delegate.token, session: delegate.session }) };
}

interface Load {
  /** From the start of navigation to the button on the screen and enabled. */
  ms: number;
  /** Script bytes as sent (compressed), finished before the button. */
  scriptBytes: number;
  scripts: number;
  /** Every byte received before the button (HTML, CSS, scripts, API, socket). */
  allBytes: number;
}

async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.rttMs,
    downloadThroughput: (profile.downKbps * 1000) / 8,
    uploadThroughput: (profile.upKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  return cdp;
}

/** Loads the delegation view and waits for the button; the page marks the moment itself (no polling delay). */
async function load(page: Page, cdp: CDPSession, url: string, reload: boolean): Promise<Load> {
  const finished = new Map<string, number>();
  const scriptIds = new Set<string>();
  let marked = Infinity;
  const onResponse = (e: { requestId: string; type: string }) => {
    if (e.type === 'Script') scriptIds.add(e.requestId);
  };
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    if (Date.now() <= marked) finished.set(e.requestId, e.encodedDataLength);
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(`${url}/delegation`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (window as unknown as { __askReady?: number }).__askReady, undefined, { timeout: 120_000, polling: 100 });
  const ms = (await handle.jsonValue()) as number;
  marked = Date.now();
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  let scriptBytes = 0;
  let scripts = 0;
  let allBytes = 0;
  for (const [id, bytes] of finished) {
    allBytes += bytes;
    if (scriptIds.has(id)) {
      scriptBytes += bytes;
      scripts++;
    }
  }
  return { ms, scriptBytes, scripts, allBytes };
}

const MARK_BUTTON = `
  (() => {
    const check = () => {
      const b = document.querySelector('[data-testid="ask-floor"]');
      if (b && !b.disabled && !window.__askReady) { window.__askReady = performance.now(); observer.disconnect(); }
    };
    const observer = new MutationObserver(check);
    document.addEventListener('DOMContentLoaded', () => observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true }));
  })();
`;

/** Waits until the page has fetched nothing new for a second (the lazy parts of the view), so that a reload counts only its own. */
async function settled(page: Page): Promise<void> {
  const deadline = Date.now() + 30_000;
  let count = -1;
  let quietSince = Date.now();
  while (Date.now() - quietSince < 1000 && Date.now() < deadline) {
    const now = await page.evaluate(() => performance.getEntriesByType('resource').length);
    if (now !== count) {
      count = now;
      quietSince = Date.now();
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

interface Variant {
  dir: string;
  server: Awaited<ReturnType<typeof startServer>>;
  stored: string;
  cold: Load[];
  warm: Load[];
}

async function variant(dir: string): Promise<Variant> {
  const server = await startServer(dir);
  const { stored } = await meetingUnderWay(server);
  console.log(`Gavel from ${dir} (${fromSource ? 'TypeScript sources through tsx' : 'compiled'}) at ${server.url}`);
  return { dir, server, stored, cold: [], warm: [] };
}

/** One cold load of a fresh browser profile, then a reload in it. */
async function run(v: Variant, printWaterfall: boolean): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await context.addInitScript(`localStorage.setItem('gavel.session', ${JSON.stringify(v.stored)}); localStorage.setItem('gavel.lang', 'en');`);
  await context.addInitScript(MARK_BUTTON);
  const page = await context.newPage();
  const cdp = await throttle(page);
  const waterfallOf = printWaterfall ? await recordWaterfall(cdp) : null;
  const c = await load(page, cdp, v.server.url, false);
  if (waterfallOf) console.log(`${v.dir}\n${await waterfallOf()}\n`);
  await settled(page);
  const w = await load(page, cdp, v.server.url, true);
  v.cold.push(c);
  v.warm.push(w);
  await context.close();
  return (
    `cold ${Math.round(c.ms)} ms, ${c.scripts} scripts ${kb(c.scriptBytes)} (all ${kb(c.allBytes)}); ` +
    `reload ${Math.round(w.ms)} ms, ${w.scripts} scripts ${kb(w.scriptBytes)} (all ${kb(w.allBytes)})`
  );
}

function summary(v: Variant): string {
  const med = (ls: Load[], f: (l: Load) => number) => median(ls.map(f));
  return (
    `median of ${v.cold.length}: cold load to "Ask for the floor" ${Math.round(med(v.cold, (l) => l.ms))} ms with ${kb(med(v.cold, (l) => l.scriptBytes))} of script ` +
    `(${med(v.cold, (l) => l.scripts)} files); reload ${Math.round(med(v.warm, (l) => l.ms))} ms with ${kb(med(v.warm, (l) => l.scriptBytes))} of script`
  );
}

const variants: Variant[] = [];
const browser = await launchBrowser();
try {
  for (const d of against ? [dir, against] : [dir]) variants.push(await variant(d));
  console.log(
    `profile: ${profile.downKbps / 1000} Mbps down, ${profile.upKbps} kbps up, ${profile.rttMs} ms RTT, CPU / ${profile.cpu}; ${runs} cold loads, each followed by a reload\n`,
  );
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so that neither always follows the other's load.
    for (const v of i % 2 ? [...variants].reverse() : variants) {
      console.log(`run ${i + 1}${against ? ` (${v.dir})` : ''}: ${await run(v, waterfall && i === 0)}`);
    }
  }
  console.log('');
  for (const v of variants) console.log(`${against ? `${v.dir}: ` : ''}${summary(v)}`);
  if (against) {
    const [a, b] = variants.map((v) => median(v.cold.map((l) => l.ms)));
    console.log(`cold load, ${dir} / ${against}: ${(a! / b!).toFixed(2)}`);
  }
} finally {
  await browser.close();
  for (const { server } of variants) {
    await server.kill('SIGTERM');
    rmSync(server.dataDir, { recursive: true, force: true });
  }
}
