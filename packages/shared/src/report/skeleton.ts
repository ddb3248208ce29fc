import { agendaInOrder } from '../agenda/numbering';
import type { AgendaState } from '../agenda/model';
import type { MeetingState } from '../domain/state';
import { compareNames } from '../i18n/collation';
import type { Lang } from '../languages';
import { runningTextNames, stateByM49 } from '../names/states';
import { CATEGORIES, STATE_CATEGORIES, type Category } from '../participants/categories';
import { delegationName } from '../participants/names';
import { docNameOf } from '../protocol/yjs';
import type { Person } from '../participants/model';
import type { Capacity, Statement } from '../speakers/model';
import { venueDate } from '../core/venue-time';
import { pickLocalized, type Localized } from '../core/localized';
import { knownVenue } from './venues';
import type {
  AgendaListBlock,
  AgendaRef,
  DocumentRef,
  Gender,
  GeneratedParagraph,
  Masthead,
  NameMap,
  PanellistRef,
  ReportBlock,
  ReportChapter,
  ReportSection,
  ReportSkeleton,
  Sentence,
  SlotBlock,
  WordFallback,
} from './model';

export interface SkeletonOptions {
  /**
   * The agenda items that get a section of chapter IV, in agenda order.
   * Default: the top-level items on which statements were heard (on the item
   * or its sub-items) or panellists spoke; an item taken up without any
   * statement is left out unless named here.
   */
  itemIds?: string[];
  /**
   * The categories whose speakers are "representatives of the following
   * States" (the members of the body); other State categories (signatories,
   * non-signatory States, observer entities) are "observers". Default: States
   * parties, as in the model report.
   */
  memberCategories?: readonly Category[];
  /**
   * Attendance lists of organizations (the regional organization party, UN
   * bodies, IGOs, other entities, NGOs) keep the English order in every
   * language, as the model's Arabic edition does; `language` sorts them in
   * the report's language like the States.
   */
  organizationOrder?: 'english' | 'language';
  /**
   * Words typed without a translation into the report's language are shown
   * in another language: marked "[en: …]" in a draft (the default), as they
   * are in a final export (which refuses them unless the secretariat accepts
   * them; the caller checks `fallbacks`).
   */
  words?: 'draft' | 'final';
}

/**
 * Typed words in the skeleton's language: the translation when given, else
 * the meeting's language (or any), marked in a draft and listed in
 * `fallbacks` either way.
 */
export class Words {
  readonly fallbacks: WordFallback[] = [];
  private readonly seen = new Set<string>();
  constructor(
    readonly lang: Lang,
    private readonly original: Lang,
    private readonly mark: boolean,
  ) {}
  get(value: Localized, where: string): string {
    const picked = pickLocalized(value, this.lang, this.original);
    if (!picked.fallback || !picked.lang) return picked.text;
    if (!this.seen.has(where)) {
      this.seen.add(where);
      this.fallbacks.push({ where, shown: picked.lang });
    }
    return this.mark ? fallbackMark(picked.text, picked.lang) : picked.text;
  }
  /** A venue in the UN's table of cities needs no translation: the table names it in every language. */
  venue(value: Localized): string {
    const typed = value[this.lang];
    if (typed) return typed;
    for (const v of Object.values(value)) {
      const known = v ? knownVenue(v, this.lang) : undefined;
      if (known) return known;
    }
    return this.get(value, 'meeting.venue');
  }
}

/**
 * How a draft shows words typed in another language: "[en: Working Group on …]",
 * isolated (FSI … PDI) so that English in an Arabic edition keeps its order.
 */
export function fallbackMark(text: string, shown: Lang): string {
  return `\u2068[${shown}: ${text}]\u2069`;
}

/** The capacities a delegation's speaking counts as "made a statement". */
const HEARD: readonly Capacity[] = ['statement', 'right_of_reply'];
const STATE_CATEGORY_SET: ReadonlySet<Category> = new Set(STATE_CATEGORIES);
const ORGANIZATION_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['un_body', 'igo_observer', 'igo', 'other_entity', 'ngo']);

/**
 * The generated chapters of the report (III. Organization of the meeting,
 * IV. Summary of deliberations, V. Adoption of the report) from the ledger
 * state. Pure: the same state gives the same tree.
 */
