/**
 * The cities where United Nations meetings are usually held (the duty
 * stations, the regional commissions, the usual conference hosts), named as
 * UN documents of each language name them, so that "The working group held
 * its meeting in Vienna" reads "في فيينا", "à Vienne", "в Вене" in the other
 * editions. A venue not in the table is written as the secretariat typed it.
 *
 * Russian is given in the prepositional case, the only form the report uses
 * ("в Вене").
 */
import type { Localized } from '../core/localized';
import { LANGUAGES, type Lang } from '../languages';

type Names = Record<Lang, string>;

const VENUES: readonly Names[] = [
  { en: 'Vienna', fr: 'Vienne', es: 'Viena', ru: 'Вене', zh: '维也纳', ar: 'فيينا' },
  { en: 'Geneva', fr: 'Genève', es: 'Ginebra', ru: 'Женеве', zh: '日内瓦', ar: 'جنيف' },
  { en: 'New York', fr: 'New York', es: 'Nueva York', ru: 'Нью-Йорке', zh: '纽约', ar: 'نيويورك' },
  { en: 'Nairobi', fr: 'Nairobi', es: 'Nairobi', ru: 'Найроби', zh: '内罗毕', ar: 'نيروبي' },
  { en: 'Bangkok', fr: 'Bangkok', es: 'Bangkok', ru: 'Бангкоке', zh: '曼谷', ar: 'بانكوك' },
  { en: 'Addis Ababa', fr: 'Addis-Abeba', es: 'Addis Abeba', ru: 'Аддис-Абебе', zh: '亚的斯亚贝巴', ar: 'أديس أبابا' },
  { en: 'Santiago', fr: 'Santiago', es: 'Santiago', ru: 'Сантьяго', zh: '圣地亚哥', ar: 'سانتياغو' },
  { en: 'Beirut', fr: 'Beyrouth', es: 'Beirut', ru: 'Бейруте', zh: '贝鲁特', ar: 'بيروت' },
  { en: 'Doha', fr: 'Doha', es: 'Doha', ru: 'Дохе', zh: '多哈', ar: 'الدوحة' },
  { en: 'Bonn', fr: 'Bonn', es: 'Bonn', ru: 'Бонне', zh: '波恩', ar: 'بون' },
  { en: 'Rome', fr: 'Rome', es: 'Roma', ru: 'Риме', zh: '罗马', ar: 'روما' },
  { en: 'Paris', fr: 'Paris', es: 'París', ru: 'Париже', zh: '巴黎', ar: 'باريس' },
  { en: 'Montreal', fr: 'Montréal', es: 'Montreal', ru: 'Монреале', zh: '蒙特利尔', ar: 'مونتريال' },
  { en: 'The Hague', fr: 'La Haye', es: 'La Haya', ru: 'Гааге', zh: '海牙', ar: 'لاهاي' },
];

const key = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('en');

/** Every name of every venue (English, French, Spanish, Chinese, Arabic as typed) → its names. */
const BY_NAME = new Map<string, Names>(
  VENUES.flatMap((v) => (['en', 'fr', 'es', 'zh', 'ar'] as const).map((lang): [string, Names] => [key(v[lang]), v])),
);

/** The venue as the report in `lang` names it after "in" (Russian: prepositional case). */
export function venueName(venue: string, lang: Lang): string {
  return knownVenue(venue, lang) ?? venue;
}

/** The venue in `lang` when the table knows it (typed in any of the languages it lists). */
export function knownVenue(venue: string, lang: Lang): string | undefined {
  return BY_NAME.get(key(venue))?.[lang];
}

/**
 * The venue's words for a screen, with the languages the table knows added
 * where none was typed (as the report names it; translation status asks for
 * none). Not Russian: the table has the prepositional case only.
 */
export function venueWords(venue: Localized): Localized {
  const names = Object.values(venue).flatMap((v) => (v ? [BY_NAME.get(key(v))] : [])).find(Boolean);
  if (!names) return venue;
  const out: Localized = { ...venue };
  for (const lang of LANGUAGES) if (lang !== 'ru' && !out[lang]) out[lang] = names[lang];
  return out;
}
