/**
 * The report's generated chapters as a tree (issue 6). Every generated
 * sentence is a kind with its parameters, never a string: `renderSentence`
 * writes it in any of the six languages. Names carry all the languages the
 * registry has. Words typed by the secretariat (agenda items, documents,
 * the body, the venue) are given per language and resolved when the
 * skeleton is built for a language (issue 13): a missing translation falls
 * back visibly (`fallbacks`), and the attendance lists follow that
 * language's UN alphabetical order.
 */
import type { Lang } from '../languages';
import type { OrganizationSection } from '../protocol/yjs';
import type { Category } from '../participants/categories';

/** A name in every language the registry knows it in. */
export type NameMap = Partial<Record<Lang, string>>;

/** How the report refers to the body, "the working group". Only working groups for now. */
export type BodyKind = 'working_group';

export interface AgendaRef {
  itemId: string;
  /** [3] for item 3, [1, 2] for 1 (b). */
  path: number[];
  /** In the drafting language. */
  title: string;
}

export interface DocumentRef {
  symbol: string;
  /** In the drafting language; may be empty. */
  title: string;
  /** "a background paper prepared by the Secretariat on …": how the documents paragraph describes it, when the secretariat gave it. */
  description?: string;
}

export interface PanellistRef {
  name: string;
  /** The delegation the panellist comes from, if any. */
  country: NameMap | null;
  /** The form of address registered for the panellist in the report's language ("السيدة", "Mme"), or ''. */
  title?: string;
  /** From the form of address in any language, for the title a language lacks and for agreement. */
  gender?: Gender;
}

export type Gender = 'f' | 'm' | null;

/** A generated sentence: a kind and its parameters. */
export type Sentence =
  /** "The working group held its meeting in Vienna from 27 to 29 January 2010." */
  | { kind: 'meeting_held'; body: BodyKind; venue: string; startDate: string; endDate: string }
  /** "The meeting was opened by the Chair, Dominika Krois (Poland)." */
  | { kind: 'meeting_opened'; chair: { name: string; country: NameMap | null; gender: Gender } | null; date: string }
  /** "On 27 January, the working group adopted the following agenda:" (the agenda follows as a list). */
  | { kind: 'agenda_adopted'; body: BodyKind; date: string }
  /** "The following States parties were represented: …" */
  | { kind: 'attendance'; category: Category; names: NameMap[]; instrument?: string }
  /** "On 27 January, the working group considered agenda item 3, entitled "…"." */
  | { kind: 'item_considered'; body: BodyKind; dates: string[]; item: AgendaRef }
  /** "For its consideration of the item, the working group had before it the following document: Background paper … (CTOC/COP/WG.4/2010/2)." */
  | { kind: 'documents_before'; body: BodyKind; item: AgendaRef; documents: DocumentRef[] }
  /** "The following panellists took part: Venla Roth (Finland), … and Olivier Weber (France)." */
  | { kind: 'panellists'; panellists: PanellistRef[] }
  /** "Under agenda item 3, the working group heard statements by representatives of the following States: …" (in the order they spoke). */
  | { kind: 'states_heard'; body: BodyKind; item: AgendaRef; names: NameMap[] }
  /** A regional economic integration organization party (the European Union) also spoke. */
  | { kind: 'reio_heard'; names: NameMap[] }
  /** "The observers for … also made statements." (observer and signatory States, observer entities). */
  | {
      kind: 'observers_heard';
      names: NameMap[];
      /** Which of them are entities with an observer mission (Palestine), not States: the languages that name the kind say "entity" for them. Absent: States only. */
      of?: 'entities' | 'states_and_entities';
    }
  /** Observers for organizations (UN bodies, IGOs, other entities, NGOs) that spoke. */
  | { kind: 'organizations_heard'; names: NameMap[] }
  /** "The working group had before it the following documents:" (III.D; the documents follow as a list). */
  | { kind: 'documentation'; body: BodyKind }
  /** "On 29 January 2010, the working group adopted the report on its meeting." (V, from the adoption in the ledger). */
  | { kind: 'report_adopted'; body: BodyKind; date: string };

