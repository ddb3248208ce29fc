import type { Lang } from '../languages';
import data from './un-states.json';

export interface UnState {
  m49: string;
  iso3: string;
  /** A Member State, or one of the two non-member observer States. */
  status: 'member' | 'observer';
  /** The UN short name in each official language, as UN documents write it. */
  names: Record<Lang, string>;
}

/** The 193 Member States and the 2 non-member observer States. */
export const UN_STATES: readonly UnState[] = data as UnState[];

const byM49 = new Map(UN_STATES.map((s) => [s.m49, s]));

export function stateByM49(code: string): UnState | undefined {
  return byM49.get(code);
}

/**
 * The short forms a report uses in running text for the two States whose
 * names its lists give in full: the model report's chapter IV lists its
 * speakers as "الولايات المتحدة" and "المملكة المتحدة" (paras. 79, 93, 101,
 * 107) where III.C, the attendance, names them in full, and its English
 * outline lists "Norway, Colombia, United States, …". Only English and
 * Arabic: no UN text in the other languages was at hand to show their use.
 */
const RUNNING_TEXT_NAMES: Record<string, Partial<Record<Lang, string>>> = {
  '840': { en: 'United States', ar: 'الولايات المتحدة' },
  '826': { en: 'United Kingdom', ar: 'المملكة المتحدة' },
};

/** A State's names as running text gives them (chapter IV's lists of speakers): the short form where there is one. */
export function runningTextNames<T extends Partial<Record<Lang, string>>>(m49: string | undefined, names: T): T {
  const short = m49 ? RUNNING_TEXT_NAMES[m49] : undefined;
  return short ? { ...names, ...short } : names;
}

/** Folds case and diacritics so that "cote d'ivoire" finds "Côte d’Ivoire". */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`']/g, "'")
    .toLocaleLowerCase();
}

/** States whose name in any language, or whose ISO code, contains the query. */
export function searchStates(query: string, limit = 20): UnState[] {
  const q = foldForSearch(query.trim());
  if (!q) return UN_STATES.slice(0, limit);
  const hits: UnState[] = [];
  for (const s of UN_STATES) {
    if (s.iso3.toLocaleLowerCase() === q || Object.values(s.names).some((n) => foldForSearch(n).includes(q))) {
      hits.push(s);
      if (hits.length >= limit) break;
    }
  }
  return hits;
}
