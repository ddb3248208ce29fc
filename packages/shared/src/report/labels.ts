import { formatInteger } from '../i18n/dates';
import type { Lang } from '../languages';
import type { ChapterKey, FixedSectionKey, ReportBlock, ReportSkeleton, SectionHeading, SlotBlock } from './model';

/** Arabic chapter labels: أولا، ثانيا … (I, II …). */
export const ARABIC_ORDINALS = ['أولا', 'ثانيا', 'ثالثا', 'رابعا', 'خامسا', 'سادسا', 'سابعا', 'ثامنا', 'تاسعا', 'عاشرا'];
/** Arabic section labels: the names of the letters, ألف، باء، جيم … (A, B, C …). */
export const ARABIC_LETTER_NAMES = [
  'ألف', 'باء', 'جيم', 'دال', 'هاء', 'واو', 'زاي', 'حاء', 'طاء', 'ياء', 'كاف', 'لام', 'ميم',
  'نون', 'سين', 'عين', 'فاء', 'صاد', 'قاف', 'راء', 'شين', 'تاء', 'ثاء', 'خاء', 'ذال', 'ضاد',
];
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function romanNumeral(n: number): string {
  const table: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  let k = n;
  for (const [v, s] of table) for (; k >= v; k -= v) out += s;
  return out;
}

/** A chapter's label: "III." in the European languages, "三." in Chinese, "ثالثا-" in Arabic. */
export function reportChapterLabel(n: number, lang: Lang): string {
  if (lang === 'ar') return `${ARABIC_ORDINALS[n - 1] ?? formatInteger(n, lang)}-`;
  if (lang === 'zh') return `${CHINESE_NUMERALS[n - 1] ?? String(n)}.`;
  return `${romanNumeral(n)}.`;
}

/** A section's label: "A." (the six languages but Arabic keep the Latin letter), "ألف-" in Arabic. */
export function reportSectionLabel(n: number, lang: Lang): string {
  if (lang === 'ar') return `${ARABIC_LETTER_NAMES[n - 1] ?? formatInteger(n, lang)}-`;
  return `${String.fromCharCode(64 + n)}.`;
}

/** A paragraph number: "68." or, in Arabic, "٦٨-". */
export function reportParagraphLabel(n: number, lang: Lang): string {
  return lang === 'ar' ? `${formatInteger(n, lang)}-` : `${n}.`;
}

const CHAPTER_TITLES: Record<ChapterKey, Record<Lang, string>> = {
  organization: {
    en: 'Organization of the meeting',
    fr: 'Organisation de la réunion',
    es: 'Organización de la reunión',
    ru: 'Организация работы совещания',
    zh: '会议安排',
    ar: 'تنظيم الاجتماع',
  },
  deliberations: {
    en: 'Summary of deliberations',
    fr: 'Résumé des débats',
    es: 'Resumen de las deliberaciones',
    ru: 'Краткое изложение хода обсуждения',
    zh: '讨论摘要',
    ar: 'ملخص المداولات',
  },
  adoption: {
    en: 'Adoption of the report',
    fr: 'Adoption du rapport',
    es: 'Aprobación del informe',
    ru: 'Утверждение доклада',
    zh: '通过报告',
    ar: 'اعتماد التقرير',
  },
};

const SECTION_TITLES: Record<FixedSectionKey, Record<Lang, string>> = {
  opening: {
    en: 'Opening of the meeting',
    fr: 'Ouverture de la réunion',
    es: 'Apertura de la reunión',
    ru: 'Открытие совещания',
    zh: '会议开幕',
    ar: 'افتتاح الاجتماع',
  },
  agenda_adoption: {
    en: 'Adoption of the agenda',
    fr: 'Adoption de l’ordre du jour',
    es: 'Aprobación del programa',
    ru: 'Утверждение повестки дня',
    zh: '通过议程',
    ar: 'إقرار جدول الأعمال',
  },
  attendance: {
    en: 'Attendance',
    fr: 'Participation',
    es: 'Asistencia',
    ru: 'Участники',
    zh: '出席情况',
    ar: 'الحضور',
  },
  documentation: {
    en: 'Documentation',
    fr: 'Documentation',
    es: 'Documentación',
    ru: 'Документация',
    zh: '文件',
    ar: 'الوثائق',
  },
};

export function chapterTitle(key: ChapterKey, lang: Lang): string {
  return CHAPTER_TITLES[key][lang];
}

/** A section's title: fixed headings in the language; agenda items by their title as written (drafting language). */
export function sectionTitle(heading: SectionHeading, lang: Lang): string {
  return heading.kind === 'fixed' ? SECTION_TITLES[heading.key][lang] : heading.item.title;
}

/** A heading line as the report prints it: "III. Organization of the meeting", "ثالثا- تنظيم الاجتماع". */
export function headingLine(label: string, title: string): string {
  return `${label} ${title}`;
}
