import type { RichParagraph } from '../editor/rich';
import type { AmendmentKind, AmendmentOutcome, Place, PositionKind } from './commands';
import type { AmendmentTarget, NegotiationSettings, StanceKind } from './model';

/** A version as tabled; who and when come from the ledger event around it. */
export interface TabledVersion {
  version: number;
  base: RichParagraph | null;
  proposed: RichParagraph | null;
  note?: string;
}

/** What the negotiation commands decide. Who and when come from the ledger event around them. */
export type AmendmentEvent =
  | { type: 'AmendmentsConfigured'; payload: Partial<NegotiationSettings> }
  /** A private draft exists: nothing about what it amends (that is public only when tabled). */
  | { type: 'AmendmentDraftStarted'; payload: { amendmentId: string; doc: string; delegationId: string; origin: 'delegation' | 'floor' } }
  | { type: 'AmendmentTabled'; payload: { amendmentId: string; kind: AmendmentKind; target: AmendmentTarget; version: TabledVersion } }
  | { type: 'AmendmentRevised'; payload: { amendmentId: string; version: TabledVersion } }
  | { type: 'AmendmentWithdrawn'; payload: { amendmentId: string; reason?: string; wasTabled: boolean } }
  | {
      type: 'AmendmentStanceTaken';
      payload: { amendmentId: string; delegationId: string; stance: StanceKind; reason?: string; version: number; from?: StanceKind };
    }
  | { type: 'AmendmentStanceRetracted'; payload: { amendmentId: string; delegationId: string; stance: StanceKind } }
  | {
      type: 'AmendmentDecided';
      payload: {
        amendmentId: string;
        outcome: AmendmentOutcome;
        version: number;
        doc: string;
        /** The paragraph changed, inserted (a new id) or deleted; null when rejected. */
        paragraphId: string | null;
        /** Where a new paragraph went. */
        place?: Place;
        /** The paragraph's words as the decision leaves them (the server writes them into the text); null: no change to words. */
        result: RichParagraph | null;
        merged: boolean;
        brackets: string[];
        note?: string;
      };
    }
  | {
      type: 'BracketPlaced';
      payload: { bracketId: string; doc: string; paragraphId: string; alternatives: string[]; proposedBy: string; label: string; amendmentId?: string };
    }
  | { type: 'BracketHeld'; payload: { bracketId: string; delegationId: string; reason?: string } }
  | { type: 'BracketReleased'; payload: { bracketId: string; delegationId: string } }
  | {
      type: 'BracketLifted';
      payload: {
        bracketId: string;
        doc: string;
        paragraphId: string;
        /** The alternative kept; null: none (the bracketed words go). */
        keep: number | null;
        /** The words left in the text. */
        words: string;
        note?: string;
        /** Lifted by accepting this amendment (its words replace the bracket): no edit of its own. */
        amendmentId?: string;
      };
    }
  | { type: 'ObjectionRaised'; payload: { doc: string; paragraphId: string; delegationId: string; reason: string } }
  | { type: 'ObjectionWithdrawn'; payload: { doc: string; paragraphId: string; delegationId: string } }
  | { type: 'PositionRecorded'; payload: { doc: string; paragraphId: string; delegationId: string; kind: PositionKind; text: string } };

export const AMENDMENT_EVENT_TYPES = [
  'AmendmentsConfigured',
  'AmendmentDraftStarted',
  'AmendmentTabled',
  'AmendmentRevised',
  'AmendmentWithdrawn',
  'AmendmentStanceTaken',
  'AmendmentStanceRetracted',
  'AmendmentDecided',
  'BracketPlaced',
  'BracketHeld',
  'BracketReleased',
  'BracketLifted',
  'ObjectionRaised',
  'ObjectionWithdrawn',
  'PositionRecorded',
] as const satisfies readonly AmendmentEvent['type'][];

// Fails to compile if an event type is missing from the list above.
type Missing = Exclude<AmendmentEvent['type'], (typeof AMENDMENT_EVENT_TYPES)[number]>;
const _complete: Missing extends never ? true : Missing = true;
void _complete;

export function isAmendmentEvent<E extends { type: string }>(e: E): e is Extract<E, AmendmentEvent> {
  return (AMENDMENT_EVENT_TYPES as readonly string[]).includes(e.type);
}

/** Events after which who may write an amendment's draft changes (the gateway tells open editors). */
export const DRAFT_ACCESS_EVENTS: readonly string[] = ['AmendmentWithdrawn', 'AmendmentDecided'];
