import type { Category } from '../participants/categories';
import type { Delegation } from '../participants/model';
import type { SpeakingRules } from './rules';
import type { SpeakerEntry, SpeakerKind } from './model';

/**
 * The three queues of a list, in the order the floor reaches them. Points of
 * order interrupt, so they come first; rights of reply wait for the end.
 */
export const QUEUE_GROUPS = ['point_of_order', 'list', 'right_of_reply'] as const;
export type QueueGroup = (typeof QUEUE_GROUPS)[number];

export function queueGroup(kind: SpeakerKind): QueueGroup {
  return kind === 'point_of_order' ? 'point_of_order' : kind === 'right_of_reply' ? 'right_of_reply' : 'list';
}

/** What ordering needs from the meeting state. */
export interface OrderingContext {
  rules: SpeakingRules;
  delegations: Record<string, Pick<Delegation, 'category'>>;
  speakers: { entries: Record<string, SpeakerEntry> };
}

export function entryCategory(ctx: OrderingContext, entry: SpeakerEntry): Category | null {
  return entry.delegationId ? (ctx.delegations[entry.delegationId]?.category ?? null) : null;
}

/** Index of a category's class in the rules' precedence; speakers of no delegation come last. */
export function classRank(rules: SpeakingRules, category: Category | null): number {
  const i = category ? rules.precedence.findIndex((c) => c.includes(category)) : -1;
  return i < 0 ? rules.precedence.length : i;
}

/**
 * The rules' order as a comparator (negative: `a` first): by queue group;
 * within the list, panellists first and group statements first where the
 * rules say so, then the class of the delegation's category; last, the
 * ledger sequence number of the request, unique per meeting, so the order is
 * total and the same on every replay, even for requests made in the same
 * millisecond. The first four are packed in one number (each is below its
 * radix) and each category's class looked up once: placing a request
 * compares it with every entry of the queue, on every request.
 */
export function ruleOrder(ctx: OrderingContext): (a: SpeakerEntry, b: SpeakerEntry) => number {
  const { rules } = ctx;
  const classes = rules.precedence.length + 1;
  const ranks = new Map<Category | null, number>();
  const rankOf = (entry: SpeakerEntry): number => {
    const category = entryCategory(ctx, entry);
    let rank = ranks.get(category);
    if (rank === undefined) ranks.set(category, (rank = classRank(rules, category)));
    return rank;
  };
  const packed = (entry: SpeakerEntry): number => {
    const group = QUEUE_GROUPS.indexOf(queueGroup(entry.kind));
    if (group !== 1) return group * 4 * classes;
    const panellist = rules.panellistsFirst && entry.kind === 'panellist' ? 0 : 1;
    const groupStatement = rules.groupStatementsFirst && entry.onBehalfOf !== null ? 0 : 1;
    return ((group * 2 + panellist) * 2 + groupStatement) * classes + rankOf(entry);
  };
  return (a, b) => packed(a) - packed(b) || a.requestedSeq - b.requestedSeq;
}

/** The queue sorted by the rules alone. */
export function sortQueue(ctx: OrderingContext, queue: readonly string[]): string[] {
  const compare = ruleOrder(ctx);
  return [...queue].sort((a, b) => compare(ctx.speakers.entries[a], ctx.speakers.entries[b]));
}

/**
 * Puts a new request into a queue that the chair may have reordered by
 * hand: right after the last request the rules put ahead of it. On a list in
 * rule order this is the sorted place; on a reordered list it keeps the
 * chair's moves and still never lets the newcomer pass anyone the rules put
 * ahead of it.
 */
export function insertIntoQueue(ctx: OrderingContext, queue: readonly string[], entry: SpeakerEntry): string[] {
  const compare = ruleOrder(ctx);
  let at = 0;
  for (let i = 0; i < queue.length; i++) if (compare(ctx.speakers.entries[queue[i]], entry) < 0) at = i + 1;
  return [...queue.slice(0, at), entry.id, ...queue.slice(at)];
}
