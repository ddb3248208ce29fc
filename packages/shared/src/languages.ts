/** The six official languages of the United Nations, in the UN's own order. */
export const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function direction(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Each language's name in itself, as a language picker shows it. */
export const LANGUAGE_AUTONYMS: Record<Lang, string> = {
  ar: 'العربية',
  zh: '中文',
  en: 'English',
  fr: 'Français',
  ru: 'Русский',
  es: 'Español',
};

/** BCP 47 tags for Intl, with the digits UN documents use in each language. */
export const INTL_LOCALE: Record<Lang, string> = {
  ar: 'ar-u-nu-arab',
  zh: 'zh-Hans',
  en: 'en-GB',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};
