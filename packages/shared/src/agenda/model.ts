import type { Localized } from '../core/localized';

/**
 * The agenda as the state keeps it. Everything here is plain JSON: it goes to
 * every browser as part of the meeting state.
 */

/** A document before the meeting under an item, e.g. CTOC/COP/WG.4/2010/2. */
export interface AgendaDocument {
  symbol: string;
  /** May be empty in every language. */
  title: Localized;
  /** The words the report describes it with ("a background paper prepared by the Secretariat on …"), if given. */
  description?: Localized;
}

/**
 * Where an item stands in the meeting. Several items may be suspended, but
 * at most one is `current` (it is `AgendaState.currentItemId`).
 */
export type AgendaItemStatus = 'pending' | 'current' | 'suspended' | 'closed';

export interface AgendaItem {
  id: string;
  /** Set for a sub-item ("1 (a)"); the agenda has two levels, as UN agendas do. */
  parentId: string | null;
  /** Sub-items, in order. */
  children: string[];
  /**
   * Computed from the order, never typed: [1] for item 1, [1, 2] for 1 (b).
   * Kept in the state so that every view and the report number the same way.
   */
  path: number[];
  /** The English-style label, "1" or "1 (b)"; other languages format `path` themselves. */
  label: string;
  /** Required in the meeting's language, the others optional. */
  title: Localized;
  documents: AgendaDocument[];
  /** Organization of work: the day the item is planned for (YYYY-MM-DD), if planned. */
  plannedDate: string | null;
  status: AgendaItemStatus;
  /**
   * When the item was under consideration: one period per take-up or resumption,
   * closed by suspension or closure. The report says "On 27 January, the
   * working group considered agenda item 3" from these.
   */
  periods: { startedAt: string; endedAt: string | null }[];
}

/** One line of the agenda as adopted or amended, frozen for the record. */
export interface AgendaLine {
  itemId: string;
  label: string;
  title: Localized;
}

/** A recorded change to the adopted agenda. */
export interface AgendaAmendment {
  id: string;
  at: string;
  by: string;
  change: AgendaChange;
  /** The item as it read before and after the change (absent for add / remove). */
  before: AgendaLine | null;
  after: AgendaLine | null;
  /** Why, as the chair announced it, e.g. "at the request of the Group of African States". */
  note: string;
}

/** A structural change: the same four operations before adoption (drafting) and after (amendments). */
export type AgendaChange =
  | {
      op: 'add';
      item: { id: string; parentId: string | null; title: Localized; documents: AgendaDocument[]; plannedDate: string | null };
      /** Sibling the new item goes before; null: at the end. */
      before: string | null;
    }
  | { op: 'update'; itemId: string; title?: Localized; documents?: AgendaDocument[]; plannedDate?: string | null }
  | { op: 'move'; itemId: string; parentId: string | null; before: string | null }
  | { op: 'remove'; itemId: string };

export interface AgendaState {
  /** Provisional until the chair gavels its adoption; after that only amendments change it. */
  status: 'provisional' | 'adopted';
  /** Top-level items, in order. */
  order: string[];
  items: Record<string, AgendaItem>;
  /** The item under consideration; null between items. Shown on every screen. */
  currentItemId: string | null;
  /** The agenda as adopted, frozen: the report's "adopted the following agenda". `at` as corrected, if it was. */
  adoption: { at: string; by: string; agenda: AgendaLine[]; corrections?: TimeCorrection[] } | null;
  amendments: AgendaAmendment[];
}

export interface Opening {
  /** When the chair opened the meeting: the server's time of the gavel, or the time a correction gave. */
  at: string;
  /** The name of whoever gavelled it, as signed in. */
  by: string;
  corrections?: TimeCorrection[];
}

/** What can happen at another time than the ledger recorded it: the opening and the agenda's adoption. */
export const TIMED_MOMENTS = ['opening', 'adoption'] as const;
export type TimedMoment = (typeof TIMED_MOMENTS)[number];

/**
 * A recorded correction of when something happened (a meeting recorded
 * after the fact from notes, a gavel pressed late): who, when and why, and
 * the time before and after. Optional in the state: checkpoints of before
 * have none.
 */
export interface TimeCorrection {
  id: string;
  /** When the correction was recorded (server time) and by whom, as signed in. */
  at: string;
  by: string;
  from: string;
  to: string;
  note: string;
}

export function emptyAgenda(): AgendaState {
  return { status: 'provisional', order: [], items: {}, currentItemId: null, adoption: null, amendments: [] };
}
