/**
 * What the negotiation screens show, worked out without React so that it is
 * tested without a browser: an amendment as tracked changes against the
 * paragraph as it reads now, who stands where on it, what the chair has
 * still to deal with, a range of paragraphs read for adoption, and the
 * reasons a refusal gives (from the error's details).
 */
import { fromTokens, sameRich, type RichParagraph, type RichToken } from '@gavel/shared/editor/rich';
import { mergeRich, trackChanges, type TrackedPart } from '@gavel/shared/editor/merge';
import type { Amendment, AmendmentVersion, NegotiationState, StanceKind } from '@gavel/shared/amendments/model';
import type { ConsensusBlocker } from '@gavel/shared/amendments/consensus';
import type { MergeConflict } from '@gavel/shared/editor/merge';

const EMPTY: RichParagraph = { inlines: [] };

/**
 * An amendment's latest version as changes to the paragraph as it reads now
 * (`current`; null while the text is loading or for a paragraph no longer
 * there: the version's base is shown then).
 *
 * - change, alternative: the three-way merge of base, current and proposed;
 *   where the paragraph changed since in a way the amendment contradicts, a
 *   conflict part;
 * - insert: all the proposed words inserted;
 * - delete: all the current words deleted.
 */
export function trackedParts(amendment: Pick<Amendment, 'kind'>, version: AmendmentVersion, current: RichParagraph | null): TrackedPart[] {
  switch (amendment.kind) {
    case 'insert':
      return trackChanges(EMPTY, EMPTY, version.proposed ?? EMPTY);
    case 'delete': {
      const now = current ?? version.base ?? EMPTY;
      return trackChanges(now, now, EMPTY);
    }
    default: {
      const base = version.base ?? EMPTY;
      return trackChanges(base, current ?? base, version.proposed ?? EMPTY);
    }
  }
}

/**
 * What the chair's "accept as modified" box starts from: the amendment merged
 * with the paragraph's own changes since, and where the two conflict, the
 * amendment's words (the chair is looking at the conflict, and edits from
 * there). Nothing the paragraph gained meanwhile elsewhere is lost.
 */
export function modifiedStart(base: RichParagraph | null, current: RichParagraph | null, proposed: RichParagraph | null): RichParagraph {
  const words = proposed ?? { inlines: [] };
  if (!base || !current || sameRich(base, current)) return words;
  const m = mergeRich(base, current, words);
  if (m.clean) return m.result;
  const tokens: RichToken[] = m.chunks.flatMap((c) =>
    c.kind === 'stable' || c.kind === 'both' ? c.tokens : c.kind === 'current' ? c.current : c.proposed,
  );
  return fromTokens(tokens);
}

/** How many conflicts the parts hold: the chair's to settle. */
export function conflictCount(parts: readonly TrackedPart[]): number {
  return parts.filter((p) => p.op === 'conflict').length;
}

/** Whether the paragraph changed since the version was drafted (so the changes shown are merged). */
export function changedSince(version: AmendmentVersion, current: RichParagraph | null, same: (a: RichParagraph, b: RichParagraph) => boolean): boolean {
  return current !== null && version.base !== null && !same(version.base, current);
}

/** Delegations by where they stand on an amendment, in the order they took their stance. */
export function stances(a: Pick<Amendment, 'stances'>): Record<StanceKind, { delegationId: string; reason?: string; at: string }[]> {
  const out: Record<StanceKind, { delegationId: string; reason?: string; at: string }[]> = { cosponsor: [], support: [], object: [] };
  const sorted = Object.entries(a.stances).sort(([, x], [, y]) => x.at.localeCompare(y.at));
  for (const [delegationId, s] of sorted) out[s.stance].push({ delegationId, at: s.at, ...(s.reason ? { reason: s.reason } : {}) });
  return out;
}

/** The stance a delegation has taken on an amendment, if any. */
export function stanceOf(a: Pick<Amendment, 'stances'>, delegationId: string | undefined): StanceKind | null {
  return (delegationId && a.stances[delegationId]?.stance) || null;
}