export type SentenceKind = Sentence['kind'];

/** Where a generated paragraph comes from, for the report view's link to its source. */
export type SourceRef =
  | { kind: 'meeting_info' }
  | { kind: 'opening'; at: string | null }
  | { kind: 'agenda_adoption' }
  /** The documents listed under the agenda items (III.D). */
  | { kind: 'documents' }
  | { kind: 'registry'; category: Category }
  | { kind: 'agenda_item'; itemId: string }
  | { kind: 'statements'; itemId: string; statementIds: string[] }
  /** The record of the report's adoption (`state.report.adoption`). */
  | { kind: 'report_adoption' };

/** A numbered paragraph made of generated sentences. */
export interface GeneratedParagraph {
  kind: 'paragraph';
  /** Stable within a report: the numbering pass keys its numbers by it. */
  id: string;
  sentences: Sentence[];
  source: SourceRef;
}

/** The adopted agenda, as the paragraph before it announces (not numbered). */
export interface AgendaListBlock {
  kind: 'agenda_list';
  id: string;
  items: { ref: AgendaRef; children: AgendaRef[] }[];
}

/**
 * The documents before the meeting, as the paragraph before it announces
 * (III.D, not numbered): every document of every agenda item and sub-item, in
 * agenda order, each symbol once.
 */
export interface DocumentsListBlock {
  kind: 'documents_list';
  id: string;
  documents: DocumentRef[];
}

/**
 * Where written paragraphs go: the chair's introduction of an item, the
 * panellists' presentations, the discussion, what the secretariat adds to the
 * adoption of the report. Each slot is a text document of the meeting
 * (`slotDocName`); its paragraphs are numbered where the slot stands, the
 * numbering pass counting as many as it is told the slot holds.
 */
export type SlotKind = 'organization' | 'item_introduction' | 'presentations' | 'discussion' | 'adoption_of_report';

export interface SlotBlock {
  kind: 'slot';
  id: string;
  slot: SlotKind;
  /** For item slots. */
  itemId?: string;
  /** For the slots of chapter III: the section added to. */
  section?: OrganizationSection;
}

export type ReportBlock = GeneratedParagraph | AgendaListBlock | DocumentsListBlock | SlotBlock;

/** The sections of chapter III, whose titles the report writes in each language. */
/** The sections of chapter III. */
export type FixedSectionKey = OrganizationSection;

export type SectionHeading =
  | { kind: 'fixed'; key: FixedSectionKey }
  | { kind: 'agenda_item'; item: AgendaRef };

export interface ReportSection {
  id: string;
  /** 1-based: A, B, C … (ألف، باء، جيم …). */
  number: number;
  heading: SectionHeading;
  blocks: ReportBlock[];
}

export type ChapterKey = 'organization' | 'deliberations' | 'adoption';

export interface ReportChapter {
  id: ChapterKey;
  /** 3, 4, 5: chapters I and II (introduction, recommendations) are written and adopted texts. */
  number: number;
  /** Sections; a chapter without sections (V) has its blocks in `blocks`. */
  sections: ReportSection[];
  blocks: ReportBlock[];
}

export interface Masthead {
  symbol: string;
  /** YYYY-MM-DD */
  startDate: string;
  endDate: string;
  title: string;
  body: string;
  parentBody: string;
  venue: string;
  /** The language the report is drafted in ("Original: English"). */
  originalLanguage: Lang;
}

/**
 * Typed words the report shows in another language than its own because
 * nobody gave them in it (the translation is missing): where, and in which
 * language they were shown instead.
 */
export interface WordFallback {
  /** e.g. "meeting.title", "agenda.ai_x.title", "document.CTOC/COP/WG.4/2010/2.title". */
  where: string;
  /** The language shown instead. */
  shown: Lang;
}

export interface ReportSkeleton {
  /** The language whose alphabetical order the attendance lists follow. */
  lang: Lang;
  masthead: Masthead;
  chapters: ReportChapter[];
  /** Words shown in another language (a draft marks them; a final export refuses them unless accepted). */
  fallbacks: WordFallback[];
}
