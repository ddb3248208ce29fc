import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Actor, DomainEvent, LedgerEvent } from '@gavel/shared';

/** The hash that the first event of every ledger chains to. */
export const GENESIS_HASH = '0'.repeat(64);

type Unhashed = Omit<LedgerEvent, 'hash'>;

/** A text's head (its last update's seq and hash) at a moment the ledger binds, by document name. */
export type TextAnchors = Record<string, { seq: number; hash: string }>;

/**
 * Events that fix words: they carry the heads of the meeting's texts as they
 * stood when decided, so that the adopted words are bound to the ledger (an
 * edit the decision makes follows as a text update naming the event as its
 * `cause`).
 */
export const ANCHORED_EVENTS: ReadonlySet<string> = new Set(['ParagraphStatusSet', 'AmendmentDecided', 'BracketLifted', 'ReportAdopted']);

/** sha256(prevHash + canonical JSON of the event without its own hash). */
export function hashEvent(event: Unhashed): string {
  const { meetingId, seq, type, payload, actor, at, prevHash, anchors } = event;
  const hashed: Record<string, unknown> = { meetingId, seq, type, payload, actor, at, prevHash };
  // Events recorded before anchors existed hash as they always did. (Set, not spread: V8 copies
  // an object through a spread several times slower, and canonical JSON sorts the keys anyway.)
  if (anchors) hashed.anchors = anchors;
  const canonical = canonicalize(hashed);
  if (canonical === undefined) throw new Error('event cannot be serialized');
  return sha256Hex(prevHash + canonical);
}

/** sha256 in hex, in one call (a Hash object per event cost more than the digest itself). */
const sha256Hex = (data: string | Uint8Array): string => hash('sha256', data, 'hex');

/** Numbers, stamps and chains freshly decided events after (seq, prevHash). */
export function sealEvents(
  meetingId: string,
  after: { seq: number; hash: string },
  events: DomainEvent[],
  actor: Actor,
  at: string,
  anchors?: TextAnchors,
): LedgerEvent[] {
  let prevHash = after.hash;
  return events.map((e, i) => {
    // The keys in the order a spread of the event would give them (the stored JSON is unchanged), written
    // out: a domain event is its type and payload, and a spread here cost more than the hash.
    const sealed = { type: e.type, payload: e.payload, meetingId, seq: after.seq + i + 1, actor, at, prevHash } as Unhashed & { hash: string };
    if (anchors && ANCHORED_EVENTS.has(e.type)) sealed.anchors = anchors;
    // Hashed as it stands, then given its hash (last, as before): one object per event.
    sealed.hash = hashEvent(sealed);
    prevHash = sealed.hash;
    return sealed as LedgerEvent;
  });
}

export type LedgerCheck =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Where a walk of a chain starts: the genesis, or a link already trusted (a signed checkpoint's). */
export interface ChainStart {
  seq: number;
  hash: string;
}
const GENESIS: ChainStart = { seq: 0, hash: GENESIS_HASH };

/** Walks a ledger (from its first event, or from a trusted link) and names the first event whose link does not hold. */
export function verifyChain(events: readonly LedgerEvent[], from: ChainStart = GENESIS): LedgerCheck {
  let prevHash = from.hash;
  for (const [i, e] of events.entries()) {
    const fail = (reason: string): LedgerCheck => ({ ok: false, events: events.length, brokenAt: e.seq, reason });
    if (e.seq !== from.seq + i + 1) return fail(`expected event ${from.seq + i + 1}, found ${e.seq}`);
    if (e.prevHash !== prevHash) return fail('does not chain to the event before it');
    if (hashEvent(e) !== e.hash) return fail('its content does not match its hash');
    prevHash = e.hash;
  }
  return { ok: true, events: events.length, head: prevHash };
}

/** What a text update's hash covers: everything stored with it but its own hash. */
export interface DocLink {
  meetingId: string;
  docName: string;
  seq: number;
  at: string;
  actor: Actor;
  cause?: number;
  update: Uint8Array;
  prevHash: string;
}

/**
 * sha256(prevHash + canonical JSON of the update's record, the update's bytes
 * as their own sha256): a text's updates form a chain like the ledger's
 * events, checked offline by `scripts/verify-record.mjs` the same way.
 */
export function hashDocUpdate(link: DocLink): string {
  const { meetingId, docName, seq, at, actor, cause, update, prevHash } = link;
  const canonical = canonicalize({
    meetingId,
    docName,
    seq,
    at,
    actor,
    cause: cause ?? null,
    update: sha256Hex(update),
  });
  if (canonical === undefined) throw new Error('update cannot be serialized');
  return sha256Hex(prevHash + canonical);
}

export type DocChainCheck =
  | { ok: true; updates: number; head: string }
  | { ok: false; updates: number; brokenAt: number; reason: string };

/** Walks a text's updates (from its first, or from a trusted link) and names the first whose link does not hold. */
export function verifyDocChain(
  meetingId: string,
  docName: string,
  updates: readonly (Omit<DocLink, 'meetingId' | 'docName'> & { hash: string })[],
  from: ChainStart = GENESIS,
): DocChainCheck {
  let prevHash = from.hash;
  for (const [i, u] of updates.entries()) {
    const fail = (reason: string): DocChainCheck => ({ ok: false, updates: updates.length, brokenAt: u.seq, reason });
    if (u.seq !== from.seq + i + 1) return fail(`expected update ${from.seq + i + 1}, found ${u.seq}`);
    if (u.prevHash !== prevHash) return fail('does not chain to the update before it');
    if (hashDocUpdate({ ...u, meetingId, docName }) !== u.hash) return fail('its content does not match its hash');
    prevHash = u.hash;
  }
  return { ok: true, updates: updates.length, head: prevHash };
}
