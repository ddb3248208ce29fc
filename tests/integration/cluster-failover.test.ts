/**
 * Failover on three nodes behind HAProxy (tests/support/cluster.ts), in
 * rounds: the node that owns the meeting is killed (SIGKILL) while the
 * pen-holder types and 30 delegations ask for the floor and withdraw through
 * the load balancer; another node takes the meeting over from PostgreSQL;
 * the killed node comes back. Then a paused owner (SIGSTOP) that wakes after
 * losing its lease. At the end: every acknowledged command and keystroke is
 * stored exactly once, the record verifies, and the clients hold the same text.
 */
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import type { CommandResult, LedgerEvent } from '@gavel/shared';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import { startCluster, type Cluster } from '../support/cluster';
import { ApiClient, waitFor } from '../support/server';
import { connect } from '../support/fixtures';
import { DraftClient } from '../support/draft-client';

/** Kills of the owner (GAVEL_FAILOVER_ROUNDS; 3 in the suite, 10 with `pnpm bench:cluster`'s failover as well). */
const ROUNDS = Number(process.env.GAVEL_FAILOVER_ROUNDS ?? 3);
const STATES = ['578', '818', '170', '840', '246', '250', '276', '616', '032', '036', '076', '124', '156', '392', '484', '566', '643', '710', '752', '756', '364', '356', '360', '826', '380', '724', '528', '056', '040', '208'];

let cluster: Cluster;
let failed = false;
const closers: (() => void)[] = [];

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, env: { GAVEL_LEASE_MS: '1500' } });
}, 90_000);
afterEach(({ task }) => {
  if (task.result?.state === 'fail') failed = true;
});
afterAll(async () => {
  for (const close of closers) close();
  if (failed) cluster?.printLogs();
  await cluster?.close();
});

