/**
 * The record as the outside sees it: the signed head of a meeting (its
 * ledger's and texts' last hashes), the check of a head a client kept, the
 * export a third party verifies offline (scripts/verify-record.mjs), and the
 * recovery of decisions whose edit a text lacks.
 *
 * Why signed heads: the hash chains catch an edited or removed link in the
 * middle, but not a tail cut off (or a whole chain recomputed) by someone
 * with the database file. Heads signed with a key kept outside the database,
 * and kept by every client and in every export, make such a record
 * provably shorter (or other) than one the server once vouched for.
 */
import {
  isMeetingText,
  type ClaimResult,
  type RecordHead,
  type RecordProblemInfo,
  type SignedHead,
} from '@gavel/shared';
import type { DocService } from '../docs/service';
import type { MeetingService } from '../meetings/service';
import type { Store } from '../store/store';
import { decisionsIn, decisionsOn, type Decision, type RecordIntegrity } from './integrity';
import { SIGNED, verifySigned } from './keys';

/** How often, at most, a meeting's head is signed and sent to its clients when its ledger moved. */
const HEAD_EVERY_MS = 1_000;
/**
 * … and when only its texts moved. A text being typed moves the head with
 * every keystroke; each head is a message to every participant, which at
 * once a second was a tenth more frames for every reader of a text typed at
 * 10 keys a second (docs/PERFORMANCE.md, fan-out). A client's kept head is
 * then at most this much older than the record: what it proves is the same.
 */
export const TEXT_HEAD_EVERY_MS = 5_000;

export class RecordService {
  private readonly due = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private readonly lastSent = new Map<string, number>();
  /**
   * Per meeting, the ledger's decisions that edit texts, as far as the ledger
   * was read: each text's load asks for them, and reads only the events
   * recorded since the last ask, not the whole ledger again.
   */
  private readonly decisions = new Map<string, { seq: number; decisions: Decision[] }>();
  /** Per meeting, the last head signed: asked again for the same ledger and texts, the same signed head (and time). */
  private readonly signed = new Map<string, { key: string; head: SignedHead }>();

  constructor(
    private readonly store: Store,
    private readonly meetings: MeetingService,
    private readonly docs: DocService,
    readonly integrity: RecordIntegrity,
  ) {}

  /**
   * The record's head now, signed. Signed once per head: while the ledger
   * and the texts stand still, every asker gets the same signed head (its
   * `at` is when it was first signed).
   */
  async signedHead(meetingId: string): Promise<SignedHead | undefined> {
    const ledger = await this.meetings.head(meetingId);
    if (!ledger) return undefined;
    const texts = await this.docs.heads(meetingId);
    const { keys } = this.integrity;
    const key = JSON.stringify([ledger, texts, keys.keyId]);
    const kept = this.signed.get(meetingId);
    if (kept?.key === key) return kept.head;
    const head: RecordHead = { meetingId, ledger, texts, at: new Date().toISOString() };
    const signed = { head, signature: keys.sign(SIGNED.head, head), publicKey: keys.publicKey, keyId: keys.keyId };
    this.signed.set(meetingId, { key, head: signed });
    return signed;
  }

  /**
   * Calls `send` with the meeting's signed head when its ledger or a text
   * moved: at once when quiet, then at most once every HEAD_EVERY_MS after a
   * ledger event, TEXT_HEAD_EVERY_MS after a text's change (the last move
   * always told).
   */
  announceHeads(send: (meetingId: string, head: SignedHead) => void, textEveryMs = TEXT_HEAD_EVERY_MS): () => void {
    const moved = (meetingId: string, everyMs: number) => {
      const at = Math.max(Date.now(), (this.lastSent.get(meetingId) ?? -Infinity) + everyMs);
      const due = this.due.get(meetingId);
      // Already due as soon (a text's change after a ledger event), or sooner.
      if (due && due.at <= at) return;
      if (due) clearTimeout(due.timer);
      const timer = setTimeout(() => {
        this.due.delete(meetingId);
        this.lastSent.set(meetingId, Date.now());
        void this.signedHead(meetingId).then((head) => head && send(meetingId, head), () => undefined);
      }, at - Date.now());
      timer.unref();
      this.due.set(meetingId, { at, timer });
    };
    const stops = [
      this.meetings.onEvents((meetingId) => moved(meetingId, HEAD_EVERY_MS)),
      this.docs.onRelay((meetingId, docName) => {
        if (isMeetingText(docName)) moved(meetingId, textEveryMs);
      }),
    ];
    return () => {
      for (const stop of stops) stop();
      for (const { timer } of this.due.values()) clearTimeout(timer);
      this.due.clear();
    };
  }

