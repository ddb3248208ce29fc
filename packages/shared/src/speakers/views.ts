import type { MeetingState } from '../domain/state';
import type { Lang } from '../languages';
import type { Category } from '../participants/categories';
import { delegationName } from '../participants/names';
import { floorRemainingMs } from './clock';
import type { DelegationSnapshot, Floor, SpeakerEntry } from './model';
import { classRank, entryCategory, queueGroup, type QueueGroup } from './ordering';
import { entryAllowedMs } from './rules';

/**
 * Pure helpers for the chair console, the delegation view and the room
 * screen. They read the state only; none of them changes it.
 */

/** One waiting request as a view shows it. */
export interface QueueLine {
  entry: SpeakerEntry;
  /** 1-based place in the order the floor will be given. */
  position: number;
  group: QueueGroup;
  /**
   * The class the rules put the speaker in, for the list's headings: its
   * rank in the precedence and its categories ([] for a panellist of no
   * delegation). Label it "Panellist" when `entry.kind` is panellist.
   */
  classRank: number;
  classCategories: Category[];
  /** The delegation's own category, if any. */
  category: Category | null;
  /** Speaking time it will get, unless the chair changes it. */
  allowedMs: number;
  /**
   * Estimated wait before this speaker gets the floor: what is left of the
   * current speaker's time (and of a speaker a point of order interrupted)
   * plus the allowed time of everyone ahead. An estimate: speakers overrun,
   * withdraw, and the chair reorders.
   */
  waitMs: number;
  /**
   * False for a right of reply when the rules say replies are taken only
   * when the chair calls them: "next speaker" does not reach it by itself.
   */
  automatic: boolean;
}

/** The waiting requests on an item, in the order the floor will be given, with classes and estimated waits. */
export function speakersQueue(state: MeetingState, itemId: string, nowMs: number): QueueLine[] {
  const list = state.speakers.lists[itemId];
  if (!list) return [];
  let waitMs = floorLeftOnItem(state.floor, itemId, nowMs);
  return list.queue.map((entryId, i) => {
    const entry = state.speakers.entries[entryId];
    const category = entryCategory(state, entry);
    const rank = entry.kind === 'panellist' && state.rules.panellistsFirst ? -1 : classRank(state.rules, category);
    const allowedMs = entryAllowedMs(state.rules, entry);
    const line: QueueLine = {
      entry,
      position: i + 1,
      group: queueGroup(entry.kind),
      classRank: rank,
      classCategories: rank >= 0 ? (state.rules.precedence[rank] ?? []) : [],
      category,
      allowedMs,
      waitMs,
      automatic: entry.kind !== 'right_of_reply' || state.rules.rightOfReply.takenAt === 'end_of_item',
    };
    waitMs += allowedMs;
    return line;
  });
}

/** The request "next speaker" gives the floor to on this item, if the floor is free; null if none. */
export function nextSpeakerEntry(state: MeetingState, itemId: string): SpeakerEntry | null {
  const list = state.speakers.lists[itemId];
  if (!list) return null;
  const repliesByThemselves = state.rules.rightOfReply.takenAt === 'end_of_item';
  for (const entryId of list.queue) {
    const entry = state.speakers.entries[entryId];
    if (entry.kind !== 'right_of_reply' || repliesByThemselves) return entry;
  }
  return null;
}

/**
 * What "next speaker" (N, the console's big button) does now, so that the
 * button says what the key will do and the server does the same:
 * - `point_of_order`: a point of order is waiting; it gets the floor. A
 *   statement in progress is held (paused, it resumes with its time left
 *   afterwards: `holds`); a point of order in progress ends.
 * - `give_back`: the turn that holds a speaker ends; that speaker resumes.
 * - `next`: the statement in progress (if any) ends; the head of the list speaks.
 * null: nobody is waiting and nobody is held (E ends a statement in progress).
 */
export type NextAct =
  | { kind: 'point_of_order'; entry: SpeakerEntry; holds: SpeakerEntry | null }
  | { kind: 'give_back'; entry: SpeakerEntry }
  | { kind: 'next'; entry: SpeakerEntry };

export function nextAct(state: MeetingState, itemId: string): NextAct | null {
  const floor = state.floor;
  const queue = state.speakers.lists[itemId]?.queue ?? [];
  const pointOfOrder = queue.map((id) => state.speakers.entries[id]).find((e) => e.kind === 'point_of_order');
  if (pointOfOrder) {
    const holds = floor && floor.kind !== 'point_of_order' ? state.speakers.entries[floor.entryId] : null;
    return { kind: 'point_of_order', entry: pointOfOrder, holds };
  }
  if (floor?.interrupted) return { kind: 'give_back', entry: state.speakers.entries[floor.interrupted.entryId] };
  const entry = nextSpeakerEntry(state, itemId);
  return entry ? { kind: 'next', entry } : null;
}

/** The next few speakers, for the room screen. */
export function nextSpeakers(state: MeetingState, itemId: string, count: number, nowMs: number): QueueLine[] {
  return speakersQueue(state, itemId, nowMs).slice(0, Math.max(0, count));
}

/** A delegation's requests waiting on an item, with their places and estimated waits. */
export function delegationPlaces(state: MeetingState, itemId: string, delegationId: string, nowMs: number): QueueLine[] {
  return speakersQueue(state, itemId, nowMs).filter((l) => l.entry.delegationId === delegationId);
}

/** Who has the floor, with the entry behind it; null when nobody has. */
export function currentSpeaker(state: MeetingState): { floor: Floor; entry: SpeakerEntry } | null {
  return state.floor ? { floor: state.floor, entry: state.speakers.entries[state.floor.entryId] } : null;
}

/** Points of order heard on which the chair has not ruled yet: the chair console shows them until ruled. */
export function pendingRulings(state: MeetingState): SpeakerEntry[] {
  return Object.values(state.speakers.entries).filter(
    (e) => e.kind === 'point_of_order' && (e.status === 'speaking' || e.status === 'spoken') && e.ruling === null,
  );
}

/**
 * The name of a speaker's delegation in a language: the registry's current
 * name if it still has the delegation, else the name recorded with the statement.
 */
export function speakerDelegationName(
  state: Pick<MeetingState, 'delegations'>,
  speaker: { delegationId: string | null; delegation?: DelegationSnapshot | null },
  lang: Lang,
): string | null {
  if (!speaker.delegationId) return null;
  const live = state.delegations[speaker.delegationId];
  if (live) return delegationName(live, lang);
  return speaker.delegation ? delegationName(speaker.delegation, lang) : null;
}

/** The turn on the floor, then each turn it holds, down the stack. */
export function floorTurns(floor: Floor | null): Floor[] {
  return floor ? [floor, ...floorTurns(floor.interrupted)] : [];
}

/** What is left of the turn on the floor and of every turn it holds. */
function floorLeftOnItem(floor: Floor | null, itemId: string, nowMs: number): number {
  if (!floor || floor.itemId !== itemId) return 0;
  return Math.max(0, floorRemainingMs(floor, nowMs)) + floorLeftOnItem(floor.interrupted, itemId, nowMs);
}