export function buildReportSkeleton(state: MeetingState, lang: Lang, options: SkeletonOptions = {}): ReportSkeleton {
  const { info } = state;
  const words = new Words(lang, info.language, (options.words ?? 'draft') === 'draft');
  const masthead = mastheadOf(state, words);
  const chapters = [organizationChapter(state, lang, options, words, masthead.venue), deliberationsChapter(state, options, words), adoptionChapter(state)];
  return { lang, masthead, chapters, fallbacks: words.fallbacks };
}

/**
 * The ids of every paragraph the report may generate now (`p-opening`,
 * `p-item-<item>-heard`, …), every top-level agenda item counted as having
 * its section in IV (the report gives one to an item with a written summary
 * and no statement): what a footnote may point at among generated paragraphs.
 */
export function generatedParagraphIds(state: MeetingState): Set<string> {
  const itemIds = Object.values(state.agenda.items).filter((i) => i.parentId === null).map((i) => i.id);
  const skeleton = buildReportSkeleton(state, state.info.language, { itemIds });
  const ids = new Set<string>();
  for (const chapter of skeleton.chapters) {
    for (const block of [...chapter.sections.flatMap((s) => s.blocks), ...chapter.blocks]) if (block.kind === 'paragraph') ids.add(block.id);
  }
  return ids;
}

/** The masthead's words of a document of the meeting (the report, the list of participants). */
export function mastheadOf(state: MeetingState, words: Words): Masthead {
  const { info } = state;
  return {
    symbol: info.symbol,
    startDate: info.startDate,
    endDate: info.endDate,
    title: words.get(info.title, 'meeting.title'),
    body: words.get(info.body, 'meeting.body'),
    parentBody: words.get(info.parentBody, 'meeting.parentBody'),
    venue: words.venue(info.venue),
    originalLanguage: info.language,
  };
}

function dayOf(state: MeetingState, iso: string): string {
  return venueDate(Date.parse(iso), state.rules.programme.timeZone);
}

// ---------------------------------------------------------------- III

function organizationChapter(state: MeetingState, lang: Lang, options: SkeletonOptions, words: Words, venue: string): ReportChapter {
  const sections: ReportSection[] = [
    { id: 's-opening', number: 1, heading: { kind: 'fixed', key: 'opening' }, blocks: [openingParagraph(state, lang, venue)] },
    { id: 's-agenda', number: 2, heading: { kind: 'fixed', key: 'agenda_adoption' }, blocks: agendaBlocks(state, words) },
    { id: 's-attendance', number: 3, heading: { kind: 'fixed', key: 'attendance' }, blocks: attendanceParagraphs(state, lang, options, words) },
  ];
  if (state.report.documentation) {
    sections.push({ id: 's-documentation', number: 4, heading: { kind: 'fixed', key: 'documentation' }, blocks: documentationBlocks(state, words) });
  }
  // Generated from the record, editable only by adding to it: each section ends with the secretariat's additions.
  for (const section of sections) {
    if (section.heading.kind !== 'fixed') continue;
    const key = section.heading.key;
    section.blocks.push({ kind: 'slot', id: `w-${key}`, slot: 'organization', section: key });
  }
  return { id: 'organization', number: 3, sections, blocks: [] };
}

function openingParagraph(state: MeetingState, lang: Lang, venue: string): GeneratedParagraph {
  const { info } = state;
  const sentences: Sentence[] = [
    { kind: 'meeting_held', body: 'working_group', venue, startDate: info.startDate, endDate: info.endDate },
  ];
  if (state.opening) sentences.push({ kind: 'meeting_opened', chair: chairOf(state, lang), date: dayOf(state, state.opening.at) });
  return { kind: 'paragraph', id: 'p-opening', sentences, source: { kind: 'opening', at: state.opening?.at ?? null } };
}

/**
 * The chair as the meeting's details name them, else the registered person
 * with the function of chair; spelled as the report's language spells the
 * person's name, when the secretariat gave it.
 */
