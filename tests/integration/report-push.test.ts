/**
 * The report pushed to those who follow it (issue 14, server
 * realtime/report.ts; the web's report view follows it so): `report:watch`
 * with a language, and the server sends the report as it stands, then each
 * new version, built once for all its followers, at most once per
 * reportEveryMs (here 100 ms) while someone types.
 *
 * What a follower gets: the report a fresh build gives (with the record's
 * signed head) once the meeting stands still; while the pen-holder types,
 * every keystroke acknowledged is in a report pushed after it, and the
 * reports come in the order they were built. Only its own meeting's report
 * (the socket's session), only in the language it follows last, nothing after
 * `report:watch null`; arguments that are not a language are refused.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WS, type Lang, type Report, type ReportPush, type SignedHead } from '@gavel/shared';
import { buildReport } from '@gavel/server/export/report';
import { signedHeadValid } from '@gavel/server/record/service';
import { $apply, $startingText } from '@gavel/server/drafting/random-edits';
import { readReportPush } from '../../packages/web/src/views/report/push';
import { DraftClient } from '../support/draft-client';
import { connect, setupMeeting, type MeetingFixture } from '../support/fixtures';
import { ok } from '../support/negotiation';
import { TestServer, waitFor } from '../support/server';

let server: TestServer;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = await TestServer.start({ config: { exportsPerMinute: 1_000_000, signinPerCode: 1_000_000, reportEveryMs: 100 } });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.stop();
});

type Pushed = { push: ReportPush; report: Report & { recordHead?: SignedHead }; json: string };

/** A viewer's socket following the report in `lang`: the reports pushed to it, unpacked, in the order they came. */
async function follower(f: MeetingFixture, lang: Lang | null = 'en') {
  const viewer = await server.signIn(f.meetingId, f.viewerCode, `Viewer ${sockets.length + 1}`);
  const socket = await connect(server.url, { token: viewer.token! });
  sockets.push(socket);
  const got: Pushed[] = [];
  let reading = Promise.resolve();
  socket.on(WS.report, (push: ReportPush) => {
    // Unpacked one after another: the order they came in.
    reading = reading.then(async () => {
      const report = (await readReportPush(push)) as Pushed['report'];
      got.push({ push, report, json: JSON.stringify(report) });
    });
  });
  const watch = (l: unknown) => socket.emitWithAck(WS.reportWatch, l) as Promise<{ ok: boolean; error?: { code: string } }>;
  if (lang) expect(await watch(lang)).toEqual({ ok: true });
  return { socket, got, watch, settled: () => reading };
}

/** The report as a fresh build gives it now, as JSON carries it. */
async function fresh(meetingId: string, lang: Lang) {
  const state = (await server.gavel.meetings.state(meetingId))!;
  return JSON.parse(JSON.stringify(await buildReport(server.gavel.docs, meetingId, state, lang)));
}

const withoutHead = ({ recordHead: _, ...report }: Pushed['report']) => report;
const type = (pen: DraftClient, word: string) => pen.edit(() => $apply({ kind: 'type', at: 0, other: 0, word }));

