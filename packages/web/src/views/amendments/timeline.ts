/**
 * The story of a paragraph as a timeline in the reader's language: the same
 * facts as the server's story (amendments/story.ts, whose English lines go to
 * the exports), from the meeting state and the paragraph's versions, as
 * entries a screen words with its own strings (`story.entries.<key>`).
 * A value `{ t: key }` is itself a string to look up.
 */
import { noteSegments, type MeetingState } from '@gavel/shared';
import { bracketText } from '@gavel/shared/editor/rich';
import { amendmentParagraph } from '@gavel/shared/amendments/model';
import type { ParagraphVersion } from '../../api/drafts';

export type TimelineValue = string | number | { t: string };

export interface TimelineEntry {
  at: string;
  /** Who did it, as signed in. */
  by: string;
  kind: 'version' | 'amendment' | 'stance' | 'decision' | 'bracket' | 'objection' | 'position' | 'status';
  /** The string under story.entries. */
  key: string;
  values: Record<string, TimelineValue>;
  amendmentId?: string;
}

/** Entries oldest first; at the same instant in the order: versions, amendments, brackets, objections, positions, statuses. */
export function storyTimeline(
  state: MeetingState,
  doc: string,
  paragraphId: string,
  versions: readonly ParagraphVersion[],
  nameOf: (delegationId: string) => string,
  options: { deleteWord?: string; refWords?: (paragraphId: string) => string } = {},
): TimelineEntry[] {
  const deleteWord = options.deleteWord ?? 'delete';
  const noteWords = (note: string) => noteSegments(note).map((s) => ('text' in s ? s.text : (options.refWords?.(s.ref) ?? '?'))).join('');
  const n = state.negotiation;
  const out: TimelineEntry[] = [];
  for (const v of versions) {
    out.push(
      v.text === null
        ? { at: v.to, by: v.by.join(', '), kind: 'version', key: 'absent', values: {} }
        : { at: v.to, by: v.by.join(', '), kind: 'version', key: 'version', values: { text: v.text } },
    );
  }
  const amendments = Object.values(n.amendments)
    .filter((a) => a.doc === doc && amendmentParagraph(a) === paragraphId && a.versions.length > 0)
    .sort((x, y) => x.startedAt.localeCompare(y.startedAt));
  for (const a of amendments) {
    const sponsor = nameOf(a.sponsor);
    const kind = { t: `amendments.kinds.${a.kind ?? 'change'}` };
    for (const s of a.steps) {
      const base = { at: s.at, by: s.by, amendmentId: a.id };
      const who = s.delegationId ? nameOf(s.delegationId) : sponsor;
      switch (s.what) {
        case 'started':
          break; // private until tabled
        case 'tabled':
          out.push({ ...base, kind: 'amendment', key: 'tabled', values: { sponsor, kind } });
          break;
        case 'revised':
          out.push({ ...base, kind: 'amendment', key: 'revised', values: { sponsor, version: s.version ?? 0 } });
          break;
        case 'withdrawn':
          out.push({ ...base, kind: 'amendment', key: s.detail ? 'withdrawnWhy' : 'withdrawn', values: { sponsor, reason: s.detail ?? '' } });
          break;
        case 'cosponsor':
        case 'support':
        case 'object':
          out.push({ ...base, kind: 'stance', key: s.detail && s.what === 'object' ? 'objectWhy' : s.what, values: { who, sponsor, reason: s.detail ?? '' } });
          break;
        case 'retracted':
          out.push({ ...base, kind: 'stance', key: 'retracted', values: { who, sponsor, stance: { t: `story.stances.${s.detail ?? 'support'}` } } });
          break;
        case 'decided': {
          const d = a.decision;
          if (!d) break;
          out.push({ ...base, kind: 'decision', key: d.merged ? 'decidedMerged' : 'decided', values: { sponsor, outcome: { t: `amendments.outcomes.${d.outcome}` } } });
          break;
        }
      }
    }
  }
  const brackets = Object.values(n.brackets)
    .filter((b) => b.doc === doc && b.paragraphId === paragraphId)
    .sort((x, y) => x.placedAt.localeCompare(y.placedAt));
  for (const b of brackets) {
    const words = bracketText(b, deleteWord);
    for (const s of b.steps) {
      const base = { at: s.at, by: s.by, kind: 'bracket' as const };
      const who = s.delegationId ? nameOf(s.delegationId) : '';
      if (s.what === 'placed') out.push({ ...base, key: 'bracketPlaced', values: { words, name: nameOf(b.proposedBy) } });
      else if (s.what === 'held') out.push({ ...base, key: s.detail ? 'bracketHeldWhy' : 'bracketHeld', values: { who, words, reason: s.detail ?? '' } });
      else if (s.what === 'released') out.push({ ...base, key: 'bracketReleased', values: { who, words } });
      else if (b.lifted) {
        const key = b.lifted.amendmentId ? 'bracketLiftedByAmendment' : b.lifted.keep === null ? 'bracketLiftedNone' : 'bracketLifted';
        out.push({ ...base, key, values: { words, kept: b.lifted.words } });
      }
    }
  }
  for (const o of n.objections[doc]?.[paragraphId] ?? []) {
    out.push({ at: o.at, by: o.by, kind: 'objection', key: 'objection', values: { who: nameOf(o.delegationId), reason: o.reason } });
    if (o.withdrawnAt) out.push({ at: o.withdrawnAt, by: o.withdrawnBy ?? '', kind: 'objection', key: 'objectionWithdrawn', values: { who: nameOf(o.delegationId) } });
  }
  for (const p of n.positions[doc]?.[paragraphId] ?? []) {
    out.push({ at: p.at, by: p.by, kind: 'position', key: p.kind, values: { who: nameOf(p.delegationId), text: p.text } });
  }
  for (const c of state.paragraphs[doc]?.[paragraphId]?.changes ?? []) {
    if (c.reopened) out.push({ at: c.at, by: c.by, kind: 'status', key: 'reopened', values: { reason: c.note ?? '' } });
    else if (c.decision) {
      const d = c.decision;
      const key =
        d.outcome === 'no_consensus' ? (d.disposition === 'drop' ? 'noConsensusDropped' : d.footnote ? 'noConsensusFootnote' : 'noConsensusKept') : 'adoption';
      out.push({ at: c.at, by: c.by, kind: 'status', key, values: { outcome: { t: `adoption.outcomes.${d.outcome}` }, note: d.footnote ? noteWords(d.footnote.note) : '' } });
    } else {
      out.push({ at: c.at, by: c.by, kind: 'status', key: c.amendmentId ? 'statusByAmendment' : 'status', values: { status: { t: `paragraphs.statuses.${c.status}` } } });
    }
  }
  // A stable sort: the same instant keeps the order above.
  return out.map((e, i) => [e, i] as const).sort(([x, i], [y, j]) => x.at.localeCompare(y.at) || i - j).map(([e]) => e);
}