function chairOf(state: MeetingState, lang: Lang): { name: string; country: NameMap | null; gender: Gender } | null {
  const person = Object.values(state.persons).find((p) => p.function === 'chair');
  const typed = state.info.chair.name;
  const same = person && (!typed || person.name === typed);
  const name = (same ? personName(person, lang) : typed) || person?.name || '';
  if (!name) return null;
  let country: NameMap | null = null;
  if (state.info.chair.m49) country = stateByM49(state.info.chair.m49)?.names ?? null;
  else if (person?.delegationId && state.delegations[person.delegationId]) country = state.delegations[person.delegationId].names;
  return { name, country, gender: genderOf(Object.values(person?.title ?? {}).join(' ')) };
}

/** A person's name in a language's script, where given ("فينلا روت"), else as registered. */
export function personName(person: Person, lang: Lang): string {
  return person.names?.[lang] || person.name;
}

/** From a form of address: "Ms.", "Mrs.", "Mme", "H.E. Ms." … */
export function genderOf(title: string): Gender {
  if (/\b(Ms|Mrs|Mme|Mlle|Sra|Srta|Madam)\b|г-жа|госпожа|女士|السيدة/i.test(title)) return 'f';
  if (/\b(Mr|M|Sr|Sir)\b\.?|г-н|господин|先生|السيد/.test(title)) return 'm';
  return null;
}

function agendaRefOf(agenda: AgendaState, itemId: string, label: string, title: string): AgendaRef {
  return { itemId, path: agenda.items[itemId]?.path ?? parseAgendaLabel(label), title };
}

/** "3" → [3]; "1 (b)" → [1, 2]; "1 (aa)" → [1, 27]. */
export function parseAgendaLabel(label: string): number[] {
  const m = /^(\d+)(?:\s*\(([a-z]+)\))?$/.exec(label.trim());
  if (!m) return [];
  if (!m[2]) return [Number(m[1])];
  const sub = [...m[2]].reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 96), 0);
  return [Number(m[1]), sub];
}

function agendaBlocks(state: MeetingState, words: Words): ReportBlock[] {
  const { adoption } = state.agenda;
  if (!adoption) return [];
  const list: AgendaListBlock = { kind: 'agenda_list', id: 'l-agenda', items: [] };
  for (const line of adoption.agenda) {
    // The agenda as adopted: labels and titles frozen at adoption, not as amended since.
    // Translations added since the adoption belong to the words adopted, as long as those did not change.
    const live = state.agenda.items[line.itemId]?.title;
    const original = state.info.language;
    const title = live && live[original] === line.title[original] ? { ...live, ...line.title } : line.title;
    const ref: AgendaRef = { itemId: line.itemId, path: parseAgendaLabel(line.label), title: words.get(title, `agenda.${line.itemId}.title`) };
    if (ref.path.length === 2 && list.items.length > 0) list.items[list.items.length - 1].children.push(ref);
    else list.items.push({ ref, children: [] });
  }
  return [
    {
      kind: 'paragraph',
      id: 'p-agenda',
      sentences: [{ kind: 'agenda_adopted', body: 'working_group', date: dayOf(state, adoption.at) }],
      source: { kind: 'agenda_adoption' },
    },
    list,
  ];
}

/**
 * III.D Documentation, when the secretariat asked for it (`report.configure`):
 * the paragraph announcing the documents, then every document of every item
 * and sub-item in agenda order, each symbol once (a document before several
 * items is listed where it first appears). Kept even with no document yet,
 * so that the empty list shows the secretariat what is missing.
 */
function documentationBlocks(state: MeetingState, words: Words): ReportBlock[] {
  const documents: DocumentRef[] = [];
  const seen = new Set<string>();
  for (const item of agendaInOrder(state.agenda)) {
    for (const d of item.documents) {
      if (seen.has(d.symbol)) continue;
      seen.add(d.symbol);
      documents.push({ symbol: d.symbol, title: words.get(d.title, `document.${d.symbol}.title`) });
    }
  }
  return [
    { kind: 'paragraph', id: 'p-documentation', sentences: [{ kind: 'documentation', body: 'working_group' }], source: { kind: 'documents' } },
    { kind: 'documents_list', id: 'l-documents', documents },
  ];
}

