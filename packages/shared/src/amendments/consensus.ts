/**
 * "A paragraph with open brackets or standing objections cannot be gavelled
 * as adopted by consensus: the chair is told why and by whom." Also amendments
 * still before the group: adopting the paragraph would pass over them.
 *
 * Imports no other module's values, so that draft/paragraphs.ts can use it
 * (paragraph.setStatus to adopted obeys the same rule).
 */
import type { MeetingState } from '../domain/state';
import { bracketText } from '../editor/rich';
import { delegationName } from '../participants/names';

export interface ConsensusBlocker {
  paragraphId: string;
  number: number | null;
  objections: { delegationId: string; delegation: string; reason: string; since: string }[];
  brackets: { bracketId: string; words: string; proposedBy: string; holders: { delegationId: string; delegation: string }[] }[];
  amendments: { amendmentId: string; sponsor: string; delegation: string }[];
}

type Negotiating = Pick<MeetingState, 'negotiation' | 'delegations'>;

const nameOf = (state: Negotiating, id: string) => {
  const d = state.delegations[id];
  return d ? delegationName(d) : id;
};

/** What stands in the way of consensus on each of `paragraphIds` (only those with something). */
export function consensusBlockers(
  state: Negotiating,
  doc: string,
  paragraphIds: readonly string[],
  numbers: Record<string, number | null> = {},
): ConsensusBlocker[] {
  const n = state.negotiation;
  if (!n) return [];
  const out: ConsensusBlocker[] = [];
  for (const paragraphId of paragraphIds) {
    const objections = (n.objections[doc]?.[paragraphId] ?? [])
      .filter((o) => !o.withdrawnAt)
      .map((o) => ({ delegationId: o.delegationId, delegation: nameOf(state, o.delegationId), reason: o.reason, since: o.at }));
    const brackets = Object.values(n.brackets)
      .filter((b) => b.status === 'open' && b.doc === doc && b.paragraphId === paragraphId)
      .map((b) => ({
        bracketId: b.id,
        words: bracketText(b),
        proposedBy: b.proposedBy,
        holders: Object.keys(b.holders).map((id) => ({ delegationId: id, delegation: nameOf(state, id) })),
      }));
    const amendments = Object.values(n.amendments)
      .filter((a) => a.status === 'tabled' && a.doc === doc && a.target && 'paragraphId' in a.target && a.target.paragraphId === paragraphId)
      .map((a) => ({ amendmentId: a.id, sponsor: a.sponsor, delegation: nameOf(state, a.sponsor) }));
    if (objections.length || brackets.length || amendments.length) {
      out.push({ paragraphId, number: numbers[paragraphId] ?? null, objections, brackets, amendments });
    }
  }
  return out;
}

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** "Paragraph 50 cannot be adopted by consensus: Egypt, Pakistan and Iran object; …". */
export function blockersMessage(blockers: readonly ConsensusBlocker[], outcome = 'adopted by consensus'): string {
  return blockers
    .map((b) => {
      const which = b.number !== null ? `Paragraph ${b.number}` : `Paragraph ${b.paragraphId}`;
      const why: string[] = [];
      if (b.objections.length) {
        const names = b.objections.map((o) => o.delegation);
        why.push(`${list(names)} ${names.length > 1 ? 'object' : 'objects'} (${b.objections.map((o) => `${o.delegation}: "${o.reason}"`).join('; ')})`);
      }
      for (const k of b.brackets) {
        const holders = k.holders.map((h) => h.delegation);
        why.push(`the bracket ${k.words} is open${holders.length ? `, held by ${list(holders)}` : ''}`);
      }
      if (b.amendments.length) {
        why.push(`${b.amendments.length > 1 ? 'amendments' : 'an amendment'} by ${list(b.amendments.map((a) => a.delegation))} ${b.amendments.length > 1 ? 'are' : 'is'} still before the group`);
      }
      return `${which} cannot be ${outcome}: ${why.join('; ')}.`;
    })
    .join(' ');
}