/** A socket through the load balancer that reconnects by itself, as the web app's does. */
function lbSocket(token: string): Socket {
  const socket = io(cluster.url, { parser: msgpackParser, auth: { token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500, timeout: 3000 });
  closers.push(() => socket.close());
  return socket;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const textOf = (d: DraftClient) => d.doc.get('root', Y.XmlText).toString();

let meetingId: string;
let secretariat: ApiClient;
let chairCode: string;
let penCode: string;
let item: string;
let paragraph: string;
const delegates: Socket[] = [];
const acknowledged: LedgerEvent[] = [];
const words: string[] = [];
const takeovers: number[] = [];

async function signIn(url: string, code: string, name: string): Promise<string> {
  const res = await new ApiClient(url).request('POST', '/api/session', { meetingId, code, name });
  if (res.status !== 200) throw new Error(`sign in: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** Runs until `stop`: each delegation asks for the floor and withdraws in turn; what is acknowledged is kept. */
function delegationsAsking(stop: () => boolean): Promise<void> {
  return Promise.all(
    delegates.map(async (socket, k) => {
      await sleep(k * 20);
      let entryId: string | undefined;
      while (!stop()) {
        if (socket.connected) {
          const command = entryId ? { type: 'speakers.withdraw', entryId } : { type: 'speakers.request', itemId: item };
          const r = (await socket.timeout(4000).emitWithAck('command', command).catch(() => undefined)) as CommandResult | undefined;
          if (r?.ok) {
            acknowledged.push(...r.events);
            const requested = r.events.find((e) => e.type === 'SpeakerInscribed');
            entryId = requested ? (requested.payload as { entry: { id: string } }).entry.id : undefined;
          }
        }
        await sleep(600);
      }
    }),
  ).then(() => undefined);
}

/** The pen-holder types a word every 40 ms on a node that is not the owner; acknowledged words are kept. */
async function typing(writer: DraftClient, round: number, stop: () => boolean): Promise<void> {
  for (let n = 0; !stop(); n++) {
    const word = `r${round}w${n}`;
    const ack = await writer.edit(() => $appendToParagraph(paragraph, [` ${word}`])).catch(() => ({ ok: false }));
    if (ack.ok) words.push(word);
    await sleep(40);
  }
}

describe('failover on three nodes', () => {
  beforeAll(async () => {
    const created = await cluster.admin().request('POST', '/api/meetings', { body: 'Working Group', title: 'Failover', venue: 'Vienna', startDate: '2027-01-27', endDate: '2027-01-29' });
    meetingId = created.body.meetingId;
    secretariat = new ApiClient(cluster.url, await signIn(cluster.url, created.body.secretariatCode, 'Secretariat'));
    const run = async (command: Record<string, unknown>) => {
      const r = await secretariat.command(meetingId, command);
      if (r.status !== 200) throw new Error(`${command.type}: ${r.status} ${JSON.stringify(r.body)}`);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads what it asked for
      return r.body as { events: any[]; issuedCodes: { code: string; codeId: string }[] };
    };
    const registered = await run({ type: 'delegation.registerMany', delegations: STATES.map((m49) => ({ category: 'state_party', m49 })) });
    item = (await run({ type: 'agenda.addItem', title: 'Trafficking in persons' })).events[0].payload.item.id;
    chairCode = (await run({ type: 'access.issue', role: 'chair', label: 'Chair' })).issuedCodes[0].code;
    const ids = registered.events.flatMap((e) => (e.type === 'DelegationRegistered' ? [e.payload.delegation.id as string] : []));
    const codes = (await run({ type: 'access.issueMany', codes: ids.map((delegationId) => ({ role: 'delegate', delegationId })) })).issuedCodes;
    penCode = codes[0].code;
    await run({ type: 'pen.hand', codeId: codes[0].codeId });
    for (const [k, c] of codes.entries()) {
      const socket = lbSocket(await signIn(cluster.url, c.code, `Delegate ${k}`));
      await waitFor(() => socket.connected || undefined, 10_000, 'a delegation connected');
      delegates.push(socket);
    }
  }, 90_000);

  it(`takes the meeting over after each of ${ROUNDS} kills of its owner, losing nothing acknowledged`, async () => {
    let restarting: Promise<void> = Promise.resolve();
    for (let round = 0; round < ROUNDS; round++) {
      // The node killed in the last round is back (the delegations' sockets meanwhile went through the others).
      await restarting;
      const owner = await cluster.waitForOwner(meetingId);
      const other = (owner + 1) % cluster.nodes.length;
      const writer = await DraftClient.open(cluster.nodes[other].url, await signIn(cluster.nodes[other].url, penCode, `Pen ${round}`));
      closers.push(() => writer.close());
      await waitFor(() => writer.canWrite || undefined, 5000, 'the pen');
      // The text's one paragraph is there at the writer's first sync, on a node that does not own the meeting, round
      // after round (made by the owner when the meeting was created, or at the latest when the text was first loaded).
      const units = writer.read().units.map((u) => u.id);
      expect(units, "the text's paragraphs at the writer's first sync").toHaveLength(1);
      paragraph ??= units[0];
      expect(units[0]).toBe(paragraph);
      const chair = await connect(cluster.nodes[other].url, { token: await signIn(cluster.nodes[other].url, chairCode, `Chair ${round}`) });
      closers.push(() => chair.close());

      let stop = false;
      const load = Promise.all([delegationsAsking(() => stop), typing(writer, round, () => stop)]);
      await sleep(1200);
      const killedAt = performance.now();
      await cluster.kill(owner, 'SIGKILL');
      // The first command a surviving node gets decided after the kill marks the takeover.
      await waitFor(
        async () => ((await chair.timeout(3000).emitWithAck('command', { type: 'speakers.request', itemId: item, kind: 'panellist', speakerName: `Probe ${round}` }).catch(() => undefined)) as CommandResult | undefined)?.ok || undefined,
        30_000, // a hang detector: the takeover time is what the benchmark measures (it took over 15 s once at load average 15)
        `a command after kill ${round + 1}`,
      );
      takeovers.push(performance.now() - killedAt);
      await sleep(800);
      stop = true;
      await load;
      writer.close();
      chair.close();
      restarting = cluster.restart(owner);
    }
    await restarting;
    const sorted = [...takeovers].sort((a, b) => a - b);
    console.log(`takeover after SIGKILL over ${ROUNDS} rounds: p50 ${Math.round(sorted[Math.floor(ROUNDS / 2)])} ms, max ${Math.round(sorted.at(-1)!)} ms`);
    expect(sorted.at(-1)!).toBeLessThan(6000);
    expect(acknowledged.length).toBeGreaterThan(ROUNDS * 10);
    expect(words.length).toBeGreaterThan(ROUNDS * 5);
  }, 240_000);

  it('refuses the writes of a paused owner that wakes after another node took the meeting over (fencing)', async () => {
    const owner = await cluster.waitForOwner(meetingId);
    const other = (owner + 1) % cluster.nodes.length;
    const pausedToken = await signIn(cluster.nodes[owner].url, chairCode, 'Chair on the paused node');
    await cluster.kill(owner, 'SIGSTOP');
    try {
      // Sent to the paused owner: it waits in its socket until it wakes.
      const late = new ApiClient(cluster.nodes[owner].url, pausedToken).command(meetingId, { type: 'speakers.request', itemId: item, kind: 'panellist', speakerName: 'Sent while paused' });
      const chair = await connect(cluster.nodes[other].url, { token: await signIn(cluster.nodes[other].url, chairCode, 'Chair elsewhere') });
      closers.push(() => chair.close());
      await waitFor(
        async () => ((await chair.timeout(3000).emitWithAck('command', { type: 'speakers.request', itemId: item, kind: 'panellist', speakerName: 'Taken over' }).catch(() => undefined)) as CommandResult | undefined)?.ok || undefined,
        15_000,
        'a command while the owner is paused',
      );
      const next = await cluster.waitForOwner(meetingId, { not: owner });
      expect(next).not.toBe(owner);
      await cluster.kill(owner, 'SIGCONT');
      // Awake, it no longer holds the meeting: what it was sent goes to the new owner (or is refused), never written under its old lease.
      const answer = await late;
      expect([200, 503], JSON.stringify(answer.body)).toContain(answer.status);
      const h = (await (await fetch(`${cluster.nodes[owner].url}/health`)).json()) as { cluster: { owns: string[] } };
      expect(h.cluster.owns).not.toContain(meetingId);
    } finally {
      await cluster.kill(owner, 'SIGCONT').catch(() => undefined);
    }
  }, 60_000);

  it('stored every acknowledged command and keystroke once; the record verifies; the clients hold the same text', async () => {
    const events = (await secretariat.request('GET', `/api/meetings/${meetingId}/events`)).body.events as LedgerEvent[];
    const stored = new Map(events.map((e) => [e.seq, e.hash]));
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const e of acknowledged) expect(stored.get(e.seq)).toBe(e.hash);
    const verify = await secretariat.request('GET', `/api/meetings/${meetingId}/ledger/verify`);
    expect(verify.body.ok, JSON.stringify(verify.body)).toBe(true);
    // Two readers on two different nodes see the same text, with every acknowledged word once.
    const readers = await Promise.all([0, 1].map(async (i) => DraftClient.open(cluster.nodes[i].url, await signIn(cluster.nodes[i].url, chairCode, `Reader ${i}`))));
    for (const r of readers) closers.push(() => r.close());
    await waitFor(() => textOf(readers[0]) === textOf(readers[1]) || undefined, 5000, 'the same text on two nodes');
    const text = textOf(readers[0]);
    for (const w of words) expect(text.match(new RegExp(`\\b${w}\\b`, 'g'))?.length ?? 0, w).toBe(1);
  });
});