/**
 * Delegations of a category in the order the attendance lists give them:
 * States by the UN's alphabetical rule of the language, organizations by
 * their English names unless `organizationOrder` says the language's.
 */
export function inAttendanceOrder<T>(
  items: readonly T[],
  namesOf: (item: T) => NameMap,
  category: Category,
  lang: Lang,
  options: Pick<SkeletonOptions, 'organizationOrder'>,
): T[] {
  const sortLang: Lang = STATE_CATEGORY_SET.has(category) || options.organizationOrder === 'language' ? lang : 'en';
  const compare = compareNames(sortLang);
  const name = (item: T) => delegationName({ names: namesOf(item) }, sortLang);
  return [...items].sort((a, b) => compare(name(a), name(b)));
}

function attendanceParagraphs(state: MeetingState, lang: Lang, options: SkeletonOptions, words: Words): GeneratedParagraph[] {
  // The treaty the States are parties to, only where the secretariat named it.
  const typed = state.info.instrument ?? {};
  const instrument = Object.values(typed).some(Boolean) ? words.get(typed, 'meeting.instrument') : '';
  const byCategory = new Map<Category, NameMap[]>();
  for (const d of Object.values(state.delegations)) {
    const list = byCategory.get(d.category) ?? [];
    list.push(d.names);
    byCategory.set(d.category, list);
  }
  const paragraphs: GeneratedParagraph[] = [];
  for (const category of CATEGORIES) {
    const names = byCategory.get(category);
    if (!names?.length) continue;
    const sorted = inAttendanceOrder(names, (n) => n, category, lang, options);
    paragraphs.push({
      kind: 'paragraph',
      id: `p-attendance-${category}`,
      sentences: [{ kind: 'attendance', category, names: sorted, ...(instrument ? { instrument } : {}) }],
      source: { kind: 'registry', category },
    });
  }
  return paragraphs;
}

// ---------------------------------------------------------------- IV

function topItemOf(state: MeetingState, itemId: string): string {
  let id = itemId;
  for (let i = 0; i < 3 && state.agenda.items[id]?.parentId; i++) id = state.agenda.items[id].parentId as string;
  return id;
}

/** Statements counted for the record (not voided), in the order they started. */
function heardStatements(state: MeetingState): Statement[] {
  return state.statements
    .filter((s) => !s.voided)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.startedAt.localeCompare(b.s.startedAt) || a.s.recordedSeq - b.s.recordedSeq || a.i - b.i)
    .map(({ s }) => s);
}

function deliberationsChapter(state: MeetingState, options: SkeletonOptions, words: Words): ReportChapter {
  const statements = heardStatements(state);
  const byItem = new Map<string, Statement[]>();
  for (const s of statements) {
    const top = topItemOf(state, s.itemId);
    const list = byItem.get(top) ?? [];
    list.push(s);
    byItem.set(top, list);
  }
  const wanted = options.itemIds ? new Set(options.itemIds) : null;
  const items = agendaInOrder(state.agenda).filter(
    (item) =>
      item.parentId === null &&
      (wanted
        ? wanted.has(item.id)
        : (byItem.get(item.id) ?? []).some((s) => s.capacity === 'panellist' || HEARD.includes(s.capacity))),
  );
  const members = new Set<Category>(options.memberCategories ?? ['state_party']);
  const sections = items.map((item, i) => itemSection(state, item.id, i + 1, byItem.get(item.id) ?? [], members, words));
  return { id: 'deliberations', number: 4, sections, blocks: [] };
}

