import type { Lang } from '../languages';
import { formatInteger } from './dates';

/** Arabic UN documents letter subparagraphs and sub-items (أ) (ب) (ج) … in abjad order. */
export const ARABIC_LETTERS = ['أ', 'ب', 'ج', 'د', 'هـ', 'و', 'ز', 'ح', 'ط', 'ي', 'ك', 'ل', 'م', 'ن', 'س', 'ع', 'ف', 'ص', 'ق', 'ر', 'ش', 'ت', 'ث', 'خ', 'ذ', 'ض'];

/** A letter for the n-th sub-item or subparagraph (1-based): a, b, … z, aa … in Latin; أ، ب … in Arabic. */
export function subLetter(n: number, lang: Lang): string {
  if (lang === 'ar') return ARABIC_LETTERS[(n - 1) % ARABIC_LETTERS.length];
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(97 + ((k - 1) % 26)) + out;
  return out;
}

/** An agenda item's number as the language writes it: "1 (a)", "١ (أ)". */
export function formatAgendaLabel(path: readonly number[], lang: Lang): string {
  const [top, sub] = path;
  const number = formatInteger(top, lang);
  return sub === undefined ? number : `${number} (${subLetter(sub, lang)})`;
}
