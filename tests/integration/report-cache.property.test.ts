/**
 * The report's viewers share one assembled report per version of the
 * meeting (issue 14, server/export/report-cache.ts), the signed head is
 * signed once per head, and the meeting's document names are kept instead of
 * asked of the store per request.
 *
 * Property: after random steps (edits of the recommendations, the first and
 * later words of the introduction and of a summary, paragraphs' statuses set
 * by the chair, delegations registered, the texts reloaded from the store), the
 * report a viewer gets (`format=json`, the report view's request, with the
 * ETag of its last answer) is what a fresh build gives at that moment, its
 * signed head names the ledger's and the texts' heads as they are, and a 304
 * is answered only when the viewer's last report is still the fresh one.
 *
 * And: thirty viewers asking at once after a keystroke cost one assembly;
 * the compressed answers are the same JSON. While the pen-holder types and
 * viewers ask each at its own moment (the report built at most once per
 * reportEveryMs, here 100 ms), every answer holds every keystroke
 * acknowledged before its request, and once typing stops the next is a
 * fresh build's.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { $replaceWithBlocks } from '@gavel/shared/editor/build';
import { $insertParagraphAfter } from '@gavel/shared/editor/edits';
import type { Lang, SignedHead } from '@gavel/shared';
import { buildReport } from '@gavel/server/export/report';
import { signedHeadValid } from '@gavel/server/record/service';
import { $apply, $startingText, edit } from '@gavel/server/drafting/random-edits';
import { DraftClient } from '../support/draft-client';
import { setupMeeting, type MeetingFixture, type SignedIn } from '../support/fixtures';
import { ok } from '../support/negotiation';
import { TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  // A report is built at most every 100 ms (the production default is 1 s): a read soon after another waits for the next build.
  server = await TestServer.start({ config: { exportsPerMinute: 1_000_000, signinPerCode: 1_000_000, reportEveryMs: 100 } });
});
afterAll(async () => {
  await server?.stop();
});

/** A meeting with an item taken up (its summary has a place in IV) and the recommendations' pen-holder (the secretariat) connected. */
async function meeting() {
  const f = await setupMeeting(server);
  const chair = await server.signIn(f.meetingId, f.chairCode.code, 'Chair');
  const [added] = await ok(f.secretariat.command(f.meetingId, { type: 'agenda.addItem', title: 'Non-punishment of victims' }), 'item');
  const itemId = (added.payload as { item: { id: string } }).item.id;
  await ok(chair.command(f.meetingId, { type: 'meeting.open' }), 'open');
  await ok(chair.command(f.meetingId, { type: 'agenda.adopt' }), 'adopt');
  await ok(chair.command(f.meetingId, { type: 'agenda.takeUp', itemId }), 'take up');
  const texts = new Texts(f, ['recommendations', 'introduction', `summary:${itemId}`]);
  return { f, chair, itemId, texts };
}

/** The secretariat's editors of the meeting's texts, opened when first written; one is opened again after a refusal (its copy went its own way). */
class Texts {
  private readonly open = new Map<string, DraftClient>();
  constructor(
    private readonly f: MeetingFixture,
    readonly names: string[],
  ) {}
  async client(doc: string): Promise<DraftClient> {
    let c = this.open.get(doc);
    if (!c) this.open.set(doc, (c = await DraftClient.open(server.url, this.f.secretariat.token!, doc)));
    return c;
  }
  async edit(doc: string, fn: () => void): Promise<void> {
    const ack = await (await this.client(doc)).edit(fn);
    if (!ack.ok) this.reopen(doc);
  }
  reopen(doc: string): void {
    this.open.get(doc)?.close();
    this.open.delete(doc);
  }
  close(): void {
    for (const doc of [...this.open.keys()]) this.reopen(doc);
  }
}