function itemSection(
  state: MeetingState,
  itemId: string,
  number: number,
  statements: Statement[],
  members: ReadonlySet<Category>,
  words: Words,
): ReportSection {
  const item = state.agenda.items[itemId];
  const ref: AgendaRef = agendaRefOf(state.agenda, itemId, item.label, words.get(item.title, `agenda.${itemId}.title`));
  // The days its statements were made, at the venue, as corrected: not when the chair pressed "take up"
  // (a meeting recorded from notes takes items up on another day). An item heard without a statement: the days it was taken up.
  const days = new Set(statements.map((s) => dayOf(state, s.startedAt)));
  if (days.size === 0) for (const i of [item, ...item.children.map((c) => state.agenda.items[c])]) for (const p of i?.periods ?? []) days.add(dayOf(state, p.startedAt));
  const blocks: ReportBlock[] = [];
  const para = (suffix: string, sentence: Sentence, statementIds?: string[]): GeneratedParagraph => ({
    kind: 'paragraph',
    id: `p-item-${itemId}-${suffix}`,
    sentences: [sentence],
    source: statementIds ? { kind: 'statements', itemId, statementIds } : { kind: 'agenda_item', itemId },
  });
  blocks.push(para('considered', { kind: 'item_considered', body: 'working_group', dates: [...days].sort(), item: ref }));
  const documents = [item, ...item.children.map((c) => state.agenda.items[c]).filter(Boolean)].flatMap((i) => i.documents);
  if (documents.length > 0)
    blocks.push(
      para('documents', {
        kind: 'documents_before',
        body: 'working_group',
        item: ref,
        documents: documents.map((d) => ({
          symbol: d.symbol,
          title: words.get(d.title, `document.${d.symbol}.title`),
          ...(d.description && Object.values(d.description).some((v) => v?.trim()) ? { description: words.get(d.description, `document.${d.symbol}.description`) } : {}),
        })),
      }),
    );
  blocks.push({ kind: 'slot', id: `w-item-${itemId}-introduction`, slot: 'item_introduction', itemId });

  const panellists: PanellistRef[] = [];
  const panellistIds: string[] = [];
  const seenPanellists = new Set<string>();
  const groups = { member: new Speakers(), reio: new Speakers(), observer: new Speakers(), organization: new Speakers() };
  /** The observers heard: States, entities with an observer mission, or both (the sentence names their kind). */
  const observerKinds = new Set<'state' | 'entity'>();
  for (const s of statements) {
    if (s.capacity === 'panellist') {
      const country = s.delegationId ? (state.delegations[s.delegationId]?.names ?? s.delegation?.names ?? null) : null;
      const name = s.speakerName ?? (country ? delegationName({ names: country }) : '?');
      const key = `${name.toLowerCase()}|${s.delegationId ?? ''}`;
      panellistIds.push(s.id);
      if (seenPanellists.has(key)) continue;
      seenPanellists.add(key);
      panellists.push({ name, country, ...panellistOf(state, s, words.lang) });
      continue;
    }
    if (!HEARD.includes(s.capacity) || !s.delegationId) continue;
    const live = state.delegations[s.delegationId];
    const category = live?.category ?? s.delegation?.category;
    const registered = live?.names ?? s.delegation?.names;
    if (!category || !registered) continue;
    // Running text: "United States" where the attendance says "United States of America".
    const names = runningTextNames(live?.m49, registered);
    const group = members.has(category)
      ? groups.member
      : category === 'reio_party'
        ? groups.reio
        : STATE_CATEGORY_SET.has(category)
          ? groups.observer
          : ORGANIZATION_CATEGORIES.has(category)
            ? groups.organization
            : groups.observer;
    group.add(s.delegationId, names, s.id);
    if (group === groups.observer) observerKinds.add(category === 'observer_entity' ? 'entity' : 'state');
  }
  const observers: Sentence = {
    kind: 'observers_heard',
    names: groups.observer.names,
    ...(observerKinds.has('entity') ? { of: observerKinds.has('state') ? 'states_and_entities' : 'entities' } : {}),
  };
  if (panellists.length > 0) {
    blocks.push(para('panellists', { kind: 'panellists', panellists }, panellistIds));
    blocks.push({ kind: 'slot', id: `w-item-${itemId}-presentations`, slot: 'presentations', itemId });
  }
  if (groups.member.names.length > 0) {
    const sentences: Sentence[] = [{ kind: 'states_heard', body: 'working_group', item: ref, names: groups.member.names }];
    if (groups.reio.names.length > 0) sentences.push({ kind: 'reio_heard', names: groups.reio.names });
    if (groups.observer.names.length > 0) sentences.push(observers);
    if (groups.organization.names.length > 0) sentences.push({ kind: 'organizations_heard', names: groups.organization.names });
    const ids = [...groups.member.ids, ...groups.reio.ids, ...groups.observer.ids, ...groups.organization.ids];
    blocks.push({ kind: 'paragraph', id: `p-item-${itemId}-heard`, sentences, source: { kind: 'statements', itemId, statementIds: ids } });
  } else {
    // No member spoke: the other speakers still get their sentences.
    const sentences: Sentence[] = [];
    if (groups.reio.names.length > 0) sentences.push({ kind: 'reio_heard', names: groups.reio.names });
    if (groups.observer.names.length > 0) sentences.push(observers);
    if (groups.organization.names.length > 0) sentences.push({ kind: 'organizations_heard', names: groups.organization.names });
    if (sentences.length > 0) {
      const ids = [...groups.reio.ids, ...groups.observer.ids, ...groups.organization.ids];
      blocks.push({ kind: 'paragraph', id: `p-item-${itemId}-heard`, sentences, source: { kind: 'statements', itemId, statementIds: ids } });
    }
  }
  blocks.push({ kind: 'slot', id: `w-item-${itemId}-discussion`, slot: 'discussion', itemId });
  return { id: `s-item-${itemId}`, number, heading: { kind: 'agenda_item', item: ref }, blocks };
}

