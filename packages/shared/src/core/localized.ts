import { z } from 'zod';
import { LANGUAGES, type Lang } from '../languages';
import { optionalText, text } from './schema';

/**
 * Words a person types that appear in a report or on a shared screen (the
 * body, the meeting's title, agenda items, document titles, organization
 * names, forms of address), in as many of the six languages as the
 * secretariat gave. The meeting's language is required; the others are
 * optional and their absence is shown (set-up, translation status, drafts of
 * the report), never filled in silently.
 */
export type Localized = Partial<Record<Lang, string>>;

/**
 * As commands give such words, and as ledgers written before issue 13 hold
 * them: a plain string is in the meeting's language (at the time of the
 * event), an object is per language.
 */
export type LocalizedInput = string | Localized;

/**
 * The schema of typed words in a command: a plain string (the meeting's
 * language) or an object of languages. In an object, an empty string removes
 * that language when it patches existing words.
 */
export function localizedSchema(max: number) {
  const one = optionalText(max).optional();
  const perLanguage = z.object({ ar: one, zh: one, en: one, fr: one, ru: one, es: one }).strict();
  return z.union([text(max), perLanguage]);
}

/** Optional typed words (a parent body, a document title): the string may be empty. */
export function optionalLocalizedSchema(max: number) {
  return z.union([optionalText(max), localizedSchema(max)]);
}

/** Normalizes either shape; a string is taken to be in `lang`; empty entries dropped. */
export function toLocalized(value: LocalizedInput | null | undefined, lang: Lang): Localized {
  if (value === null || value === undefined) return {};
  if (typeof value === 'string') return value.trim() ? { [lang]: value.trim() } : {};
  const out: Localized = {};
  for (const l of LANGUAGES) {
    const v = value[l]?.trim();
    if (v) out[l] = v;
  }
  return out;
}

/**
 * A patch applied to typed words: a string replaces the meeting language's
 * entry, an object sets the languages it names (an empty string removes one).
 */
export function mergeLocalized(current: LocalizedInput | null | undefined, change: LocalizedInput, lang: Lang): Localized {
  const base = toLocalized(current, lang);
  if (typeof change === 'string') {
    const next = { ...base };
    if (change.trim()) next[lang] = change.trim();
    else delete next[lang];
    return next;
  }
  const next = { ...base };
  for (const l of LANGUAGES) {
    if (!(l in change)) continue;
    const v = change[l]?.trim();
    if (v) next[l] = v;
    else delete next[l];
  }
  return next;
}

export function hasLanguage(value: LocalizedInput | null | undefined, lang: Lang): boolean {
  if (typeof value === 'string') return value.trim().length > 0;
  return Boolean(value?.[lang]?.trim());
}

/** The languages of `wanted` the words lack (nothing for words never typed at all). */
export function missingLanguages(value: LocalizedInput | null | undefined, lang: Lang, wanted: readonly Lang[] = LANGUAGES): Lang[] {
  const words = toLocalized(value, lang);
  if (Object.keys(words).length === 0) return [];
  return wanted.filter((l) => !words[l]);
}

export interface Picked {
  text: string;
  /** The language the text is in; null when there are no words at all. */
  lang: Lang | null;
  /** True when the text is not in the language asked for. */
  fallback: boolean;
}

/**
 * The words in `lang`, else in the meeting's language `original`, else in
 * English, else in any language given. `fallback` says a substitute was used,
 * so that the caller marks it.
 */
export function pickLocalized(value: LocalizedInput | null | undefined, lang: Lang, original: Lang): Picked {
  const words = toLocalized(value, original);
  for (const l of [lang, original, 'en' as const, ...LANGUAGES]) {
    const v = words[l];
    if (v) return { text: v, lang: l, fallback: l !== lang };
  }
  return { text: '', lang: null, fallback: false };
}

/** The words in `lang` with the same fallback, as plain text. */
export function localizedText(value: LocalizedInput | null | undefined, lang: Lang, original: Lang): string {
  return pickLocalized(value, lang, original).text;
}
