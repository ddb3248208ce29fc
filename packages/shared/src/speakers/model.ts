import type { Lang } from '../languages';
import type { Category } from '../participants/categories';

/**
 * What someone asks the floor for. A statement's capacity in the record is
 * the kind of the request it answered.
 */
export const SPEAKER_KINDS = ['panellist', 'statement', 'point_of_order', 'right_of_reply'] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];
export type Capacity = SpeakerKind;

/**
 * Why a request left the list without being heard. Kept on the entry so the
 * delegation sees what happened to its request, and in the ledger as an event.
 */
export type WithdrawReason =
  /** The delegation (or the secretariat for it) withdrew it. */
  | 'withdrawn'
  /** The chair took it off the list. */
  | 'removed'
  /** The delegation was removed from the meeting. */
  | 'delegation_removed'
  /** The item was closed before the speaker was reached. */
  | 'item_closed';

/** A request for the floor on one item: a line of its speakers' list. */
export interface SpeakerEntry {
  id: string;
  itemId: string;
  kind: SpeakerKind;
  /** Null only for a panellist who speaks for no delegation. */
  delegationId: string | null;
  /** A registered person (a panellist, usually). */
  personId: string | null;
  /** The person who will speak, when known, e.g. "Venla Roth". */
  speakerName: string | null;
  /** Free text, e.g. "Group of 77 and China"; null: in its own name. */
  onBehalfOf: string | null;
  /** For a right of reply: first or second on this item (they have different limits). */
  replyNumber: number | null;
  /** Set by the chair for this speaker; null: the rules' default for its kind. */
  allowedMs: number | null;
  status: 'pending' | 'speaking' | 'spoken' | 'withdrawn';
  requestedAt: string;
  /**
   * Ledger sequence number of the request: "order of request" is this, not
   * the clock, so two requests in the same millisecond still have an order.
   */
  requestedSeq: number;
  /** Who put it on the list (the delegation itself, the secretariat, the chair). */
  requestedBy: { role: string; name: string };
  withdrawal: { at: string; reason: WithdrawReason } | null;
  /** A point of order's ruling by the chair. */
  ruling: Ruling | null;
  /** The statement it led to, once heard. */
  statementId: string | null;
}

export interface Ruling {
  text: string;
  at: string;
  by: string;
}

/** One item's speakers' list. */
export interface SpeakersList {
  itemId: string;
  /** Closed: only points of order and rights of reply are accepted. */
  closed: boolean;
  /**
   * Pending requests in the order the floor will be given: points of order,
   * then the list proper (panellists, statements), then rights of reply.
   * Kept in the state, not computed, because the chair may reorder by hand.
   */
  queue: string[];
  /** Set once the chair reordered the list: later rule changes leave its order alone. */
  manuallyOrdered: boolean;
}

export interface SpeakersState {
  /** By agenda item id; made on the first request for the item. */
  lists: Record<string, SpeakersList>;
  /** Every request ever made, by id, whatever became of it. */
  entries: Record<string, SpeakerEntry>;
}

/**
 * Whoever has the floor, as absolute server times: each client computes the
 * countdown itself (see `floorRemainingMs`), correcting for its clock offset,
 * so every screen shows the same time without a tick from the server.
 */
export interface FloorTurn {
  entryId: string;
  itemId: string;
  kind: SpeakerKind;
  startedAt: string;
  allowedMs: number;
  /** Set while the clock is paused. */
  pausedAt: string | null;
  /** Paused time before the current pause. */
  pausedTotalMs: number;
}

export interface Floor extends FloorTurn {
  /**
   * The turn held while someone else speaks (a point of order, or whoever the
   * chair gave the floor to while this speaker waits): paused, it gets the
   * floor back when the turn that holds it ends. A stack: a held turn may
   * itself hold one.
   */
  interrupted: HeldTurn | null;
}

export interface HeldTurn extends Floor {
  /**
   * The clock was running when the turn was held: it runs again when the
   * floor comes back, so the speaker resumes with the time left. A speaker
   * the chair had paused stays paused.
   */
  resumesOnReturn: boolean;
}

/** A delegation as registered when its representative spoke. */
export interface DelegationSnapshot {
  names: Partial<Record<Lang, string>>;
  category: Category;
}

/** The facts of a statement that a correction may change. */
export interface StatementFacts {
  itemId: string;
  capacity: Capacity;
  delegationId: string | null;
  /**
   * Frozen at the time: the record still reads right if the delegation is
   * later renamed or removed (views prefer the live registry when it has it).
   */
  delegation: DelegationSnapshot | null;
  speakerName: string | null;
  onBehalfOf: string | null;
  startedAt: string;
  endedAt: string;
  /** Speaking time: from start to end, less pauses. */
  durationMs: number;
  /** Recorded in error (e.g. the floor went to the wrong delegation): kept, but not counted. */
  voided: boolean;
}

export interface StatementCorrection {
  id: string;
  at: string;
  by: string;
  changes: Partial<StatementFacts>;
  /** Why, e.g. "the floor was given to Egypt, not Ecuador". */
  note: string;
}

/**
 * One statement of the record. The top-level facts are the corrected view;
 * `recorded` is what was recorded at the time and `corrections` how it changed.
 */
export interface Statement extends StatementFacts {
  id: string;
  entryId: string;
  allowedMs: number;
  pausedMs: number;
  ruling: Ruling | null;
  /** Ledger sequence number of the recording; orders statements that started in the same millisecond. */
  recordedSeq: number;
  recorded: StatementFacts;
  corrections: StatementCorrection[];
  /** Entered afterwards from the secretariat's notes (when, by whom, from what), not recorded from the floor. */
  entered?: { at: string; by: string; note: string };
}

export function emptySpeakers(): SpeakersState {
  return { lists: {}, entries: {} };
}