async function fetchReport(f: MeetingFixture, lang: Lang, etag?: string, encoding = 'identity') {
  const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/report?format=json&lang=${lang}`, {
    headers: { authorization: `Bearer ${f.secretariat.token}`, 'accept-encoding': encoding, ...(etag ? { 'if-none-match': etag } : {}) },
  });
  return { status: res.status, etag: res.headers.get('etag') ?? undefined, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The report as a fresh build gives it now (what the route sent before issue 14), as JSON would carry it. */
async function fresh(meetingId: string, lang: Lang) {
  const state = (await server.gavel.meetings.state(meetingId))!;
  return JSON.parse(JSON.stringify(await buildReport(server.gavel.docs, meetingId, state, lang)));
}

const step = fc.oneof(
  { arbitrary: fc.record({ edit }), weight: 4 },
  { arbitrary: fc.record({ write: fc.constantFrom('introduction', 'summary'), word: fc.constantFrom('Noted.', 'ع', 'The group met.') }), weight: 2 },
  { arbitrary: fc.record({ status: fc.record({ at: fc.nat(10), to: fc.constantFrom('adopted', 'deleted', 'drafting', 'no_consensus') }) }), weight: 2 },
  { arbitrary: fc.record({ register: fc.constantFrom('036', '076', '124') }), weight: 1 },
  { arbitrary: fc.record({ reload: fc.constant(true) }), weight: 1 },
  { arbitrary: fc.record({ read: fc.constantFrom<Lang>('en', 'ar') }), weight: 4 },
);

describe('the report kept for its viewers', () => {
  it('is what a fresh build gives, after random edits, statuses, items and reloads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const { f, chair, itemId, texts } = await meeting();
        const last = new Map<Lang, { etag?: string; report: unknown }>();
        try {
          await texts.edit('recommendations', $startingText);
          for (const s of [...steps, { read: 'en' as const }]) {
            if ('edit' in s) await texts.edit('recommendations', () => $apply(s.edit));
            else if ('write' in s) {
              const doc = s.write === 'summary' ? `summary:${itemId}` : 'introduction';
              // The first words make the text (it is stored from then on), then a paragraph more each time.
              const lastUnit = (await texts.client(doc)).read().units.at(-1);
              await texts.edit(doc, () =>
                lastUnit ? $insertParagraphAfter(lastUnit.id, [s.word]) : $replaceWithBlocks([{ kind: 'paragraph', runs: [{ text: s.word }], source: null }]),
              );
            } else if ('status' in s) {
              const units = (await texts.client('recommendations')).read().units;
              const unit = units[s.status.at % Math.max(1, units.length)];
              // Refused (an adopted paragraph, say) or not: the report follows the ledger either way.
              if (unit) await chair.command(f.meetingId, { type: 'paragraph.setStatus', doc: 'recommendations', paragraphIds: [unit.id], status: s.status.to });
            } else if ('register' in s) {
              // A delegation more in the attendance (III); registered once, refused after.
              await f.secretariat.command(f.meetingId, { type: 'delegation.registerMany', delegations: [{ category: 'state_party', m49: s.register }] });
            } else if ('reload' in s) {
              // The texts are read again from the store before their next use (as when a node takes a meeting over).
              server.gavel.docs.ownerChanged(f.meetingId);
            } else {
              const before = last.get(s.read);
              const got = await fetchReport(f, s.read, before?.etag);
              const expected = await fresh(f.meetingId, s.read);
              if (got.status === 304) {
                expect(before?.report).toEqual(expected);
                continue;
              }
              expect(got.status).toBe(200);
              const { recordHead, ...report } = JSON.parse(got.bytes.toString('utf8')) as { recordHead: SignedHead };
              expect(report).toEqual(expected);
              // The head it carries is the record's head now, signed.
              expect(signedHeadValid(recordHead)).toBe(true);
              expect(recordHead.head.ledger).toEqual(await server.gavel.meetings.head(f.meetingId));
              expect(recordHead.head.texts).toEqual(await server.gavel.docs.heads(f.meetingId));
              expect(Object.keys(recordHead.head.texts).sort()).toEqual((await server.gavel.store.docNames(f.meetingId)).filter((d) => !d.startsWith('amendment:')));
              last.set(s.read, { etag: got.etag, report });
            }
          }
        } finally {
          texts.close();
        }
      }),
      // Always tried: a text written for the first time after the report was read (its name is new to the kept list).
      { numRuns: 12, examples: [[[{ read: 'en' }, { write: 'introduction', word: 'Noted.' }]]] },
    );
  }, 300_000);

  it('answers thirty viewers asking at once with one assembly, 304 to a viewer that has it, and the same JSON compressed', async () => {
    const { f, texts } = await meeting();
    try {
      await texts.edit('recommendations', $startingText);
      const first = await fetchReport(f, 'en');
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      // Nothing changed: the viewer's copy is the report.
      expect((await fetchReport(f, 'en', first.etag)).status).toBe(304);

      // A keystroke: one viewer's reading of the texts is the cost of one assembly.
      const type = (word: string) => texts.edit('recommendations', () => $apply({ kind: 'type', at: 0, other: 0, word }));
      await type(' shall');
      const read = vi.spyOn(server.gavel.docs, 'read');
      try {
        const one = await fetchReport(f, 'en', first.etag);
        expect(one.status).toBe(200);
        expect(one.etag).not.toBe(first.etag);
        const perAssembly = read.mock.calls.length;
        expect(perAssembly).toBeGreaterThan(0);
        await type(' [must]');
        read.mockClear();
        const thirty = await Promise.all(Array.from({ length: 30 }, () => fetchReport(f, 'en', one.etag)));
        expect(thirty.map((r) => r.status)).toEqual(Array(30).fill(200));
        expect(new Set(thirty.map((r) => r.etag)).size).toBe(1);
        expect(read.mock.calls.length).toBe(perAssembly);
        const json = thirty[0].bytes.toString('utf8');
        expect(json).toContain('[must]');

        // Compressed (once per encoding): the same JSON once fetch has decompressed it.
        const br = await fetchReport(f, 'en', undefined, 'br');
        expect(br.headers.get('content-encoding')).toBe('br');
        expect(br.bytes.toString('utf8')).toBe(json);
        const gzip = await fetchReport(f, 'en', undefined, 'gzip, deflate');
        expect(gzip.headers.get('content-encoding')).toBe('gzip');
        expect(gzip.bytes.toString('utf8')).toBe(json);
        expect(br.etag).toBe(thirty[0].etag);
      } finally {
        read.mockRestore();
      }
    } finally {
      texts.close();
    }
  }, 60_000);

  it('while the pen-holder types, gives each viewer asking at its own moment a report holding every keystroke acknowledged before it asked, and builds it at most once per period', async () => {
    const { f, texts } = await meeting();
    try {
      await texts.edit('recommendations', $startingText);
      await fetchReport(f, 'en');
      const read = vi.spyOn(server.gavel.docs, 'read');
      try {
        const perAssembly = await (async () => {
          await texts.edit('recommendations', () => $apply({ kind: 'type', at: 0, other: 0, word: ' kwx' }));
          await new Promise((r) => setTimeout(r, 120));
          read.mockClear();
          await fetchReport(f, 'en');
          return read.mock.calls.length;
        })();
        read.mockClear();
        const started = performance.now();
        const typed: string[] = [];
        const asked: { words: string[]; answer: ReturnType<typeof fetchReport> }[] = [];
        for (let i = 0; i < 12; i++) {
          const word = ` kw${i}x`;
          await texts.edit('recommendations', () => $apply({ kind: 'type', at: 0, other: 0, word }));
          typed.push(word.trim());
          // Two viewers at their own moments after each acknowledged keystroke, not waiting for their answers.
          for (let v = 0; v < 2; v++) asked.push({ words: [...typed], answer: fetchReport(f, 'en') });
          await new Promise((r) => setTimeout(r, 15));
        }
        const answers = await Promise.all(asked.map((a) => a.answer));
        const elapsed = performance.now() - started;
        answers.forEach((got, i) => {
          expect(got.status).toBe(200);
          const json = got.bytes.toString('utf8');
          for (const word of asked[i]!.words) expect(json).toContain(word);
        });
        // At most one build per 100 ms (the first may start at once), however many asked.
        expect(read.mock.calls.length / perAssembly).toBeLessThanOrEqual(Math.floor(elapsed / 100) + 1);
        // Typing over: the next viewer gets a fresh build's report.
        const { recordHead: _, ...last } = JSON.parse((await fetchReport(f, 'en')).bytes.toString('utf8')) as { recordHead: unknown };
        expect(last).toEqual(await fresh(f.meetingId, 'en'));
      } finally {
        read.mockRestore();
      }
    } finally {
      texts.close();
    }
  }, 60_000);
});
