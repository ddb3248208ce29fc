/**
 * Killing the server (SIGKILL) right after it acknowledged commands loses none
 * of them: a restarted server on the same data folder has every acknowledged
 * event, unchanged, and its ledger verifies.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandResult, LedgerEvent } from '@gavel/shared';
import { connect, sendCommand } from '../support/fixtures';
import { ApiClient, spawnServer, tempDir } from '../support/server';

const dataDir = tempDir('gavel-sigkill-');
const started: Awaited<ReturnType<typeof spawnServer>>[] = [];
afterAll(async () => {
  for (const s of started) await s.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** M49 codes of States to register, one per command. */
const STATES = [
  '004', '008', '012', '020', '024', '028', '032', '051', '031', '044', '048', '050', '052', '112', '056', '084',
  '204', '064', '068', '070', '072', '076', '096', '100', '854', '108', '132', '116', '120', '124', '140', '148',
];

describe('SIGKILL after acknowledgement', () => {
  it('loses no acknowledged event', { timeout: 90_000 }, async () => {
    const first = await spawnServer(dataDir);
    started.push(first);
    const admin = first.admin();
    const created = await admin.request('POST', '/api/meetings', {
      body: 'Working Group on Trafficking in Persons',
      title: 'Durability',
      venue: 'Vienna',
      startDate: '2027-01-27',
      endDate: '2027-01-29',
    });
    expect(created.status).toBe(201);
    const { meetingId, secretariatCode } = created.body;
    const signIn = await first.admin().request('POST', '/api/session', { meetingId, code: secretariatCode, name: 'Officer' });
    const secretariat = new ApiClient(first.url, signIn.body.token);
    const socket = await connect(first.url, { token: signIn.body.token });

    // A burst over both ways in, all in flight at once; kill as soon as enough are acknowledged.
    const acknowledged: LedgerEvent[] = [];
    const killAfter = Math.floor(STATES.length * 0.6);
    let killed: Promise<void> | undefined;
    const onAck = (result: CommandResult | undefined) => {
      if (!result?.ok) return;
      acknowledged.push(...result.events);
      if (!killed && acknowledged.length >= killAfter) killed = first.kill('SIGKILL');
    };
    const burst = STATES.map((m49, i) => {
      const command = { type: 'delegation.register', delegation: { category: 'state_party', m49 } };
      const sent =
        i % 2 === 0
          ? secretariat.command(meetingId, command).then((r) => (r.status === 200 ? (r.body as CommandResult) : undefined))
          : sendCommand(socket, command);
      return sent.then(onAck, () => undefined);
    });
    await Promise.all(burst);
    socket.close();
    await (killed ?? first.kill('SIGKILL'));
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

    const second = await spawnServer(dataDir);
    started.push(second);
    const events = await second.admin().request('GET', `/api/meetings/${meetingId}/events`);
    expect(events.status).toBe(200);
    const stored = new Map((events.body.events as LedgerEvent[]).map((e) => [e.seq, e]));
    for (const e of acknowledged) expect(stored.get(e.seq)).toEqual(e);
    const verify = await second.admin().request('GET', `/api/meetings/${meetingId}/ledger/verify`);
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.events).toBe(stored.size);

    // The restarted server goes on from there.
    const again = await second.admin().request('POST', '/api/session', { meetingId, code: secretariatCode, name: 'Officer' });
    expect(again.status).toBe(200);
    const next = await new ApiClient(second.url, again.body.token).command(meetingId, {
      type: 'delegation.register',
      delegation: { category: 'state_party', m49: '152' },
    });
    expect(next.status).toBe(200);
    expect(next.body.events[0].seq).toBe(stored.size + 1);
    await second.kill('SIGTERM');
  });
});