/** What stands on one paragraph of a text: tabled amendments, open brackets, standing objections. */
export interface ParagraphAgenda {
  paragraphId: string;
  amendments: Amendment[];
  brackets: number;
  objections: number;
}

/**
 * The paragraphs the chair still has to deal with, in text order (`order`:
 * the text's paragraph ids as they stand; a paragraph no longer in the text
 * comes last): amendments still before the group, open brackets, standing
 * objections. A new paragraph proposed after another is listed with it.
 */
export function negotiationAgenda(n: NegotiationState, doc: string, order: readonly string[]): ParagraphAgenda[] {
  const byParagraph = new Map<string, ParagraphAgenda>();
  const entry = (paragraphId: string) => {
    let e = byParagraph.get(paragraphId);
    if (!e) byParagraph.set(paragraphId, (e = { paragraphId, amendments: [], brackets: 0, objections: 0 }));
    return e;
  };
  for (const a of Object.values(n.amendments)) {
    if (a.doc !== doc || a.status !== 'tabled') continue;
    const at = anchorOf(a);
    if (at) entry(at).amendments.push(a);
  }
  for (const b of Object.values(n.brackets)) if (b.doc === doc && b.status === 'open') entry(b.paragraphId).brackets++;
  for (const [paragraphId, list] of Object.entries(n.objections[doc] ?? {})) {
    const standing = list.filter((o) => !o.withdrawnAt).length;
    if (standing) entry(paragraphId).objections += standing;
  }
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...byParagraph.values()].sort((x, y) => rank(x.paragraphId) - rank(y.paragraphId));
}

/** The paragraph an amendment is shown with: its own, or for a new paragraph the one it goes after or before. */
export function anchorOf(a: Pick<Amendment, 'target' | 'decision'>): string | null {
  if (a.decision?.paragraphId) return a.decision.paragraphId;
  const t = a.target;
  if (!t) return null;
  if ('paragraphId' in t) return t.paragraphId;
  if ('after' in t.place) return t.place.after;
  if ('before' in t.place) return t.place.before;
  return null;
}

/** Tabled amendments (public) shown with a paragraph, oldest first; `pending` only those still before the group. */
export function amendmentsAt(n: NegotiationState, doc: string, paragraphId: string, pending = false): Amendment[] {
  return Object.values(n.amendments).filter(
    (a) =>
      a.doc === doc &&
      a.versions.length > 0 &&
      a.status !== 'drafting' &&
      (!pending || a.status === 'tabled') &&
      anchorOf(a) === paragraphId,
  );
}

/** The paragraphs from one to another in text order, both included, whichever comes first. */
export function paragraphRange(order: readonly string[], from: string, to: string): string[] {
  const a = order.indexOf(from);
  const b = order.indexOf(to);
  if (a < 0 || b < 0) return a >= 0 ? [from] : b >= 0 ? [to] : [];
  return order.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/** What a refusal's details say, in a shape the screens can word in the user's language. */
export type RefusalDetails =
  | { kind: 'blockers'; blockers: ConsensusBlocker[] }
  | { kind: 'conflicts'; conflicts: MergeConflict[] }
  | { kind: 'category'; category: string; allowed: string[] }
  | { kind: 'version'; latestVersion: number }
  | { kind: 'paragraphs'; paragraphIds: string[] }
  | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function refusalDetails(details: unknown): RefusalDetails {
  if (!isObject(details)) return null;
  if (Array.isArray(details.blockers)) return { kind: 'blockers', blockers: details.blockers as ConsensusBlocker[] };
  if (Array.isArray(details.conflicts)) return { kind: 'conflicts', conflicts: details.conflicts as MergeConflict[] };
  if (typeof details.category === 'string' && Array.isArray(details.allowed)) {
    return { kind: 'category', category: details.category, allowed: details.allowed as string[] };
  }
  if (typeof details.latestVersion === 'number') return { kind: 'version', latestVersion: details.latestVersion };
  if (Array.isArray(details.paragraphIds)) return { kind: 'paragraphs', paragraphIds: details.paragraphIds as string[] };
  return null;
}
