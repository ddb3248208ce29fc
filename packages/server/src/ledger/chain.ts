import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Actor, DomainEvent, LedgerEvent } from '@gavel/shared';

/** The hash that the first event of every ledger chains to. */
export const GENESIS_HASH = '0'.repeat(64);

type Unhashed = Omit<LedgerEvent, 'hash'>;

/** sha256(prevHash + canonical JSON of the event without its own hash). */
export function hashEvent(event: Unhashed): string {
  const { meetingId, seq, type, payload, actor, at, prevHash } = event;
  const canonical = canonicalize({ meetingId, seq, type, payload, actor, at, prevHash });
  if (canonical === undefined) throw new Error('event cannot be serialized');
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Numbers, stamps and chains freshly decided events after (seq, prevHash). */
export function sealEvents(
  meetingId: string,
  after: { seq: number; hash: string },
  events: DomainEvent[],
  actor: Actor,
  at: string,
): LedgerEvent[] {
  let prevHash = after.hash;
  return events.map((e, i) => {
    const unhashed = { ...e, meetingId, seq: after.seq + i + 1, actor, at, prevHash } as Unhashed;
    const sealed = { ...unhashed, hash: hashEvent(unhashed) } as LedgerEvent;
    prevHash = sealed.hash;
    return sealed;
  });
}

export type LedgerCheck =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; brokenAt: number; reason: string };

/** Walks a whole ledger and names the first event whose link does not hold. */
export function verifyChain(events: readonly LedgerEvent[]): LedgerCheck {
  let prevHash = GENESIS_HASH;
  for (const [i, e] of events.entries()) {
    const fail = (reason: string): LedgerCheck => ({ ok: false, events: events.length, brokenAt: e.seq, reason });
    if (e.seq !== i + 1) return fail(`expected event ${i + 1}, found ${e.seq}`);
    if (e.prevHash !== prevHash) return fail('does not chain to the event before it');
    if (hashEvent(e) !== e.hash) return fail('its content does not match its hash');
    prevHash = e.hash;
  }
  return { ok: true, events: events.length, head: prevHash };
}
