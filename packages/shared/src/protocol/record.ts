import { z } from 'zod';

/**
 * The record's head: where a meeting's ledger and each of its texts stood,
 * signed by the server. Every client keeps the latest it has seen and shows
 * it again when it reconnects; a server whose record no longer contains a
 * head it signed was cut or rewritten, and the client raises the alarm.
 */

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface RecordHead {
  meetingId: string;
  ledger: ChainHead;
  /** The meeting's texts (not amendments' private drafts), by document name. */
  texts: Record<string, ChainHead>;
  /** When the server signed it. */
  at: string;
}

export interface SignedHead {
  head: RecordHead;
  /** Ed25519 over the canonical JSON of { kind: 'gavel.head.v1', body: head }, base64. */
  signature: string;
  /** The signing key, base64 SPKI DER, and its short name. */
  publicKey: string;
  keyId: string;
}

/** Where a meeting's record failed its check. */
export interface RecordProblemInfo {
  where: 'ledger' | 'text' | 'checkpoint' | 'head';
  doc?: string;
  seq?: number;
  reason: string;
}

const chainHead = z.object({ seq: z.number().int().min(0), hash: z.string().max(128) }).strict();

/** A signed head as a client or an export shows it: only its shape; the signature says whether it is real. */
export const SignedHeadSchema = z
  .object({
    head: z
      .object({
        meetingId: z.string().max(64),
        ledger: chainHead,
        texts: z.record(z.string().max(64), chainHead),
        at: z.string().max(40),
      })
      .strict(),
    signature: z.string().max(200),
    publicKey: z.string().max(200),
    keyId: z.string().max(40),
  })
  .strict();

export type ClaimResult =
  | { ok: true }
  /** The record no longer holds the head this client kept (or the head's signature fails). */
  | { ok: false; problem: RecordProblemInfo };

/** True when `later` is at or beyond `earlier` on every chain `earlier` names (a head worth keeping instead). */
export function headCovers(later: RecordHead, earlier: RecordHead): boolean {
  if (later.ledger.seq < earlier.ledger.seq) return false;
  return Object.entries(earlier.texts).every(([doc, h]) => (later.texts[doc]?.seq ?? 0) >= h.seq);
}

/**
 * What a client can tell by itself, without the server's help: a head that
 * stands behind one it saw, or at the same place with another hash, means the
 * record went back. Returns a description of the first such chain, or null.
 */
export function rollbackFrom(seen: RecordHead, now: RecordHead): RecordProblemInfo | null {
  const compare = (where: 'ledger' | 'text', a: ChainHead, b: ChainHead | undefined, doc?: string): RecordProblemInfo | null => {
    const at = b ?? { seq: 0, hash: '' };
    if (at.seq < a.seq) return { where, ...(doc ? { doc } : {}), seq: a.seq, reason: `the server shows ${at.seq} where this device saw ${a.seq}` };
    if (at.seq === a.seq && at.hash !== a.hash) return { where, ...(doc ? { doc } : {}), seq: a.seq, reason: 'the server shows another record at the same place' };
    return null;
  };
  return compare('ledger', seen.ledger, now.ledger) ?? Object.entries(seen.texts).map(([doc, h]) => compare('text', h, now.texts[doc], doc)).find(Boolean) ?? null;
}
