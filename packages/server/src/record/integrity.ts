/**
 * The record's integrity: what Gavel checks of a meeting's ledger and texts,
 * and what it does when a check fails (it fails closed: the meeting refuses
 * writes, reads go on, the secretariat and the chair are told, /health says
 * so).
 *
 * What is checked, and when:
 * - loading a meeting or a text: its signed checkpoint (a checkpoint whose
 *   signature fails, or that claims more than the store holds, is a cut or an
 *   edit) and the links of what follows it;
 * - once per process and meeting, in the background after the first load:
 *   the whole record (`verifyRecord`): every event and every text update
 *   chained, every anchor of the ledger found in its text, every decision's
 *   edit present once, every checkpoint signed and matching its chain;
 * - a head a client saw and kept (`RecordService.checkClaim`): the store must
 *   still contain it.
 */
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { DomainError, isMeetingText, textEditsOf, type LedgerEvent, type MeetingState, type TextEdit, upcastState } from '@gavel/shared';
import { GENESIS_HASH, verifyChain, verifyDocChain } from '../ledger/chain';
import type { DocUpdateRecord, Store } from '../store/store';
import { SIGNED, type RecordKeys } from './keys';

/** Where the record broke, as the secretariat is told and `verify` names it. */
export interface RecordProblem {
  /** The ledger, a text (by document name), or a checkpoint of either. */
  where: 'ledger' | 'text' | 'checkpoint' | 'head';
  doc?: string;
  /** The first event (ledger) or update (text) whose link does not hold. */
  seq?: number;
  reason: string;
}

export interface RecordCheck {
  ok: boolean;
  ledger: { events: number; head: string };
  texts: Record<string, { updates: number; head: string }>;
  /** The first problem found; absent when ok. */
  problem?: RecordProblem;
  /** Decisions recorded in the ledger whose edit the text does not hold yet (applied when the text is next loaded). */
  pendingDecisions: number[];
}

type BrokenListener = (meetingId: string, problem: RecordProblem) => void;

