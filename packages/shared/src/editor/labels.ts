/**
 * How a drafted text's numbers read in each official language: these are
 * words of the document (in the document's language), not of the user
 * interface, so they live here rather than in i18n/ui. Digits follow the
 * language (Arabic-Indic in Arabic, see reference/README.md).
 */
import type { Lang } from '../languages';
import { formatInteger } from '../i18n/dates';
import { subLetter } from '../i18n/labels';

/** Sections in Arabic UN documents are lettered by the letters' names, in abjad order. */
export const ARABIC_SECTION_NAMES = [
  'ألف', 'باء', 'جيم', 'دال', 'هاء', 'واو', 'زاي', 'حاء', 'طاء', 'ياء', 'كاف', 'لام', 'ميم', 'نون',
  'سين', 'عين', 'فاء', 'صاد', 'قاف', 'راء', 'شين', 'تاء', 'ثاء', 'خاء', 'ذال', 'ضاد', 'ظاء', 'غين',
];

/** Where a cross-reference's target stands from the reference: "above", "below", or the same paragraph. */
export type Direction = 'above' | 'below' | 'self';

const n = (value: number, lang: Lang) => formatInteger(value, lang);

/** A paragraph's number as it stands before the paragraph: "50.", "٥٠-". */
export function paragraphLabel(num: number, lang: Lang): string {
  return lang === 'ar' ? `${n(num, lang)}-` : `${num}.`;
}

/** A section's letter: "A.", "ألف-". */
export function sectionLabel(num: number, lang: Lang): string {
  if (lang === 'ar') return `${ARABIC_SECTION_NAMES[(num - 1) % ARABIC_SECTION_NAMES.length]}-`;
  return `${subLetter(num, 'en').toUpperCase()}.`;
}

/** A subsection's number: "1.", "١-". */
export function subsectionLabel(num: number, lang: Lang): string {
  return lang === 'ar' ? `${n(num, lang)}-` : `${num}.`;
}

/** i, ii, iii … for the second level of subparagraphs. */
export function romanLower(num: number): string {
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  let rest = num;
  for (const [value, letters] of table) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/**
 * A subparagraph's letter: "(a)" in English and Chinese, "a)" in French,
 * Spanish and Russian, "(أ)" in Arabic; one level down "(i)", "i)", "(١)".
 */
export function subparagraphLabel(num: number, depth: number, lang: Lang): string {
  const mark = depth === 0 ? subLetter(num, lang) : lang === 'ar' ? n(num, lang) : romanLower(num);
  return lang === 'fr' || lang === 'es' || lang === 'ru' ? `${mark})` : `(${mark})`;
}

/** A footnote's marker. */
export function footnoteLabel(num: number, lang: Lang): string {
  return n(num, lang);
}

/** A paragraph's number alone, in the language's digits ("109", "١٠٩"); "?" when the paragraph is gone. */
export function crossRefNumber(num: number | null, lang: Lang): string {
  return num === null ? '?' : n(num, lang);
}

/**
 * The words of a cross-reference as UN documents write them: "paragraph 110
 * below", "paragraphe 110 ci-après", "párrafo 110 infra", "пункт 110 ниже",
 * "下文第110段", "الفقرة ١١٠ أدناه". `num` null: the target is gone.
 */
export function crossRefWords(num: number | null, direction: Direction, lang: Lang): string {
  const number = crossRefNumber(num, lang);
  const where = direction === 'self' ? '' : direction;
  switch (lang) {
    case 'ar':
      return `الفقرة ${number}${where === 'above' ? ' أعلاه' : where === 'below' ? ' أدناه' : ''}`;
    case 'zh':
      return `${where === 'above' ? '上文' : where === 'below' ? '下文' : ''}第${number}段`;
    case 'fr':
      return `paragraphe ${number}${where === 'above' ? ' ci-dessus' : where === 'below' ? ' ci-après' : ''}`;
    case 'es':
      return `párrafo ${number}${where === 'above' ? ' supra' : where === 'below' ? ' infra' : ''}`;
    case 'ru':
      return `пункт ${number}${where === 'above' ? ' выше' : where === 'below' ? ' ниже' : ''}`;
    default:
      return `paragraph ${number}${where ? ` ${where}` : ''}`;
  }
}

/** The word after a bracket's proposer when it proposes to delete the words: "[to the extent possible] (Egypt: delete)". */
export function bracketDeleteWord(lang: Lang): string {
  switch (lang) {
    case 'ar':
      return 'حذف';
    case 'zh':
      return '删除';
    case 'fr':
      return 'supprimer';
    case 'es':
      return 'suprimir';
    case 'ru':
      return 'исключить';
    default:
      return 'delete';
  }
}