  /**
   * A head a client (or an earlier export) holds: if the server signed it,
   * the record must still contain it. One it no longer contains breaks the
   * meeting's record (fails it closed). A head the server did not sign is
   * only reported: anyone can send one, and it proves nothing.
   */
  async checkClaim(meetingId: string, claim: unknown): Promise<ClaimResult> {
    const signed = claim as Partial<SignedHead> | null;
    const head = signed?.head;
    if (
      !head ||
      typeof signed?.signature !== 'string' ||
      head.meetingId !== meetingId ||
      !this.integrity.keys.verify(SIGNED.head, head, signed.signature)
    ) {
      return { ok: false, problem: { where: 'head', reason: 'this head was not signed by this server for this meeting' } };
    }
    const problem = await this.missingFrom(meetingId, head);
    if (!problem) return { ok: true };
    this.integrity.fail(meetingId, problem);
    return { ok: false, problem };
  }

  /** Where the record no longer holds a head, or undefined if it holds all of it. */
  private async missingFrom(meetingId: string, head: RecordHead): Promise<RecordProblemInfo | undefined> {
    if (head.ledger.seq > 0) {
      const [event] = await this.store.readEvents(meetingId, head.ledger.seq - 1);
      if (event?.seq !== head.ledger.seq || event.hash !== head.ledger.hash) {
        return {
          where: 'head',
          seq: head.ledger.seq,
          reason: `a head this server signed names ledger event ${head.ledger.seq}, which the record no longer holds as it was: it was cut or rewritten`,
        };
      }
    }
    for (const [doc, h] of Object.entries(head.texts ?? {})) {
      if (h.seq === 0) continue;
      const [update] = await this.store.readDocUpdates(meetingId, doc, h.seq - 1, h.seq);
      if (update?.hash !== h.hash) {
        return {
          where: 'head',
          doc,
          seq: h.seq,
          reason: `a head this server signed names update ${h.seq} of ${doc}, which the record no longer holds as it was: it was cut or rewritten`,
        };
      }
    }
    return undefined;
  }

  /**
   * The record as JSON lines: a header (the meeting, the signing key), every
   * event, every update of the meeting's texts (not amendments' private
   * drafts) with its chain, and the signed head last.
   */
  async *exportLines(meetingId: string): AsyncGenerator<string> {
    const head = await this.signedHead(meetingId);
    if (!head) return;
    yield JSON.stringify({ record: 'gavel', version: 1, meetingId, publicKey: head.publicKey, keyId: head.keyId });
    for (const e of await this.meetings.readEvents(meetingId)) {
      if (e.seq > head.head.ledger.seq) break;
      yield JSON.stringify(e);
    }
    for (const [docName, h] of Object.entries(head.head.texts)) {
      for (const u of await this.store.readDocUpdates(meetingId, docName, 0, h.seq)) {
        const { update, ...rest } = u;
        yield JSON.stringify({ textUpdate: { docName, ...rest, update: Buffer.from(update).toString('base64') } });
      }
    }
    yield JSON.stringify({ signedHead: head });
  }

  /** Finds the recorded decisions a text lacks (DocService calls it when the text loads). */
  async missingDecisions(meetingId: string, docName: string, applied: ReadonlySet<number>) {
    if (!isMeetingText(docName)) return [];
    return decisionsOn(await this.decisionsOf(meetingId), docName)
      .filter((d) => !applied.has(d.seq))
      .map(({ seq, actor, edits }) => ({ cause: seq, actor, edits }));
  }

  /** The meeting's decisions on texts, the index brought up to date with the events since it was last read. */
  private async decisionsOf(meetingId: string): Promise<Decision[]> {
    const known = this.decisions.get(meetingId) ?? { seq: 0, decisions: [] };
    const events = await this.meetings.readEvents(meetingId, known.seq);
    // Another load may have moved the index meanwhile: keep whichever read further.
    const current = this.decisions.get(meetingId) ?? known;
    const last = events.at(-1)?.seq ?? known.seq;
    if (last <= current.seq) return current.decisions;
    const next = { seq: last, decisions: [...known.decisions, ...decisionsIn(events)] };
    this.decisions.set(meetingId, next);
    return next.decisions;
  }
}

/** Verifies a signed head with the key it names (for an export read offline or a head from elsewhere). */
export function signedHeadValid(signed: SignedHead): boolean {
  return verifySigned(signed.publicKey, SIGNED.head, signed.head, signed.signature);
}
