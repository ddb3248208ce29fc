import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { direction, INTL_LOCALE, isLang, LANGUAGES, type Lang } from '@gavel/shared';
import type { UiStrings } from '@gavel/shared/i18n/ui/en';
import { initialLanguage, LANGUAGE_KEY } from './language';

export { formatDate, formatDateRange } from '@gavel/shared';

/**
 * Each language's strings are a chunk of their own, fetched when that language
 * is first needed (the one chosen, then any other a view shows, such as the
 * meeting's language on the room screen): a phone downloads one dictionary, not six.
 */
const DICTIONARIES: Record<Lang, () => Promise<UiStrings>> = {
  ar: () => import('@gavel/shared/i18n/ui/ar').then((m) => m.ar),
  zh: () => import('@gavel/shared/i18n/ui/zh').then((m) => m.zh),
  en: () => import('@gavel/shared/i18n/ui/en').then((m) => m.en),
  fr: () => import('@gavel/shared/i18n/ui/fr').then((m) => m.fr),
  ru: () => import('@gavel/shared/i18n/ui/ru').then((m) => m.ru),
  es: () => import('@gavel/shared/i18n/ui/es').then((m) => m.es),
};

const dictionaries: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, done) {
    if (!isLang(language)) return done(null, {});
    DICTIONARIES[language]().then(
      (strings) => done(null, strings),
      (e: Error) => done(e, null),
    );
  },
};

export function applyDocumentLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = direction(lang);
}

export async function setupI18n(): Promise<typeof i18next> {
  const lng = initialLanguage();
  await i18next.use(dictionaries).use(initReactI18next).init({
    lng,
    // Every language has every key (strings.test.ts), so no second dictionary is loaded to fall back on.
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(lng);
  i18next.on('languageChanged', (l) => {
    if (isLang(l)) {
      localStorage.setItem(LANGUAGE_KEY, l);
      applyDocumentLanguage(l);
    }
  });
  return i18next;
}

/** A moment, in the user's language and time zone, on a 24-hour clock as meetings keep time (never "3:47 PM"). */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(date);
}
