import { INTL_LOCALE, type Lang } from '../languages';

/**
 * Arabic UN documents name each month twice, the Syriac name first:
 * "كانون الثاني/يناير" (see reference/README.md).
 */
export const ARABIC_MONTHS = [
  'كانون الثاني/يناير',
  'شباط/فبراير',
  'آذار/مارس',
  'نيسان/أبريل',
  'أيار/مايو',
  'حزيران/يونيه',
  'تموز/يوليه',
  'آب/أغسطس',
  'أيلول/سبتمبر',
  'تشرين الأول/أكتوبر',
  'تشرين الثاني/نوفمبر',
  'كانون الأول/ديسمبر',
] as const;

/** Russian UN documents write the genitive month and "года": "27 января 2010 года". */
const RUSSIAN_MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;

/**
 * The months in English, French and Spanish, as Intl.DateTimeFormat writes
 * them (dates.test.ts compares every day of a year): a table rather than a
 * formatter, because the first Intl.DateTimeFormat a page makes costs tens of
 * milliseconds on a phone, on the way to the delegate's first screen.
 */
const MONTHS: Record<'en' | 'fr' | 'es', readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
};

const integerFormats = new Map<Lang, Intl.NumberFormat>();

const ARABIC_INDIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** A whole number in the digits of the language: Arabic-Indic in Arabic, no grouping. */
export function formatInteger(n: number, lang: Lang): string {
  // A count or a position by hand, as Intl writes it (dates.test.ts): the first
  // Intl.NumberFormat a page makes costs tens of milliseconds on a phone.
  if (Number.isSafeInteger(n) && n >= 0) {
    const digits = String(n);
    return lang === 'ar' ? digits.replace(/\d/g, (d) => ARABIC_INDIC_DIGITS[Number(d)]!) : digits;
  }
  // Making an Intl.NumberFormat costs tens of microseconds; a report numbers hundreds of labels.
  let format = integerFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[lang], { useGrouping: false, maximumFractionDigits: 0 });
    integerFormats.set(lang, format);
  }
  return format.format(n);
}

function parts(isoDate: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : undefined;
}

/**
 * A calendar date (YYYY-MM-DD) as UN documents write it in each language:
 * "27 January 2010", "27 janvier 2010", "27 de enero de 2010",
 * "27 января 2010 года", "2010年1月27日", "٢٧ كانون الثاني/يناير ٢٠١٠".
 */
export function formatDate(isoDate: string, lang: Lang): string {
  const p = parts(isoDate);
  if (!p) return isoDate;
  const n = (x: number) => formatInteger(x, lang);
  switch (lang) {
    case 'ar':
      return `${n(p.day)} ${ARABIC_MONTHS[p.month - 1]} ${n(p.year)}`;
    case 'ru':
      return `${p.day} ${RUSSIAN_MONTHS[p.month - 1]} ${p.year} года`;
    case 'zh':
      return `${p.year}年${p.month}月${p.day}日`;
    case 'es':
      return `${p.day} de ${MONTHS.es[p.month - 1]} de ${p.year}`;
    default:
      return `${p.day} ${MONTHS[lang][p.month - 1]} ${p.year}`;
  }
}

/**
 * First and last day of a meeting, shortened within one month as UN documents
 * do: "27–29 January 2010", "2010年1月27日至29日", "٢٧-٢٩ كانون الثاني/يناير ٢٠١٠".
 */
export function formatDateRange(start: string, end: string, lang: Lang): string {
  const a = parts(start);
  const b = parts(end);
  if (!a || !b || start === end) return formatDate(start, lang);
  if (a.year !== b.year || a.month !== b.month) return `${formatDate(start, lang)} – ${formatDate(end, lang)}`;
  if (lang === 'zh') return `${formatDate(start, lang)}至${b.day}日`;
  if (lang === 'ar') return `${formatInteger(a.day, lang)}-${formatDate(end, lang)}`;
  return `${a.day}–${formatDate(end, lang)}`;
}

/** A length of time as a clock shows it, "2:05" or "1:02:05", in the language's digits; the sign is the caller's. */
export function formatDuration(ms: number, lang: Lang): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const n = (x: number, pad = 2) => formatInteger(x, lang).padStart(pad, formatInteger(0, lang));
  return h > 0 ? `${n(h, 1)}:${n(m)}:${n(s)}` : `${n(m, 1)}:${n(s)}`;
}