describe('the report pushed to its followers', () => {
  it('sends the report as it stands, then every keystroke in a report pushed after its acknowledgement, in order, and a fresh build once typing stops', async () => {
    const f = await setupMeeting(server);
    const pen = await DraftClient.open(server.url, f.secretariat.token!);
    try {
      expect((await pen.edit($startingText)).ok).toBe(true);
      const v = await follower(f);
      const first = await waitFor(() => v.got[0], 5_000, 'the first report');
      expect(withoutHead(first.report)).toEqual(await fresh(f.meetingId, 'en'));
      expect(first.push.lang).toBe('en');
      // Large enough to be compressed (made once for everyone), its head the record's, signed.
      expect(first.push.encoding).toBe('gzip');
      expect(signedHeadValid(first.report.recordHead!)).toBe(true);

      // Typing: each keystroke acknowledged, then the next one 30 ms later.
      const acknowledged: { word: string; at: number }[] = [];
      for (let i = 0; i < 15; i++) {
        const word = `kw${i}x`;
        expect((await type(pen, ` ${word}`)).ok).toBe(true);
        acknowledged.push({ word, at: v.got.length });
        await new Promise((r) => setTimeout(r, 30));
      }
      // The last keystroke's report comes (at most 100 ms later, plus the build).
      await waitFor(() => v.got.at(-1)?.json.includes('kw14x'), 5_000, 'the last keystroke pushed');
      await v.settled();
      // Each keystroke is in every report pushed after its acknowledgement came back (none older came after it).
      for (const { word, at } of acknowledged) for (const later of v.got.slice(at + 1)) expect(later.json).toContain(word);
      // Built at most once per 100 ms: fewer reports than keystrokes.
      expect(v.got.length).toBeLessThan(1 + acknowledged.length);
      expect(new Set(v.got.map((g) => g.push.etag)).size).toBe(v.got.length);
      expect(withoutHead(v.got.at(-1)!.report)).toEqual(await fresh(f.meetingId, 'en'));
    } finally {
      pen.close();
    }
  }, 60_000);

  it('builds one report for thirty followers and sends each the same bytes, and follows the ledger too', async () => {
    const f = await setupMeeting(server);
    const pen = await DraftClient.open(server.url, f.secretariat.token!);
    try {
      expect((await pen.edit($startingText)).ok).toBe(true);
      const thirty = await Promise.all(Array.from({ length: 30 }, () => follower(f)));
      await waitFor(() => thirty.every((v) => v.got.length > 0), 10_000, 'the first reports');
      // (Each sign-in is an event of the meeting: those who followed first were sent the versions after.)
      await new Promise((r) => setTimeout(r, 300));
      expect(new Set(thirty.map((v) => v.got.at(-1)!.push.etag)).size).toBe(1);
      // No version sent twice to anyone.
      for (const v of thirty) expect(new Set(v.got.map((g) => g.push.etag)).size).toBe(v.got.length);
      const before = thirty.map((v) => v.got.length);

      const read = vi.spyOn(server.gavel.docs, 'read');
      try {
        expect((await type(pen, ' shall')).ok).toBe(true);
        await waitFor(() => thirty.every((v) => v.got.at(-1)?.json.includes('shall')), 10_000, 'the keystroke pushed to all');
        // One assembly read the text for all thirty, who have the same bytes.
        const reads = read.mock.calls.length;
        expect(reads).toBeGreaterThan(0);
        expect(reads).toBeLessThanOrEqual(2);
        const etags = new Set(thirty.map((v) => v.got.at(-1)!.push.etag));
        expect(etags.size).toBe(1);
        // One report more for each.
        expect(thirty.map((v) => v.got.length)).toEqual(before.map((n) => n + 1));
        expect(new Set(thirty.map((v) => Buffer.from(v.got.at(-1)!.push.body).toString('base64'))).size).toBe(1);
      } finally {
        read.mockRestore();
      }

      // An event of the meeting (a delegation registered, in the attendance): pushed too.
      await ok(f.secretariat.command(f.meetingId, { type: 'delegation.registerMany', delegations: [{ category: 'state_party', m49: '124' }] }), 'register');
      await waitFor(() => thirty.every((v) => v.got.at(-1)?.json.includes('Canada')), 10_000, 'the registration pushed');
      expect(withoutHead(thirty[0]!.got.at(-1)!.report)).toEqual(await fresh(f.meetingId, 'en'));
    } finally {
      pen.close();
    }
  }, 60_000);

  it("sends only the socket's own meeting, in the language it follows, nothing after it stops, and refuses what is not a language", async () => {
    const a = await setupMeeting(server);
    const b = await setupMeeting(server);
    const penA = await DraftClient.open(server.url, a.secretariat.token!);
    try {
      expect((await penA.edit($startingText)).ok).toBe(true);
      const inB = await follower(b);
      const arabic = await follower(a);
      const stopping = await follower(a);
      await waitFor(() => inB.got.length && arabic.got.length && stopping.got.length, 5_000, 'the first reports');
      // Another language: from then on that one only.
      expect(await arabic.watch('ar')).toEqual({ ok: true });
      const switched = await waitFor(() => arabic.got.findIndex((g) => g.push.lang === 'ar') + 1, 5_000, 'the report in Arabic');
      expect(arabic.got[switched - 1]!.report.lang).toBe('ar');
      expect(withoutHead(arabic.got[switched - 1]!.report)).toEqual(await fresh(a.meetingId, 'ar'));
      expect(await stopping.watch(null)).toEqual({ ok: true });

      for (const bad of ['xx', 'EN', 42, { lang: 'en' }, undefined]) {
        const refused = await stopping.watch(bad);
        expect(refused.ok).toBe(false);
        expect(refused.error?.code).toBe('invalid_command');
      }

      expect((await type(penA, ' kwarabic')).ok).toBe(true);
      await waitFor(() => arabic.got.at(-1)?.json.includes('kwarabic'), 5_000, 'the keystroke in Arabic');
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all([inB.settled(), stopping.settled(), arabic.settled()]);
      expect(arabic.got.slice(switched - 1).every((g) => g.push.lang === 'ar' && g.report.lang === 'ar')).toBe(true);
      // Meeting B's follower got B's report only; the one that stopped, nothing more.
      expect(inB.got).toHaveLength(1);
      expect(inB.got[0]!.json).not.toContain('kwarabic');
      expect(stopping.got).toHaveLength(1);
    } finally {
      penA.close();
    }
  }, 60_000);
});
