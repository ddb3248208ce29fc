import { missingLanguages, type Localized } from '../core/localized';
import { agendaInOrder } from '../agenda/numbering';
import type { Command } from '../domain/commands';
import type { MeetingState } from '../domain/state';
import { LANGUAGES, type Lang } from '../languages';
import { knownVenue } from '../report/venues';
import type { PersonFunction } from '../participants/model';
import { MEETING_WORDS } from './info';

/** Typed words that appear in the report or on a shared screen, and the languages they lack. */
export interface TranslationEntry {
  /** Stable: "meeting.title", "agenda.<id>.title", "document.<id>.<symbol>", "delegation.<id>", "person.<id>.title", "person.<id>.name". */
  key: string;
  kind: 'meeting' | 'agenda_item' | 'document' | 'organization' | 'person_title' | 'person_name';
  /** What the words name, for the list: the field, the agenda label, the symbol, the person's name. */
  context: string;
  words: Localized;
  missing: Lang[];
  /** The command that gives the words in `lang` (the translation status view's "add"). */
  translate: (lang: Lang, text: string) => Command;
}

/**
 * Everything typed that a report or a shared screen shows, with the languages
 * it still lacks: the translation status the secretariat works through.
 * Entries complete in every language are left out. Venues the UN's table of
 * cities names need no translation; States carry the UN's names.
 */
export function translationStatus(state: MeetingState): TranslationEntry[] {
  const original = state.info.language;
  const out: TranslationEntry[] = [];
  const add = (entry: Omit<TranslationEntry, 'missing'>) => {
    const missing = missingLanguages(entry.words, original);
    if (missing.length > 0) out.push({ ...entry, missing });
  };
  for (const field of MEETING_WORDS) {
    const words = state.info[field];
    if (field === 'venue' && Object.values(words).some((v) => v && knownVenue(v, 'en'))) continue;
    add({
      key: `meeting.${field}`,
      kind: 'meeting',
      context: field,
      words,
      translate: (lang, text) => ({ type: 'meeting.update', changes: { [field]: { [lang]: text } } }),
    });
  }
  for (const item of agendaInOrder(state.agenda)) {
    add({
      key: `agenda.${item.id}.title`,
      kind: 'agenda_item',
      context: item.label,
      words: item.title,
      translate: (lang, text) => ({ type: 'agenda.updateItem', itemId: item.id, title: { [lang]: text } }),
    });
    item.documents.forEach((d, i) => {
      // The title, and the report's description of the document once the secretariat gave one in some language.
      for (const field of ['title', 'description'] as const) {
        const words = d[field];
        if (!words || (field === 'description' && !Object.values(words).some((v) => v?.trim()))) continue;
        add({
          key: field === 'title' ? `document.${item.id}.${d.symbol}` : `document.${item.id}.${d.symbol}.description`,
          kind: 'document',
          context: d.symbol,
          words,
          translate: (lang, text) => ({
            type: 'agenda.updateItem',
            itemId: item.id,
            documents: item.documents.map((x, k) => (k === i ? { ...x, [field]: { ...x[field], [lang]: text } } : x)),
          }),
        });
      }
    });
  }
  for (const d of Object.values(state.delegations)) {
    if (d.m49) continue;
    add({
      key: `delegation.${d.id}`,
      kind: 'organization',
      context: d.category,
      words: d.names,
      translate: (lang, text) => ({ type: 'delegation.update', delegationId: d.id, names: { ...d.names, [lang]: text } }),
    });
  }
  for (const p of Object.values(state.persons)) {
    add({
      key: `person.${p.id}.title`,
      kind: 'person_title',
      context: p.name,
      words: p.title,
      translate: (lang, text) => ({ type: 'person.update', personId: p.id, title: { [lang]: text } }),
    });
    if (!NAMED_IN_REPORT.includes(p.function)) continue;
    // The report names the chair and the panellists: editions in another script spell the name in theirs.
    const script = scriptOf(p.name);
    const words: Localized = { ...Object.fromEntries(LANGUAGES.filter((l) => SCRIPT[l] === script).map((l) => [l, p.name])), ...p.names };
    const missing = LANGUAGES.filter((l) => !words[l]);
    if (missing.length === 0) continue;
    out.push({
      key: `person.${p.id}.name`,
      kind: 'person_name',
      context: p.name,
      words,
      missing,
      translate: (lang, text) => ({ type: 'person.update', personId: p.id, names: { [lang]: text } }),
    });
  }
  return out;
}

/** The persons the report names (III.A, the panellists of IV). */
const NAMED_IN_REPORT: readonly PersonFunction[] = ['chair', 'panellist'];
/** The script each language writes names in. */
const SCRIPT: Record<Lang, 'latin' | 'arabic' | 'cyrillic' | 'han'> = { en: 'latin', fr: 'latin', es: 'latin', ru: 'cyrillic', zh: 'han', ar: 'arabic' };

function scriptOf(name: string): (typeof SCRIPT)[Lang] {
  if (/\p{Script=Arabic}/u.test(name)) return 'arabic';
  if (/\p{Script=Cyrillic}/u.test(name)) return 'cyrillic';
  if (/\p{Script=Han}/u.test(name)) return 'han';
  return 'latin';
}

/** How many entries lack each language: the summary line of the status view. */
export function missingPerLanguage(entries: readonly TranslationEntry[]): Record<Lang, number> {
  const counts = Object.fromEntries(LANGUAGES.map((l) => [l, 0])) as Record<Lang, number>;
  for (const e of entries) for (const l of e.missing) counts[l]++;
  return counts;
}
