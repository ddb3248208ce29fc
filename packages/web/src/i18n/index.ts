import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { direction, INTL_LOCALE, isLang, LANGUAGES, type Lang } from '@gavel/shared';

export { formatDate, formatDateRange } from '@gavel/shared';
import { UI_STRINGS } from '@gavel/shared/i18n/ui/index';

const STORAGE_KEY = 'gavel.lang';

/** The language chosen before, or the browser's if it is one of the six, or English. */
export function initialLanguage(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLang(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLang(base)) return base;
  }
  return 'en';
}

export function applyDocumentLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dir = direction(lang);
}

export async function setupI18n(): Promise<typeof i18next> {
  const lng = initialLanguage();
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: UI_STRINGS[l] }])),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyDocumentLanguage(lng);
  i18next.on('languageChanged', (l) => {
    if (isLang(l)) {
      localStorage.setItem(STORAGE_KEY, l);
      applyDocumentLanguage(l);
    }
  });
  return i18next;
}

/** A moment, in the user's language and time zone. */
export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
