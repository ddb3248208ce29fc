/**
 * A decision and its edit of the text are two writes. Killed between them
 * (a test hook: GAVEL_TEST_CRASH_AT=decision-before-text), the server finds
 * the recorded decision missing from the text when it starts again and
 * applies it: every decided edit is in the text exactly once, round after
 * round, and the record verifies.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readText, setupNegotiation, type NegotiationFixture } from '../support/negotiation';
import { ApiClient, spawnServer, TestServer, tempDir, waitFor } from '../support/server';

const dataDir = tempDir('gavel-decision-crash-');
const started: Awaited<ReturnType<typeof spawnServer>>[] = [];
afterAll(async () => {
  for (const s of started) await s.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a crash between a decision and its edit of the text', () => {
  it('leaves every decided edit in the text exactly once after a restart, round after round', { timeout: 240_000 }, async () => {
    // Set up in-process; the sessions are kept in the data folder, so the tokens work on the spawned servers.
    const setup = await TestServer.start({ dataDir });
    const f: NegotiationFixture = await setupNegotiation(setup);
    await setup.stop();
    const notes: Record<string, string> = {};

    for (const [round, paragraphId] of [f.p[1], f.p[2], f.p[3]].entries()) {
      const crashing = await spawnServer(dataDir, { GAVEL_TEST_CRASH_AT: 'decision-before-text' });
      started.push(crashing);
      const note = `Views differed on this recommendation (round ${round + 1}).`;
      notes[paragraphId] = note;
      const chair = new ApiClient(crashing.url, f.chair.token);
      // The process dies after the decision is durable and before the text is edited: no answer comes.
      const answer = await chair
        .command(f.meetingId, {
          type: 'adoption.decide',
          doc: 'recommendations',
          paragraphIds: [paragraphId],
          outcome: 'no_consensus',
          disposition: 'keep',
          footnote: { target: { text: 'chapter IV' }, text: note },
        })
        .then(
          (r) => r.status,
          () => 'no answer',
        );
      expect(answer).toBe('no answer');
      await waitFor(() => crashing.child.signalCode !== null || crashing.child.exitCode !== null, 10_000, 'the crash');
      expect(crashing.child.signalCode).toBe('SIGKILL');

      const restartedAt = new Date().toISOString();
      const server = await spawnServer(dataDir);
      started.push(server);
      const secretariat = Object.assign(new ApiClient(server.url, f.secretariat.token), { session: f.secretariat.session });
      const text = await readText(secretariat, f.meetingId);
      // Every decision so far, each once: this round's recovered now, the earlier rounds' not doubled.
      for (const [pid, n] of Object.entries(notes)) {
        expect(text.footnotes.filter((x) => x.paragraphId === pid && x.text === n), n).toHaveLength(1);
      }
      const verify = await secretariat.request('GET', `/api/meetings/${f.meetingId}/ledger/verify`);
      expect(verify.body).toMatchObject({ ok: true, pendingDecisions: [] });
      // It was the restarted server that wrote this round's edit, naming the decision.
      const events = (await secretariat.request('GET', `/api/meetings/${f.meetingId}/events`)).body.events as { seq: number; type: string }[];
      const decision = events.filter((e) => e.type === 'ParagraphStatusSet').at(-1)!;
      const exported = (await (await fetch(`${server.url}/api/meetings/${f.meetingId}/ledger`, { headers: { authorization: `Bearer ${f.secretariat.token}` } })).text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const edits = exported.filter((l) => l.textUpdate?.cause === decision.seq);
      expect(edits).toHaveLength(1);
      expect(edits[0].textUpdate.at >= restartedAt).toBe(true);
      await server.kill('SIGTERM');
    }
  });
});
