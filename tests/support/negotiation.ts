/**
 * A meeting set up to negotiate: the fixture meeting (Norway and Egypt,
 * parties) plus Pakistan and Iran (parties), Germany (signatory) and the
 * Holy See (observer State), each with a signed-in delegate; the chair signed
 * in; and the draft recommendations imported by the secretariat, with the
 * non-punishment paragraph.
 */
import { expect } from 'vitest';
import type { LedgerEvent, WordPart } from '@gavel/shared';
import { $readStructure, $writeParagraphContent } from '@gavel/shared/editor/content';
import { richFromText, type RichParagraph } from '@gavel/shared';
import { DraftClient } from './draft-client';
import { setupMeeting, type MeetingFixture, type SignedIn } from './fixtures';
import type { ApiClient, TestServer } from './server';

export const NON_PUNISHMENT =
  'The Working Group reiterates that States parties should implement the recommendations on non-punishment and non-prosecution of victims adopted at its first meeting.';

export const DRAFT = [
  'D. Non-punishment and non-prosecution of victims',
  '1. Implementation',
  `50. ${NON_PUNISHMENT}`,
  '51. States parties should establish appropriate procedures for identifying victims.',
  '52. States parties should consider, to the extent possible, providing legal assistance to victims.',
].join('\n');

export interface Party {
  delegationId: string;
  client: SignedIn;
}

export interface NegotiationFixture extends MeetingFixture {
  chair: SignedIn;
  norway: Party;
  egypt: Party;
  pakistan: Party;
  iran: Party;
  germany: Party;
  holySee: Party;
  /** Paragraph ids by number in the imported draft. */
  p: Record<number, string>;
}

export async function ok(res: Promise<{ status: number; body: any }>, what = 'command'): Promise<LedgerEvent[]> {
  const r = await res;
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body.events as LedgerEvent[];
}

/** The chair calls the speakers on an item's list in turn, as the console does (with who it shows on the floor). */
export async function hearSpeakers(chair: ApiClient, meetingId: string, itemId: string, turns: number): Promise<void> {
  let onFloor: string | null = null;
  for (let turn = 0; turn < turns; turn++) {
    const events = await ok(chair.command(meetingId, { type: 'speakers.next', itemId, expectedCurrent: onFloor }), `next ${turn}`);
    const given = events.find((e) => e.type === 'FloorGiven');
    onFloor = given?.type === 'FloorGiven' ? given.payload.entryId : null;
  }
}

/** The secretariat imports the recommendations as plain text with numbered paragraphs. */
export async function importRecommendations(secretariat: ApiClient, meetingId: string, text: string): Promise<void> {
  const imported = await secretariat.request('POST', `/api/meetings/${meetingId}/drafts/recommendations/import?format=text`, text, {
    'content-type': 'text/plain',
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
}

export async function setupNegotiation(server: TestServer): Promise<NegotiationFixture> {
  const f = await setupMeeting(server);
  const run = (command: Record<string, unknown>) => ok(f.secretariat.command(f.meetingId, command), String(command.type));
  const chair = await server.signIn(f.meetingId, f.chairCode.code, 'Dominika Krois');
  const more: Record<string, Party> = {};
  for (const [key, m49, category] of [
    ['pakistan', '586', 'state_party'],
    ['iran', '364', 'state_party'],
    ['germany', '276', 'signatory'],
    ['holySee', '336', 'observer_state'],
  ] as const) {
    const [registered] = await run({ type: 'delegation.register', delegation: { category, m49 } });
    const delegationId = (registered.payload as { delegation: { id: string } }).delegation.id;
    const issued = await f.secretariat.command(f.meetingId, { type: 'access.issue', role: 'delegate', delegationId });
    more[key] = { delegationId, client: await server.signIn(f.meetingId, issued.body.issuedCodes[0].code, `Delegate of ${key}`) };
  }
  const norway = { delegationId: f.own.delegationId, client: await server.signIn(f.meetingId, f.own.code.code, 'Kari Nordmann') };
  const egypt = { delegationId: f.other.delegationId, client: await server.signIn(f.meetingId, f.other.code.code, 'Amina Hassan') };

  const imported = await f.secretariat.request('POST', `/api/meetings/${f.meetingId}/drafts/recommendations/import?format=text`, DRAFT, {
    'content-type': 'text/plain',
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const text = await readText(f.secretariat, f.meetingId);
  const p: Record<number, string> = {};
  for (const para of text.paragraphs) p[para.number] = para.id;
  return { ...f, chair, norway, egypt, ...(more as Record<'pakistan' | 'iran' | 'germany' | 'holySee', Party>), p };
}

export async function readText(client: SignedIn, meetingId: string, doc = 'recommendations') {
  const res = await client.request('GET', `/api/meetings/${meetingId}/drafts/${doc}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { paragraphs: { id: string; number: number; status: string; text: string; parts: WordPart[] }[]; footnotes: { number: number; paragraphId: string; text: string }[]; html: string; text: string };
}

export async function paragraphText(client: SignedIn, meetingId: string, paragraphId: string, doc = 'recommendations'): Promise<string | undefined> {
  return (await readText(client, meetingId, doc)).paragraphs.find((x) => x.id === paragraphId)?.text;
}

/** Starts a draft; its amendment id. */
export async function startAmendment(client: SignedIn, meetingId: string, command: Record<string, unknown>): Promise<string> {
  const events = await ok(client.command(meetingId, { type: 'amendment.start', doc: 'recommendations', ...command }), 'amendment.start');
  const started = events.find((e) => e.type === 'AmendmentDraftStarted')!;
  return (started.payload as { amendmentId: string }).amendmentId;
}

/** Opens an amendment's draft as a Lexical editor over Yjs (the sponsor's browser, in Node). */
export function openDraft(server: TestServer, client: SignedIn, amendmentId: string): Promise<DraftClient> {
  return DraftClient.open(server.url, client.token!, `amendment:${amendmentId}`);
}

/** Replaces the draft's words, as the sponsor typing would. */
export async function writeDraft(draft: DraftClient, words: string | RichParagraph): Promise<void> {
  const pid = draft.text.editor.read(() => $readStructure().paragraphIds[0]);
  const ack = await draft.edit(() => $writeParagraphContent(pid, typeof words === 'string' ? richFromText(words) : words));
  expect(ack, JSON.stringify(ack)).toEqual({ ok: true });
}

/** Drafts and tables an amendment in one go; its id. */
export async function tableAmendment(
  server: TestServer,
  party: Party,
  meetingId: string,
  start: Record<string, unknown>,
  words?: string,
): Promise<string> {
  const id = await startAmendment(party.client, meetingId, start);
  if (words !== undefined) {
    const draft = await openDraft(server, party.client, id);
    try {
      await writeDraft(draft, words);
    } finally {
      draft.close();
    }
  }
  await ok(party.client.command(meetingId, { type: 'amendment.table', amendmentId: id }), 'amendment.table');
  return id;
}
