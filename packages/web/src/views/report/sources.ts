/**
 * Where each paragraph of the report comes from, as a place in the app: the
 * set-up tab that holds its record (the agenda, the participants, the
 * statements log of its item, the meeting's details), the paragraph in the
 * negotiated text, the written part of the report it belongs to, or the
 * report's own adoption record. Pure: the view draws the links.
 */
import { parseDocName, type ParagraphSource, type Role } from '@gavel/shared';
import { VIEWS_FOR_ROLE } from '../../routes';

export type SetupTab = 'meeting' | 'agenda' | 'participants' | 'statements';

export type SourcePlace =
  /** A tab of the secretariat's set-up; the statements log opens at the item. */
  | { kind: 'setup'; tab: SetupTab; itemId?: string }
  /** A paragraph of the negotiated text, in the text view. */
  | { kind: 'text'; paragraphId: string }
  /** A written part of the report itself (opened in place by the secretariat). */
  | { kind: 'written'; doc: string }
  /** The adoption of the report, in the report view's tools. */
  | { kind: 'adoption' };

/** Names the source in the UI: `report.source.<key>`. */
export type SourceKey = 'meeting' | 'opening' | 'agenda' | 'item' | 'registry' | 'statements' | 'documents' | 'text' | 'written' | 'adoption';

export function sourcePlace(source: ParagraphSource): SourcePlace {
  switch (source.kind) {
    case 'meeting_info':
      return { kind: 'setup', tab: 'meeting' };
    case 'opening':
    case 'agenda_adoption':
      return { kind: 'setup', tab: 'agenda' };
    case 'agenda_item':
      return { kind: 'setup', tab: 'agenda', itemId: source.itemId };
    case 'registry':
      return { kind: 'setup', tab: 'participants' };
    case 'statements':
      return { kind: 'setup', tab: 'statements', itemId: source.itemId };
    case 'documents':
      // The documents are listed with the agenda items they are before the meeting under.
      return { kind: 'setup', tab: 'agenda' };
    case 'report_adoption':
      return { kind: 'adoption' };
    case 'text':
      return parseDocName(source.doc)?.kind === 'recommendations' ? { kind: 'text', paragraphId: source.paragraphId } : { kind: 'written', doc: source.doc };
    default:
      // A kind the report may add later: its record is kept with the agenda.
      return { kind: 'setup', tab: 'agenda' };
  }
}

export function sourceKey(source: ParagraphSource): SourceKey {
  switch (source.kind) {
    case 'meeting_info':
      return 'meeting';
    case 'opening':
      return 'opening';
    case 'agenda_adoption':
      return 'agenda';
    case 'agenda_item':
      return 'item';
    case 'registry':
      return 'registry';
    case 'statements':
      return 'statements';
    case 'documents':
      return 'documents';
    case 'report_adoption':
      return 'adoption';
    case 'text':
      return parseDocName(source.doc)?.kind === 'recommendations' ? 'text' : 'written';
    default:
      return 'agenda';
  }
}

/**
 * The address of a place in the app, if the role may open it there: the
 * chair has no set-up, and a written part or the adoption is in the report
 * view itself (no address: the view acts in place).
 */
export function placeHref(place: SourcePlace, role: Role): string | null {
  const views = VIEWS_FOR_ROLE[role] as readonly string[];
  switch (place.kind) {
    case 'setup': {
      if (!views.includes('setup')) return null;
      const query = new URLSearchParams({ tab: place.tab });
      if (place.itemId) query.set('item', place.itemId);
      return `/setup?${query.toString()}`;
    }
    case 'text':
      return views.includes('text') ? `/text?${new URLSearchParams({ p: place.paragraphId }).toString()}` : null;
    default:
      return null;
  }
}

/** The part of the report a written text is, to name it: `report.part.<kind>`, with its agenda item. */
export function writtenPart(doc: string): {
  kind: 'introduction' | 'addition' | 'itemIntroduction' | 'presentations' | 'discussion' | 'adoption' | 'other';
  itemId?: string;
} {
  const ref = parseDocName(doc);
  if (!ref) return { kind: 'other' };
  switch (ref.kind) {
    case 'introduction':
      return { kind: 'introduction' };
    case 'adoption':
    case 'addition':
      return { kind: ref.kind };
    case 'summary':
      return { kind: ref.part === 'introduction' ? 'itemIntroduction' : ref.part, itemId: ref.itemId };
    default:
      return { kind: 'other' };
  }
}