/** How long after a meeting first loads its whole record is checked. */
const BACKGROUND_CHECK_DELAY_MS = 500;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export class RecordIntegrity {
  private readonly broken = new Map<string, RecordProblem & { at: string }>();
  private readonly checked = new Set<string>();
  private readonly listeners = new Set<BrokenListener>();

  constructor(
    private readonly store: Store,
    readonly keys: RecordKeys,
    private readonly log: FastifyBaseLogger,
  ) {}

  onBroken(listener: BrokenListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Marks a meeting's record broken (the first problem found stays): writes are refused from now on. */
  fail(meetingId: string, problem: RecordProblem): void {
    if (this.broken.has(meetingId)) return;
    this.broken.set(meetingId, { ...problem, at: new Date().toISOString() });
    this.log.error({ meetingId, ...problem }, 'the record of a meeting failed its check: writes are refused');
    for (const listener of this.listeners) listener(meetingId, problem);
  }

  problem(meetingId: string): (RecordProblem & { at: string }) | undefined {
    return this.broken.get(meetingId);
  }

  /** Every broken meeting, for /health. */
  brokenMeetings(): { meetingId: string; problem: RecordProblem }[] {
    return [...this.broken].map(([meetingId, problem]) => ({ meetingId, problem }));
  }

  assertWritable(meetingId: string): void {
    const problem = this.broken.get(meetingId);
    if (problem) {
      throw new DomainError('record_broken', `the record of this meeting failed its check (${describe(problem)}); nothing can be written until it is restored`, problem);
    }
  }

  // ---- checkpoints ---------------------------------------------------------

  async saveStateCheckpoint(meetingId: string, state: MeetingState, hash: string): Promise<void> {
    const json = JSON.stringify(state);
    const body = { meetingId, seq: state.seq, hash, state: sha256(json) };
    try {
      await this.store.saveStateCheckpoint(meetingId, {
        seq: state.seq,
        hash,
        state: json,
        at: new Date().toISOString(),
        signature: this.keys.sign(SIGNED.stateCheckpoint, body),
      });
    } catch (e) {
      this.log.error({ err: e, meetingId }, 'writing a state checkpoint failed');
    }
  }

  /**
   * The meeting's latest state checkpoint if the server signed it, else
   * undefined (the meeting is then replayed from its first event). A
   * checkpoint whose signature fails is an edit: the record is broken. The
   * caller checks that the ledger still holds the event it covers.
   */
  async trustedStateCheckpoint(meetingId: string): Promise<{ seq: number; hash: string; state: MeetingState } | undefined> {
    const cp = await this.store.readStateCheckpoint(meetingId);
    if (!cp) return undefined;
    const body = { meetingId, seq: cp.seq, hash: cp.hash, state: sha256(cp.state) };
    if (!this.keys.verify(SIGNED.stateCheckpoint, body, cp.signature)) {
      this.fail(meetingId, { where: 'checkpoint', seq: cp.seq, reason: 'the state checkpoint is not the one the server signed' });
      return undefined;
    }
    return { seq: cp.seq, hash: cp.hash, state: upcastState(JSON.parse(cp.state) as MeetingState) };
  }

  /** What a text checkpoint's signature covers. */
  docCheckpointBody(meetingId: string, docName: string, seq: number, hash: string, state: Uint8Array, clients: Record<string, string>) {
    return { meetingId, docName, seq, hash, state: sha256(state), clients };
  }

  // ---- the whole record ----------------------------------------------------

  /** Runs `verifyRecord` once per process for a meeting, in the background, failing it closed on a problem. */
  checkInBackground(meetingId: string): void {
    if (this.checked.has(meetingId)) return;
    this.checked.add(meetingId);
    // A moment later, so that the first join after a restart is not kept waiting by it.
    const timer = setTimeout(() => {
      this.verifyRecord(meetingId).then(
        (check) => {
          if (check.problem) this.fail(meetingId, check.problem);
        },
        (e: unknown) => this.log.error({ err: e, meetingId }, 'the background check of a record failed to run'),
      );
    }, BACKGROUND_CHECK_DELAY_MS);
    timer.unref();
  }

  /** Checks the whole record of a meeting and names the first broken link. */
  async verifyRecord(meetingId: string): Promise<RecordCheck> {
    const events = await this.store.readEvents(meetingId);
    const ledger = verifyChain(events);
    const check: RecordCheck = {
      ok: true,
      ledger: { events: events.length, head: ledger.ok ? ledger.head : (events.at(-1)?.hash ?? GENESIS_HASH) },
      texts: {},
      pendingDecisions: [],
    };
    const problems: RecordProblem[] = [];
    if (!ledger.ok) problems.push({ where: 'ledger', seq: ledger.brokenAt, reason: ledger.reason });

    const stateCp = await this.store.readStateCheckpoint(meetingId);
    if (stateCp) {
      const body = { meetingId, seq: stateCp.seq, hash: stateCp.hash, state: sha256(stateCp.state) };
      if (stateCp.signature && !this.keys.verify(SIGNED.stateCheckpoint, body, stateCp.signature)) {
        problems.push({ where: 'checkpoint', seq: stateCp.seq, reason: 'the state checkpoint is not the one the server signed' });
      } else if (stateCp.signature && events[stateCp.seq - 1]?.hash !== stateCp.hash) {
        problems.push({ where: 'ledger', seq: stateCp.seq, reason: `the ledger no longer holds event ${stateCp.seq} as a signed checkpoint saw it: its tail was cut or rewritten` });
      }
    }

    for (const docName of await this.store.docNames(meetingId)) {
      const updates = await this.store.readDocUpdates(meetingId, docName);
      const chain = verifyDocChain(meetingId, docName, updates);
      check.texts[docName] = { updates: updates.length, head: updates.at(-1)?.hash ?? GENESIS_HASH };
      if (!chain.ok) problems.push({ where: 'text', doc: docName, seq: chain.brokenAt, reason: chain.reason });
      const cpProblem = await this.checkDocCheckpoints(meetingId, docName, updates);
      if (cpProblem) problems.push(cpProblem);
      if (!isMeetingText(docName)) continue;
      problems.push(...anchorProblems(events, docName, updates));
      const decided = decisionsFor(events, docName).map((d) => d.seq);
      const causes = updates.filter((u) => u.cause !== undefined).map((u) => u.cause!);
      for (const cause of new Set(causes)) {
        if (causes.indexOf(cause) !== causes.lastIndexOf(cause)) {
          problems.push({ where: 'text', doc: docName, reason: `the edit of decision ${cause} is in the text more than once` });
        } else if (!decided.includes(cause)) {
          problems.push({ where: 'text', doc: docName, reason: `an edit names decision ${cause}, which the ledger does not record` });
        }
      }
      check.pendingDecisions.push(...decided.filter((seq) => !causes.includes(seq)));
    }
    const problem = problems.sort(byPosition)[0];
    if (problem) {
      check.ok = false;
      check.problem = problem;
    }
    return check;
  }

  private async checkDocCheckpoints(meetingId: string, docName: string, updates: DocUpdateRecord[]): Promise<RecordProblem | undefined> {
    for (const { seq } of await this.store.listDocSnapshots(meetingId, docName)) {
      const cp = await this.store.readDocSnapshot(meetingId, docName, seq);
      if (!cp || !cp.signature) continue;
      const body = this.docCheckpointBody(meetingId, docName, cp.seq, cp.hash, cp.state, cp.clients);
      if (!this.keys.verify(SIGNED.docCheckpoint, body, cp.signature)) {
        return { where: 'checkpoint', doc: docName, seq: cp.seq, reason: 'a text checkpoint is not the one the server signed' };
      }
      if (updates[cp.seq - 1]?.hash !== cp.hash) {
        return { where: 'text', doc: docName, seq: cp.seq, reason: `the text no longer holds update ${cp.seq} as a signed checkpoint saw it: its tail was cut or rewritten` };
      }
    }
    return undefined;
  }
}

/** Every anchor of the ledger on this text must be a link of its chain. */
function anchorProblems(events: readonly LedgerEvent[], docName: string, updates: readonly DocUpdateRecord[]): RecordProblem[] {
  for (const e of events) {
    const anchor = e.anchors?.[docName];
    if (!anchor || anchor.seq === 0) continue;
    if (updates[anchor.seq - 1]?.hash !== anchor.hash) {
      return [{ where: 'text', doc: docName, seq: anchor.seq, reason: `event ${e.seq} of the ledger bound this text at update ${anchor.seq}, which the text no longer holds as it was` }];
    }
  }
  return [];
}

/** The ledger's events whose decision edits this text: each with its seq, who decided, and its edits of the text. */
export type Decision = { seq: number; actor: LedgerEvent['actor']; edits: TextEdit[] };

/** The events of the ledger that decided edits of a text (any text), with those edits. */
export function decisionsIn(events: readonly LedgerEvent[]): Decision[] {
  return events.flatMap((e) => {
    const edits = textEditsOf([e]);
    return edits.length ? [{ seq: e.seq, actor: e.actor, edits }] : [];
  });
}

/** The decisions on one text, each with its edits of that text. */
export function decisionsOn(decisions: readonly Decision[], docName: string): Decision[] {
  return decisions.flatMap((d) => {
    const edits = d.edits.filter((edit) => edit.doc === docName);
    return edits.length ? [{ ...d, edits }] : [];
  });
}

export function decisionsFor(events: readonly LedgerEvent[], docName: string): Decision[] {
  return decisionsOn(decisionsIn(events), docName);
}

/** The ledger first, then texts by name; within one, the earliest link. */
function byPosition(a: RecordProblem, b: RecordProblem): number {
  const rank = (p: RecordProblem) => (p.where === 'ledger' ? 0 : 1);
  return rank(a) - rank(b) || (a.doc ?? '').localeCompare(b.doc ?? '') || (a.seq ?? 0) - (b.seq ?? 0);
}

export function describe(problem: RecordProblem): string {
  const place = problem.where === 'ledger' ? `ledger event ${problem.seq}` : `${problem.where}${problem.doc ? ` ${problem.doc}` : ''}${problem.seq ? ` at ${problem.seq}` : ''}`;
  return `${place}: ${problem.reason}`;
}
