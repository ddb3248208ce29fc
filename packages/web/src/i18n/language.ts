import { isLang, type Lang } from '@gavel/shared/languages';

export const LANGUAGE_KEY = 'gavel.lang';

/**
 * The language chosen before, or the browser's if it is one of the six, or
 * English. Also read by the page's first inline script (boot/prefetch.ts), so
 * it imports nothing but the list of languages.
 */
export function initialLanguage(): Lang {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (isLang(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLang(base)) return base;
  }
  return 'en';
}
