/**
 * The negotiation of a text as the ledger knows it: amendments (drafted in
 * private, tabled, supported, objected to, decided), brackets in the text
 * (who proposed them, who holds them, how they were lifted), objections to
 * paragraphs, reservations and explanations of position. The status of each
 * paragraph (adopted, no consensus, …) stays in draft/paragraphs.ts: one
 * source of truth, which adoption decisions set.
 *
 * Everything is keyed by stable ids (amendment, bracket, paragraph), never
 * by numbers, which change as the text grows.
 */
import type { Category } from '../participants/categories';
import type { RichParagraph } from '../editor/rich';
import type { AdoptionOutcome, AmendmentKind, AmendmentOutcome, FootnoteTarget, Place, PositionKind } from './commands';

/** Who may table and co-sponsor amendments (issue 5: parties and signatories, configurable per meeting). */
export const DEFAULT_AMEND_CATEGORIES: readonly Category[] = ['state_party', 'reio_party', 'signatory'];
/** Who may object (to amendments and to paragraphs) and hold brackets: the parties. */
export const DEFAULT_OBJECT_CATEGORIES: readonly Category[] = ['state_party', 'reio_party'];

export interface NegotiationSettings {
  amendCategories: Category[];
  objectCategories: Category[];
}

export const AMENDMENT_STATUSES = ['drafting', 'tabled', 'withdrawn', 'accepted', 'accepted_modified', 'rejected', 'bracketed'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** Where an amendment applies: an existing paragraph, or (insert) a place for a new one. */
export type AmendmentTarget = { paragraphId: string } | { place: Place };

/** One tabled version of an amendment: what the sponsor proposed, and against what. */
export interface AmendmentVersion {
  version: number;
  at: string;
  /** Who tabled it, as signed in. */
  by: string;
  /** The paragraph's words when the draft started; null for a new paragraph. */
  base: RichParagraph | null;
  /** The words proposed; null for a deletion. */
  proposed: RichParagraph | null;
  note?: string;
}

export type StanceKind = 'cosponsor' | 'support' | 'object';

/** Where a delegation stands on an amendment now. */
export interface Stance {
  stance: StanceKind;
  reason?: string;
  at: string;
  /** Who recorded it, as signed in (the delegate, or the secretariat for it). */
  by: string;
  /** The version it was given on. */
  version: number;
}

/** One step of an amendment's life, for its story. */
export interface AmendmentStep {
  what: 'started' | 'tabled' | 'revised' | 'withdrawn' | StanceKind | 'retracted' | 'decided';
  at: string;
  by: string;
  /** The delegation the step was for (a stance, the sponsor's own steps). */
  delegationId?: string;
  version?: number;
  /** The reason, note, or the stance retracted. */
  detail?: string;
}

export interface AmendmentDecision {
  outcome: AmendmentOutcome;
  version: number;
  at: string;
  by: string;
  note?: string;
  /** The paragraph changed, inserted or deleted; null when rejected. */
  paragraphId: string | null;
  /** The paragraph's words as the decision left them; null when rejected or deleted. */
  result: RichParagraph | null;
  /** The paragraph had changed since the draft: the words were merged. */
  merged: boolean;
  /** Brackets the decision placed. */
  brackets: string[];
}

export interface Amendment {
  id: string;
  /** The text amended. */
  doc: string;
  /** The sponsoring delegation. */
  sponsor: string;
  /** 'floor': started by the chair or the secretariat for the delegation (an oral proposal). */
  origin: 'delegation' | 'floor';
  status: AmendmentStatus;
  startedAt: string;
  /** Known from tabling: a draft is private, even what it amends. */
  kind: AmendmentKind | null;
  target: AmendmentTarget | null;
  /** Tabled versions, oldest first. */
  versions: AmendmentVersion[];
  /** By delegation id. */
  stances: Record<string, Stance>;
  steps: AmendmentStep[];
  decision: AmendmentDecision | null;
}

export interface BracketStep {
  what: 'placed' | 'held' | 'released' | 'lifted';
  at: string;
  by: string;
  delegationId?: string;
  detail?: string;
}

export interface Bracket {
  id: string;
  doc: string;
  paragraphId: string;
  /** The first is what the text said ('' for an insertion); the others what was proposed ('' to delete). */
  alternatives: string[];
  /** The proposing delegation. */
  proposedBy: string;
  /** Its name as the text shows it. */
  label: string;
  amendmentId?: string;
  status: 'open' | 'lifted';
  placedAt: string;
  /** Delegations keeping it open, by id: the proposer at first. */
  holders: Record<string, { since: string; reason?: string }>;
  lifted?: { at: string; by: string; keep: number | null; words: string; note?: string; amendmentId?: string };
  steps: BracketStep[];
}

/** "Cannot join consensus on paragraph 50." */
export interface ParagraphObjection {
  delegationId: string;
  reason: string;
  at: string;
  by: string;
  /** Set when withdrawn: it no longer stands. */
  withdrawnAt?: string;
  withdrawnBy?: string;
}

/** A reservation or an explanation of position, kept with the paragraph. */
export interface PositionStatement {
  delegationId: string;
  kind: PositionKind;
  text: string;
  at: string;
  by: string;
}

/** What the chair recorded when the paragraph was read for adoption (kept with its status change). */
export interface AdoptionDecision {
  outcome: AdoptionOutcome;
  disposition?: 'keep' | 'drop';
  /** The footnote added to a paragraph kept without consensus: where it points and its text as stored. */
  footnote?: { target: FootnoteTarget & { doc?: string }; note: string };
}

export interface NegotiationState {
  settings: NegotiationSettings;
  amendments: Record<string, Amendment>;
  brackets: Record<string, Bracket>;
  /** Document → paragraph id → objections, standing and withdrawn, oldest first. */
  objections: Record<string, Record<string, ParagraphObjection[]>>;
  /** Document → paragraph id → reservations and explanations, oldest first. */
  positions: Record<string, Record<string, PositionStatement[]>>;
}

export function emptyNegotiation(): NegotiationState {
  return {
    settings: { amendCategories: [...DEFAULT_AMEND_CATEGORIES], objectCategories: [...DEFAULT_OBJECT_CATEGORIES] },
    amendments: {},
    brackets: {},
    objections: {},
    positions: {},
  };
}

// ---------------------------------------------------------------------------
// Reading the state

type WithNegotiation = { negotiation: NegotiationState };

/** The paragraph an amendment is about: its target, or the paragraph its acceptance made. */
export function amendmentParagraph(a: Amendment): string | null {
  if (a.decision?.paragraphId) return a.decision.paragraphId;
  return a.target && 'paragraphId' in a.target ? a.target.paragraphId : null;
}

export function latestVersion(a: Amendment): AmendmentVersion | undefined {
  return a.versions.at(-1);
}

/** Tabled amendments (public), of a text or of one paragraph, in the order they were started. */
export function tabledAmendments(state: WithNegotiation, doc: string, paragraphId?: string): Amendment[] {
  return Object.values(state.negotiation.amendments).filter(
    (a) => a.doc === doc && a.status !== 'drafting' && !(a.status === 'withdrawn' && a.versions.length === 0) && (!paragraphId || amendmentParagraph(a) === paragraphId),
  );
}

/** Amendments still before the group (tabled, not decided or withdrawn). */
export function pendingAmendments(state: WithNegotiation, doc: string, paragraphId?: string): Amendment[] {
  return tabledAmendments(state, doc, paragraphId).filter((a) => a.status === 'tabled');
}

/** A delegation's own drafts (private: a UI shows them only to it). */
export function draftsOf(state: WithNegotiation, delegationId: string): Amendment[] {
  return Object.values(state.negotiation.amendments).filter((a) => a.sponsor === delegationId && a.status === 'drafting');
}

export function openBrackets(state: WithNegotiation, doc: string, paragraphId?: string): Bracket[] {
  return Object.values(state.negotiation.brackets).filter(
    (b) => b.status === 'open' && b.doc === doc && (!paragraphId || b.paragraphId === paragraphId),
  );
}

export function standingObjections(state: WithNegotiation, doc: string, paragraphId: string): ParagraphObjection[] {
  return (state.negotiation.objections[doc]?.[paragraphId] ?? []).filter((o) => !o.withdrawnAt);
}

export function positionsOn(state: WithNegotiation, doc: string, paragraphId: string): PositionStatement[] {
  return state.negotiation.positions[doc]?.[paragraphId] ?? [];
}

/** Delegations supporting, co-sponsoring or objecting to an amendment now. */
export function stancesOf(a: Amendment, stance: StanceKind): string[] {
  return Object.entries(a.stances)
    .filter(([, s]) => s.stance === stance)
    .map(([id]) => id);
}
