/**
 * Drafting an amendment with the real server: the draft starts from the
 * paragraph's current words, private to the sponsoring delegation, two of
 * its members write it together in real time; tabled, it becomes public (in
 * the ledger, and as tracked changes against the paragraph as it reads now);
 * revised, every version is kept; withdrawn or decided, the draft is
 * read-only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { $readStructure } from '@gavel/shared/editor/content';
import { $appendToParagraph, $insertParagraphAfter } from '@gavel/shared/editor/edits';
import type { Amendment, LedgerEvent } from '@gavel/shared';
import { DraftClient } from '../support/draft-client';
import { NON_PUNISHMENT, ok, openDraft, readText, setupNegotiation, startAmendment, writeDraft, type NegotiationFixture } from '../support/negotiation';
import { TestServer, waitFor } from '../support/server';

let server: TestServer;
let f: NegotiationFixture;
const open: DraftClient[] = [];

beforeAll(async () => {
  server = await TestServer.start();
  f = await setupNegotiation(server);
});
afterAll(async () => {
  for (const c of open) c.close();
  await server.stop();
});

const amendment = async (id: string) => (await server.gavel.meetings.state(f.meetingId))!.negotiation.amendments[id] as Amendment;

describe('a delegation drafts an amendment', () => {
  let id: string;
  let kari: DraftClient;
  let ola: DraftClient;

  it('starts from the paragraph as it reads now; the ledger says only that Norway has a draft', async () => {
    id = await startAmendment(f.norway.client, f.meetingId, { kind: 'change', paragraphId: f.p[1] });
    const events: LedgerEvent[] = await server.gavel.store.readEvents(f.meetingId);
    const started = events.at(-1)!;
    expect(started).toMatchObject({ type: 'AmendmentDraftStarted', payload: { amendmentId: id, delegationId: f.norway.delegationId, origin: 'delegation' } });
    // Nothing about what it amends: not the paragraph, not its kind, not its words.
    expect(JSON.stringify(started.payload)).not.toContain(f.p[1]);
    expect(await amendment(id)).toMatchObject({ status: 'drafting', kind: null, target: null });

    kari = await openDraft(server, f.norway.client, id);
    open.push(kari);
    expect(kari.canWrite).toBe(true);
    expect(kari.read().units.map((u) => u.text)).toEqual([NON_PUNISHMENT]);
  });

  it('lets two members of the delegation write it together, each seeing the other live', async () => {
    const second = await server.signIn(f.meetingId, f.own.spareCode.code, 'Ola Nordmann');
    ola = await openDraft(server, second, id);
    open.push(ola);
    const pid = kari.text.editor.read(() => $readStructure().paragraphIds[0]);
    expect(await kari.edit(() => $appendToParagraph(pid, [' They should do so without delay.']))).toEqual({ ok: true });
    await waitFor(() => ola.read().units[0]?.text.endsWith('without delay.'), 5_000, 'Ola to see Kari');
    const words = NON_PUNISHMENT.replace('should implement', 'shall implement');
    await writeDraft(ola, `${words} They should do so without delay.`);
    await waitFor(() => kari.read().units[0]?.text.startsWith('The Working Group reiterates that States parties shall'), 5_000, 'Kari to see Ola');
    // Still private: the public text is unchanged.
    expect((await readText(f.secretariat, f.meetingId)).paragraphs[0].text).toBe(NON_PUNISHMENT);
  });

  it('tables it: the words become public in the ledger, shown as tracked changes to everyone', async () => {
    const events = await ok(f.norway.client.command(f.meetingId, { type: 'amendment.table', amendmentId: id, note: 'Binding language.' }));
    expect(events.map((e) => e.type)).toEqual(['AmendmentTabled']);
    const tabled = events[0] as Extract<LedgerEvent, { type: 'AmendmentTabled' }>;
    expect(tabled.actor).toMatchObject({ role: 'delegate', delegationId: f.norway.delegationId, name: 'Kari Nordmann' });
    expect(tabled.payload).toMatchObject({ kind: 'change', target: { paragraphId: f.p[1] }, version: { version: 1, note: 'Binding language.' } });
    expect(tabled.payload.version.base).toEqual({ inlines: [{ text: NON_PUNISHMENT }] });
    expect(tabled.payload.version.proposed).toEqual({
      inlines: [{ text: `${NON_PUNISHMENT.replace('should implement', 'shall implement')} They should do so without delay.` }],
    });

    const seen = await f.egypt.client.request('GET', `/api/meetings/${f.meetingId}/amendments/${id}`);
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    expect(seen.body.tracked.map((p: { op: string; text: string }) => [p.op, p.text])).toEqual([
      ['same', 'The Working Group reiterates that States parties '],
      ['delete', 'should'],
      ['insert', 'shall'],
      ['same', ' implement the recommendations on non-punishment and non-prosecution of victims adopted at its first meeting.'],
      ['insert', ' They should do so without delay.'],
    ]);
  });

  it('keeps every version when Norway revises, and the draft goes on as its workspace', async () => {
    await writeDraft(kari, NON_PUNISHMENT.replace('should implement', 'shall implement'));
    await ok(f.norway.client.command(f.meetingId, { type: 'amendment.revise', amendmentId: id }));
    const a = await amendment(id);
    expect(a.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(a.versions[1].proposed).toEqual({ inlines: [{ text: NON_PUNISHMENT.replace('should implement', 'shall implement') }] });
    expect(a.versions[1].base).toEqual(a.versions[0].base);
    const same = await f.norway.client.command(f.meetingId, { type: 'amendment.revise', amendmentId: id });
    expect(same.status).toBe(409);
    expect(same.body.error.message).toMatch(/reads as version 2/);
  });

  it('makes the draft read-only once withdrawn', async () => {
    await ok(f.norway.client.command(f.meetingId, { type: 'amendment.withdraw', amendmentId: id, reason: 'Overtaken.' }));
    await waitFor(() => !kari.canWrite && !ola.canWrite, 5_000, 'doc:writable(false) to both drafters');
    const pid = kari.text.editor.read(() => $readStructure().paragraphIds[0]);
    const ack = await kari.edit(() => $appendToParagraph(pid, [' Too late.']));
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses to table a draft with two paragraphs, saying why', async () => {
    const other = await startAmendment(f.norway.client, f.meetingId, { kind: 'insert', place: { after: f.p[1] }, text: 'A new recommendation.' });
    const draft = await openDraft(server, f.norway.client, other);
    open.push(draft);
    const first = draft.text.editor.read(() => $readStructure().paragraphIds[0]);
    expect(await draft.edit(() => $appendToParagraph(first, [' More.']))).toEqual({ ok: true });
    expect(await draft.edit(() => $insertParagraphAfter(first, ['Second.']))).toEqual({ ok: true });
    const res = await f.norway.client.command(f.meetingId, { type: 'amendment.table', amendmentId: other });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/more than one paragraph/);
  });
});
