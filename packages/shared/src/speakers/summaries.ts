import { agendaInOrder } from '../agenda/numbering';
import type { AgendaItemStatus } from '../agenda/model';
import type { Localized } from '../core/localized';
import { venueDate, venueInstant } from '../core/venue-time';
import type { MeetingState } from '../domain/state';
import type { Category } from '../participants/categories';
import { floorRemainingMs } from './clock';
import { SPEAKER_KINDS, type Capacity, type Statement } from './model';
import { entryAllowedMs } from './rules';

/**
 * Speaking time, for the chair's and the secretariat's chart. Computed from
 * the statements log as corrected; voided statements do not count.
 */

export interface TimeTally {
  totalMs: number;
  count: number;
}

export interface DelegationTime extends TimeTally {
  /**
   * The delegation, or, for a panellist, the one the panellist comes from
   * (may be null). Panellists have rows of their own: they speak as experts,
   * and their presentations would swell their country's time.
   */
  delegationId: string | null;
  /** Set for a panellist's row. */
  speakerName: string | null;
  category: Category | null;
  byItem: Record<string, number>;
  byCapacity: Record<Capacity, number>;
}

export interface SpeakingTimeSummary {
  total: TimeTally;
  /** Statement, panellist, point of order, right of reply. */
  byCapacity: Record<Capacity, TimeTally>;
  /** By participant category (States parties, observers …); panellists apart; `none` for anyone else of no delegation. */
  byCategory: Partial<Record<Category | 'panellist' | 'none', TimeTally>>;
  /** Items in agenda order; only items with statements. */
  byItem: ({ itemId: string } & TimeTally)[];
  /** Most time first; ties in order of first statement. */
  byDelegation: DelegationTime[];
}

const zeroByCapacity = <T>(zero: () => T) => Object.fromEntries(SPEAKER_KINDS.map((k) => [k, zero()])) as Record<Capacity, T>;

/** Speaking time over the statements, optionally of one item or one venue day (YYYY-MM-DD). */
export function speakingTime(state: MeetingState, filter: { itemId?: string; date?: string } = {}): SpeakingTimeSummary {
  const zone = state.rules.programme.timeZone;
  const statements = state.statements.filter(
    (s) =>
      !s.voided &&
      (filter.itemId === undefined || s.itemId === filter.itemId) &&
      (filter.date === undefined || venueDate(Date.parse(s.startedAt), zone) === filter.date),
  );
  const summary: SpeakingTimeSummary = {
    total: { totalMs: 0, count: 0 },
    byCapacity: zeroByCapacity(() => ({ totalMs: 0, count: 0 })),
    byCategory: {},
    byItem: [],
    byDelegation: [],
  };
  const items = new Map<string, TimeTally>();
  const delegations = new Map<string, DelegationTime>();
  const add = (t: TimeTally, ms: number) => {
    t.totalMs += ms;
    t.count += 1;
  };
  for (const s of statements) {
    const ms = s.durationMs;
    const category = categoryOf(state, s);
    add(summary.total, ms);
    add(summary.byCapacity[s.capacity], ms);
    const panellist = s.capacity === 'panellist';
    add((summary.byCategory[panellist ? 'panellist' : (category ?? 'none')] ??= { totalMs: 0, count: 0 }), ms);
    if (!items.has(s.itemId)) items.set(s.itemId, { totalMs: 0, count: 0 });
    add(items.get(s.itemId)!, ms);
    const key = panellist || !s.delegationId ? `speaker:${s.speakerName ?? ''}:${s.delegationId ?? ''}` : s.delegationId;
    if (!delegations.has(key)) {
      delegations.set(key, {
        delegationId: s.delegationId,
        speakerName: key === s.delegationId ? null : s.speakerName,
        category,
        totalMs: 0,
        count: 0,
        byItem: {},
        byCapacity: zeroByCapacity(() => 0),
      });
    }
    const row = delegations.get(key)!;
    add(row, ms);
    row.byItem[s.itemId] = (row.byItem[s.itemId] ?? 0) + ms;
    row.byCapacity[s.capacity] += ms;
  }
  const order = agendaInOrder(state.agenda).map((i) => i.id);
  summary.byItem = [...items.entries()]
    .sort(([a], [b]) => rankIn(order, a) - rankIn(order, b))
    .map(([itemId, t]) => ({ itemId, ...t }));
  // Map keeps first-statement order; a stable sort keeps it among equals.
  summary.byDelegation = [...delegations.values()].sort((a, b) => b.totalMs - a.totalMs);
  return summary;
}

export interface ProgrammeItem {
  itemId: string;
  label: string;
  title: Localized;
  status: AgendaItemStatus;
  plannedDate: string | null;
  /** Requests waiting on the item's list (points of order and replies included). */
  waitingSpeakers: number;
  /** Their speaking time as allowed now, plus what is left of the current speaker on this item. */
  requestedMs: number;
}

export interface DayProgramme {
  /** Today at the venue, YYYY-MM-DD. */
  date: string;
  /** When today's meetings end, by the rules (`programme.dayEndsAt`, venue time). */
  endsAt: string;
  /** From now to the end of the day; negative once past it. */
  timeLeftMs: number;
  /**
   * The items still to take up or finish today: not closed, and planned for
   * today or an earlier day (carried over), plus the item under
   * consideration. Items with no planned date are on no day's programme.
   */
  items: ProgrammeItem[];
  /** Speaking time asked for on those items. */
  requestedMs: number;
  /** timeLeftMs − requestedMs: negative when the day's list will not fit. */
  balanceMs: number;
}

/** Time left on the day's programme against the speakers still waiting on the day's items. */
export function dayProgramme(state: MeetingState, nowMs: number): DayProgramme {
  const { dayEndsAt, timeZone } = state.rules.programme;
  const date = venueDate(nowMs, timeZone);
  const endsAtMs = Date.parse(venueInstant(date, dayEndsAt, timeZone) as string);
  const items = agendaInOrder(state.agenda)
    .filter(
      (i) =>
        i.id === state.agenda.currentItemId || (i.status !== 'closed' && i.plannedDate !== null && i.plannedDate <= date),
    )
    .map((i): ProgrammeItem => {
      const queue = state.speakers.lists[i.id]?.queue ?? [];
      const floor = state.floor;
      const speaking = floor && floor.itemId === i.id ? Math.max(0, floorRemainingMs(floor, nowMs)) : 0;
      const requestedMs = queue.reduce((sum, id) => sum + entryAllowedMs(state.rules, state.speakers.entries[id]), speaking);
      return {
        itemId: i.id,
        label: i.label,
        title: i.title,
        status: i.status,
        plannedDate: i.plannedDate,
        waitingSpeakers: queue.length,
        requestedMs,
      };
    });
  const requestedMs = items.reduce((sum, i) => sum + i.requestedMs, 0);
  const timeLeftMs = endsAtMs - nowMs;
  return { date, endsAt: new Date(endsAtMs).toISOString(), timeLeftMs, items, requestedMs, balanceMs: timeLeftMs - requestedMs };
}


function categoryOf(state: MeetingState, s: Statement): Category | null {
  if (!s.delegationId) return null;
  return state.delegations[s.delegationId]?.category ?? s.delegation?.category ?? null;
}

function rankIn(order: string[], itemId: string): number {
  const i = order.indexOf(itemId);
  return i < 0 ? order.length : i;
}
