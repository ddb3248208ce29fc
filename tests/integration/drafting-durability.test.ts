/**
 * Killing the server (SIGKILL) while two pen-holders type loses no
 * acknowledged keystroke: after a restart on the same data folder every
 * acknowledged update is in the text, and both clients, who kept typing
 * through the outage, reconverge with nothing lost or doubled.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, spawnServer, tempDir, waitFor } from '../support/server';
import { openDoc, type DocClient } from '../support/drafting';

const dataDir = tempDir('gavel-drafting-kill-');
const started: Awaited<ReturnType<typeof spawnServer>>[] = [];
const clients: DocClient[] = [];
afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of started) await s.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** A typist: types `<name><n>` tokens at the end, one per tick; knows which the server acknowledged. */
function typist(client: DocClient, name: string) {
  const typed: { token: string; change: number }[] = [];
  let n = 0;
  const timer = setInterval(() => {
    const token = `<${name}${n++}>`;
    client.type(token);
    typed.push({ token, change: client.provider.localChanges });
  }, 4);
  return {
    typed,
    stop: () => clearInterval(timer),
    acknowledged: () => typed.filter((t) => t.change <= client.provider.savedChanges).map((t) => t.token),
  };
}

const occurrences = (text: string, token: string) => text.split(token).length - 1;

describe('SIGKILL while two pen-holders type', () => {
  it('keeps every acknowledged keystroke and loses none of the unacknowledged ones', { timeout: 90_000 }, async () => {
    const first = await spawnServer(dataDir);
    started.push(first);
    const port = new URL(first.url).port;
    const created = await first.admin().request('POST', '/api/meetings', {
      body: 'Working Group on Trafficking in Persons',
      title: 'Drafting durability',
      venue: 'Vienna',
      startDate: '2027-01-27',
      endDate: '2027-01-29',
    });
    expect(created.status).toBe(201);
    const { meetingId, secretariatCode, viewerCode } = created.body;
    const signIn = async (code: string, name: string) => {
      const res = await new ApiClient(first.url).request('POST', '/api/session', { meetingId, code, name });
      expect(res.status).toBe(200);
      return res.body.token as string;
    };
    const secretariatToken = await signIn(secretariatCode, 'Officer');
    const chairIssued = await new ApiClient(first.url, secretariatToken).command(meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' });
    const chairToken = await signIn(chairIssued.body.issuedCodes[0].code, 'Chair');
    const viewerToken = await signIn(viewerCode, 'Public');

    const a = await openDoc(first.url, secretariatToken);
    const b = await openDoc(first.url, chairToken);
    clients.push(a, b);
    const ta = typist(a, 'a');
    const tb = typist(b, 'b');

    // Kill as soon as both have had a good number of keystrokes acknowledged.
    await waitFor(() => ta.acknowledged().length >= 40 && tb.acknowledged().length >= 40, 15_000, 'acknowledged keystrokes');
    const ackedA = ta.acknowledged();
    const ackedB = tb.acknowledged();
    await first.kill('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    const typedAtKill = ta.typed.length + tb.typed.length;

    // They notice, and keep typing through the outage.
    await waitFor(() => !a.provider.synced && !b.provider.synced, 5_000, 'the typists to notice');
    const typedOffline = ta.typed.length + tb.typed.length;
    await waitFor(() => ta.typed.length + tb.typed.length >= typedOffline + 20, 5_000, 'typing offline');

    const second = await spawnServer(dataDir, { PORT: port });
    started.push(second);
    expect(second.url).toBe(first.url);

    // What the restarted server has before the clients push anything: every acknowledged keystroke.
    const reader = await openDoc(second.url, viewerToken);
    clients.push(reader);
    const recovered = reader.text();
    for (const token of [...ackedA, ...ackedB]) expect(occurrences(recovered, token), token).toBe(1);
    if (process.env.GAVEL_TEST_VERBOSE) {
      const missing = [...ta.typed, ...tb.typed].filter((t) => occurrences(recovered, t.token) === 0).length;
      console.log(`acknowledged ${ackedA.length + ackedB.length}, typed before kill ${typedAtKill}, not on the restarted server ${missing}`);
    }

    // The typists reconnect by themselves and push what the server lacks.
    await waitFor(() => a.provider.synced && b.provider.synced, 10_000, 'the typists to reconnect');
    ta.stop();
    tb.stop();
    await waitFor(
      () => !a.provider.unsaved && !b.provider.unsaved && a.text() === b.text() && reader.text() === a.text(),
      10_000,
      'everyone to converge',
    );
    const final = a.text();
    for (const { token } of [...ta.typed, ...tb.typed]) expect(occurrences(final, token), token).toBe(1);
    expect(ta.typed.length + tb.typed.length).toBeGreaterThan(typedAtKill);
  });
});
