/**
 * What a negotiation command needs to know of the texts, which live in Yjs
 * and not in the ledger: which paragraphs a text has, in what order, and
 * the words of the paragraphs concerned; or the words of an amendment's
 * draft. The server reads them (at the moment of the decision, holding the
 * text so that nobody types in between) and passes them to the pure
 * `decide` in its context. `factsNeeded` says what to read.
 */
import type { MeetingState } from '../domain/state';
import type { RichParagraph } from '../editor/rich';
import type { AmendmentCommand, AmendmentKind, Place } from './commands';

export interface TextFacts {
  doc: string;
  /** Every paragraph of the text, in document order (numbered or not). */
  paragraphIds: string[];
  /** Paragraph id → its number now (null: unnumbered). */
  numbers: Record<string, number | null>;
  /** How many headings the text has (for `afterHeading` places). */
  headings: number;
  /** The words of the paragraphs asked for. */
  content: Record<string, RichParagraph>;
}

/** What the server keeps in an amendment's draft beside its words, written only by the server. */
export interface DraftMeta {
  kind: AmendmentKind;
  doc: string;
  paragraphId?: string;
  place?: Place;
  /** The paragraph's words when the draft started (null for a new paragraph): the base of the merge. */
  base: RichParagraph | null;
  startedAt: string;
}

export interface DraftFacts {
  amendmentId: string;
  /** null: the server never finished making the draft. */
  meta: DraftMeta | null;
  /** The draft's first paragraph with its subparagraphs; null if it has none. */
  content: RichParagraph | null;
  /** Why the draft cannot be tabled as it is (two paragraphs, a heading), or null. */
  problem: string | null;
}

export interface CommandFacts {
  /** The text the command is about. */
  text?: TextFacts;
  /** Another text a footnote points into. */
  target?: TextFacts;
  draft?: DraftFacts;
}

export interface FactsRequest {
  /** Read this text: its paragraph ids, and the words of `paragraphs`. */
  text?: { doc: string; paragraphs: string[]; /** hold the text until the decision is recorded and applied */ exclusive: boolean };
  target?: { doc: string };
  draft?: { amendmentId: string };
}

/** What the server must read before deciding `command`; null: nothing. */
export function factsNeeded(state: Pick<MeetingState, 'negotiation'>, command: AmendmentCommand): FactsRequest | null {
  switch (command.type) {
    case 'amendment.start':
      return { text: { doc: command.doc, paragraphs: command.paragraphId ? [command.paragraphId] : [], exclusive: false } };
    case 'amendment.table':
    case 'amendment.revise':
      return { draft: { amendmentId: command.amendmentId } };
    case 'amendment.decide': {
      const a = state.negotiation.amendments[command.amendmentId];
      if (!a) return null;
      const pid = a.target && 'paragraphId' in a.target ? a.target.paragraphId : null;
      return { text: { doc: a.doc, paragraphs: pid ? [pid] : [], exclusive: true } };
    }
    case 'bracket.lift': {
      const b = state.negotiation.brackets[command.bracketId];
      return b ? { text: { doc: b.doc, paragraphs: [b.paragraphId], exclusive: true } } : null;
    }
    case 'objection.raise':
    case 'position.record':
      return { text: { doc: command.doc, paragraphs: [], exclusive: false } };
    case 'adoption.decide': {
      const other = command.footnote && 'paragraphId' in command.footnote.target ? command.footnote.target.doc : undefined;
      return {
        // In the text's own turn: no keystroke between the decision and the words it fixes (the ledger binds the text's head).
        text: { doc: command.doc, paragraphs: [], exclusive: true },
        ...(other && other !== command.doc ? { target: { doc: other } } : {}),
      };
    }
    default:
      return null;
  }
}
