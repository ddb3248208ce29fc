/**
 * The list of participants of a meeting (the UN's "INF" document, e.g.
 * CTOC/COP/WG.4/2010/INF/1) from the registry, in one of the six languages:
 * the masthead of the meeting's documents, then the delegations by category
 * in the order of the report's attendance lists (the UN's alphabetical rule
 * of the language for States; organizations as the report sorts them), each
 * with its persons (form of address, name, function); then the persons of no
 * delegation: the bureau, the panellists, the secretariat.
 *
 * It is assembled as a `Report` (no numbered paragraphs, no footnotes), so
 * that the report's renderers draw it: HTML, PDF (Paged.js), DOCX.
 */
import {
  CATEGORIES,
  PERSON_FUNCTIONS,
  Words,
  direction,
  inAttendanceOrder,
  mastheadOf,
  personName,
  type Delegation,
  type Lang,
  type MeetingState,
  type Person,
  type PersonFunction,
  type Report,
  type ReportItem,
  type SkeletonOptions,
} from '@gavel/shared';
import { UI_STRINGS } from '@gavel/shared/i18n/ui/index';
import { mastheadLines } from './report';

type Words6 = Record<Lang, string>;

const TITLE: Words6 = {
  en: 'List of participants',
  fr: 'Liste des participants',
  es: 'Lista de participantes',
  ru: 'Список участников',
  zh: '与会者名单',
  ar: 'قائمة المشاركين',
};

/** Between a person's name and function: "Ms. Jane Doe, Head of delegation". */
const COMMA: Words6 = { en: ', ', fr: ', ', es: ', ', ru: ', ', zh: '，', ar: '، ' };

/**
 * The list's symbol from the report's: the meeting's series with "INF/1"
 * ("CTOC/COP/WG.4/2010/6" → "CTOC/COP/WG.4/2010/INF/1"); empty without one.
 */
export function infSymbol(reportSymbol: string): string {
  if (!reportSymbol) return '';
  const series = /^(.*)\/\d+$/.exec(reportSymbol)?.[1] ?? reportSymbol;
  return `${series}/INF/1`;
}

interface Ctx {
  lang: Lang;
  words: Words;
}

/** "Ms. Jane Doe, Head of delegation", in the list's language. */
function personLine(p: Person, c: Ctx): string {
  const title = c.words.get(p.title, `person.${p.id}.title`);
  const fn = UI_STRINGS[c.lang].functions[p.function];
  return `${title ? `${title} ` : ''}${personName(p, c.lang)}${COMMA[c.lang]}${fn}`;
}

const RANK = new Map<PersonFunction, number>(PERSON_FUNCTIONS.map((f, i) => [f, i]));
/** Heads of delegation first, then representatives, advisers; each in the order registered. */
const byFunction = (a: Person, b: Person) => (RANK.get(a.function) ?? 0) - (RANK.get(b.function) ?? 0) || a.registeredAt.localeCompare(b.registeredAt);

function delegationEntries(delegations: Delegation[], persons: Person[], c: Ctx) {
  return delegations.map((d) => ({
    label: '',
    text: c.words.get(d.names, `delegation.${d.id}.name`),
    children: persons
      .filter((p) => p.delegationId === d.id)
      .sort(byFunction)
      .map((p) => ({ label: '', text: personLine(p, c) })),
  }));
}

const heading = (text: string): ReportItem => ({ kind: 'heading', level: 1, label: '', inlines: [{ t: 'text', text }] });

/** The persons of no delegation, in groups: the bureau, the panellists, the secretariat. */
function personGroups(persons: Person[], c: Ctx): ReportItem[] {
  const ui = UI_STRINGS[c.lang];
  const groups: [string, readonly PersonFunction[]][] = [
    [ui.persons.bureau, ['chair', 'vice_chair', 'rapporteur']],
    [ui.chart.panellists, ['panellist']],
    [ui.persons.secretariat, ['secretariat']],
  ];
  return groups.flatMap(([title, functions]) => {
    const members = persons.filter((p) => !p.delegationId && functions.includes(p.function)).sort(byFunction);
    if (members.length === 0) return [];
    return [heading(title), { kind: 'list', items: members.map((p) => ({ label: '', text: personLine(p, c), children: [] })) }];
  });
}

/** The list of participants in `lang`. Pure. */
export function buildParticipantsList(
  state: MeetingState,
  lang: Lang,
  options: Pick<SkeletonOptions, 'organizationOrder' | 'words'> = {},
): Report {
  const c: Ctx = { lang, words: new Words(lang, state.info.language, (options.words ?? 'draft') === 'draft') };
  const masthead = mastheadOf(state, c.words);
  const persons = Object.values(state.persons);
  const delegations = Object.values(state.delegations);
  const items: ReportItem[] = [];
  for (const category of CATEGORIES) {
    const members = delegations.filter((d) => d.category === category);
    if (members.length === 0) continue;
    const sorted = inAttendanceOrder(members, (d) => d.names, category, lang, options);
    items.push(heading(UI_STRINGS[lang].categories[category]), { kind: 'list', items: delegationEntries(sorted, persons, c) });
  }
  items.push(...personGroups(persons, c));
  return {
    lang,
    dir: direction(lang),
    masthead: { ...mastheadLines(masthead, lang), symbol: infSymbol(masthead.symbol), title: TITLE[lang] },
    items,
    footnotes: [],
    fallbacks: c.words.fallbacks,
  };
}