/**
 * The name and form of address of a panellist inscribed as a registered
 * person, in the report's language, and the gender any language's form gives (for the
 * title a language lacks and the sentence's agreement).
 */
function panellistOf(state: MeetingState, s: Statement, lang: Lang): { name?: string; title: string; gender: Gender } {
  const personId = state.speakers.entries[s.entryId]?.personId;
  // A statement entered from notes has no list entry: the panellist registered under the name it gives.
  const person = personId
    ? state.persons[personId]
    : Object.values(state.persons).find((p) => p.function === 'panellist' && p.name === s.speakerName && (!s.delegationId || p.delegationId === s.delegationId));
  if (!person) return { title: '', gender: null };
  return { name: personName(person, lang), title: person.title[lang] ?? '', gender: genderOf(Object.values(person.title).join(' ')) };
}

/** Speakers in the order they first spoke, each once. */
class Speakers {
  readonly names: NameMap[] = [];
  readonly ids: string[] = [];
  private readonly seen = new Set<string>();
  add(delegationId: string, names: NameMap, statementId: string): void {
    this.ids.push(statementId);
    if (this.seen.has(delegationId)) return;
    this.seen.add(delegationId);
    this.names.push(names);
  }
}

// ---------------------------------------------------------------- V

/**
 * V. Adoption of the report: once the working group has adopted it, the
 * paragraph saying so (from the adoption in the ledger), then what the
 * secretariat adds (the slot); before, only the slot.
 */
function adoptionChapter(state: MeetingState): ReportChapter {
  const blocks: ReportBlock[] = [];
  const { adoption } = state.report;
  if (adoption) {
    blocks.push({
      kind: 'paragraph',
      id: 'p-adoption',
      sentences: [{ kind: 'report_adopted', body: 'working_group', date: adoption.date }],
      source: { kind: 'report_adoption' },
    });
  }
  blocks.push({ kind: 'slot', id: 'w-adoption', slot: 'adoption_of_report' });
  return { id: 'adoption', number: 5, sections: [], blocks };
}

// ---------------------------------------------------------------- slots

/**
 * The text document of the meeting that holds a slot's written paragraphs
 * (protocol/yjs.ts `DOC_NAME`): for an item, `summary:<item>:introduction`,
 * `summary:<item>:presentations` and `summary:<item>` (the discussion, the
 * summary proper); for chapter V, `adoption`. The server reads the slot's
 * paragraphs from it, and the report view opens it to write there.
 */
export function slotDocName(block: SlotBlock): string {
  if (block.slot === 'adoption_of_report') return docNameOf({ kind: 'adoption' });
  if (block.slot === 'organization') {
    if (!block.section) throw new Error(`the slot ${block.id} names no section`);
    return docNameOf({ kind: 'addition', section: block.section });
  }
  if (!block.itemId) throw new Error(`the ${block.slot} slot ${block.id} names no agenda item`);
  const part = block.slot === 'item_introduction' ? 'introduction' : block.slot;
  return docNameOf({ kind: 'summary', itemId: block.itemId, part });
}
