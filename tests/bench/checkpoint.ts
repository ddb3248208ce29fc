/**
 * What a text's checkpoint holds the event loop (`pnpm bench:checkpoint`,
 * issue 14). A script that prints figures, not a test.
 *
 *   pnpm bench:checkpoint [--updates 10000] [--rounds 4] [--every 500]
 *
 * A text of 60 imported paragraphs and `--updates` keystrokes typed into its
 * last ten by four clients (as bench:late makes it), on a server in this
 * process whose own checkpoints are off. Then, each round, `--every` more
 * keystrokes and a checkpoint (the first round's from nothing, the next from
 * the previous one), measured two ways on the same inputs:
 *   on the loop    the build as the event loop made it before (the previous
 *                  checkpoint and the updates after it applied to a fresh
 *                  Y.Doc, encoded), timed here on the event loop, 3 times;
 *   DocService     `checkpointNow` as the server makes it now (read, checked,
 *                  built in the checkpoints' thread, signed, saved): its
 *                  time to the end and the event loop's longest wait meanwhile
 *                  (a 1 ms timer's largest gap, and monitorEventLoopDelay's max).
 */
import { loadavg, cpus } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { docx, type DocxParagraph } from '@gavel/server/drafting/docx-fixture';
import { buildCheckpoint, packJob } from '@gavel/server/docs/checkpoints';
import { $appendToParagraph } from '@gavel/shared/editor/edits';
import { arg } from './args';
import { setupMeeting } from '../support/fixtures';
import { DraftClient } from '../support/draft-client';
import { TestServer } from '../support/server';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DOC = 'recommendations';

/** `count` keystrokes from four connections at once, each below the server's message rate per connection. */
async function typeHistory(url: string, token: string, paragraphIds: string[], count: number): Promise<void> {
  const connections = 4;
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      const client = await DraftClient.open(url, token);
      const mine = paragraphIds.filter((_, i) => i % connections === c);
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < count / connections; i++) {
        await new Promise((r) => setTimeout(r, 1000 / 140));
        if (pending.length >= 20) await pending.shift();
        pending.push(client.edit(() => $appendToParagraph(mine[i % mine.length]!, ['xyz '[i % 4]!])));
      }
      await Promise.all(pending);
      client.close();
    }),
  );
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const f = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const updates = arg('updates', 10_000);
  const rounds = arg('rounds', 4);
  const every = arg('every', 500);
  console.log(`Gavel checkpoint benchmark on ${cpus().length} cores, Node ${process.version}; load average ${load()}`);
  const server = await TestServer.start({ config: { signinPerCode: 1_000_000 }, docs: { checkpointEvery: 1e9, checkpointIdleMs: 3_600_000 } });
  try {
    const m = await setupMeeting(server);
    const paragraphs: DocxParagraph[] = Array.from({ length: 60 }, (_, i) => ({
      runs: [{ text: `${i + 1}. The Working Group recommends that States parties consider measures on the matter of paragraph ${i + 1}, in accordance with their domestic law.` }],
    }));
    const imported = await fetch(`${server.url}/api/meetings/${m.meetingId}/drafts/${DOC}/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${m.secretariat.token}`, 'content-type': DOCX },
      body: new Uint8Array(docx(paragraphs)),
    });
    if (imported.status !== 200) throw new Error(`import: ${imported.status}`);
    const pen = await DraftClient.open(server.url, m.secretariat.token!);
    const ids = pen.read().units.map((u) => u.id).slice(50);
    pen.close();
    await typeHistory(server.url, m.secretariat.token!, ids, updates);
    const store = server.gavel.store;
    const docs = server.gavel.docs;
    console.log(`text: ${(await store.docHead(m.meetingId, DOC)).seq} stored updates; load average ${load()}`);
    console.log('\nround  from seq  updates  state KB   on the loop ms (3 runs)   checkpointNow ms   loop: longest timer gap / delay max ms');
    for (let r = 0; r < rounds; r++) {
      await typeHistory(server.url, m.secretariat.token!, ids, every);
      const previous = await store.readDocSnapshot(m.meetingId, DOC);
      const tail = await store.readDocUpdates(m.meetingId, DOC, previous?.seq ?? 0);
      const onLoop: number[] = [];
      let stateBytes = 0;
      for (let k = 0; k < 3; k++) {
        const started = performance.now();
        const built = buildCheckpoint(packJob(previous, tail.map((u) => ({ update: u.update, owner: u.actor.codeId ?? 'server' }))));
        onLoop.push(performance.now() - started);
        stateBytes = built.state.byteLength;
      }
      let longest = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const started = performance.now();
      await docs.checkpointNow(m.meetingId, DOC);
      const took = performance.now() - started;
      delay.disable();
      clearInterval(timer);
      const written = await store.readDocSnapshot(m.meetingId, DOC);
      if (written?.seq !== tail.at(-1)?.seq) throw new Error('no checkpoint written');
      console.log(
        `${String(r + 1).padStart(5)} ${String(previous?.seq ?? 0).padStart(9)} ${String(tail.length).padStart(8)} ${f(stateBytes / 1024).padStart(9)}   ${onLoop.map(f).join(' / ').padStart(24)}   ${f(took).padStart(16)}   ${f(longest)} / ${f(delay.max / 1e6)}${r === 0 ? ' (the thread started)' : ''}`,
      );
    }
    console.log(`load average at the end ${load()}`);
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
