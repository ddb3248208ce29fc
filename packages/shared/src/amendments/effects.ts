/**
 * What recorded decisions do to the words of a text. The ledger says what
 * was decided (and the words that result); the server then makes the text
 * say it, as a trusted edit under the decider's name, in the same turn of the
 * text as the decision (nobody types in between). Pure: from events to edits.
 */
import type { DomainEvent } from '../domain/events';
import type { RichParagraph } from '../editor/rich';
import type { Place } from './commands';

export type TextEdit =
  /** The paragraph's words (and subparagraphs) become `content`; its id, status and history stay. */
  | { op: 'replace'; doc: string; paragraphId: string; content: RichParagraph }
  /** A new paragraph with this id at `place`. */
  | { op: 'insert'; doc: string; paragraphId: string; place: Place; content: RichParagraph }
  /** The bracket becomes plain `words` ('' : it goes). */
  | { op: 'lift'; doc: string; paragraphId: string; bracketId: string; words: string }
  /** A footnote at the end of the paragraph's own words. */
  | { op: 'footnote'; doc: string; paragraphId: string; note: string };

export function textEditsOf(events: readonly DomainEvent[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const e of events) {
    switch (e.type) {
      case 'AmendmentDecided': {
        const p = e.payload;
        if (!p.result || !p.paragraphId) break;
        if (p.place) edits.push({ op: 'insert', doc: p.doc, paragraphId: p.paragraphId, place: p.place, content: p.result });
        else edits.push({ op: 'replace', doc: p.doc, paragraphId: p.paragraphId, content: p.result });
        break;
      }
      case 'BracketLifted':
        // Lifted by accepting an amendment: the amendment's words already replace the paragraph.
        if (!e.payload.amendmentId) {
          edits.push({ op: 'lift', doc: e.payload.doc, paragraphId: e.payload.paragraphId, bracketId: e.payload.bracketId, words: e.payload.words });
        }
        break;
      case 'ParagraphStatusSet': {
        const f = e.payload.decision?.footnote;
        if (f) edits.push({ op: 'footnote', doc: e.payload.doc, paragraphId: e.payload.paragraphId, note: f.note });
        break;
      }
    }
  }
  return edits;
}
