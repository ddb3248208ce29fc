import type { Lang } from '../languages';

const ALIF_FORMS = /[أإآٱ]/g;
const TATWEEL_AND_MARKS = /[\u0640\u064B-\u065F\u0670]/g;

/**
 * How UN Arabic documents file a name: the article "ال" is ignored, every
 * form of alif counts as one letter, and a name of several words is ordered
 * by its words in turn (see reference/README.md). Plain Intl.Collator('ar')
 * files "الاتحاد الروسي" under lam; UN lists put it first, under alif.
 */
export function arabicSortWords(name: string): string[] {
  return name
    .replace(TATWEEL_AND_MARKS, '')
    .replace(/[()\-–،,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => (word.startsWith('ال') && word.length > 3 ? word.slice(2) : word).replace(ALIF_FORMS, 'ا'));
}

const collators = new Map<Lang, Intl.Collator>();
function collator(lang: Lang): Intl.Collator {
  let c = collators.get(lang);
  if (!c) {
    c = new Intl.Collator(lang === 'zh' ? 'zh-u-co-pinyin' : lang, { sensitivity: 'base', numeric: true });
    collators.set(lang, c);
  }
  return c;
}

/** Compares two names as a list of States in that language orders them. */
export function compareNames(lang: Lang): (a: string, b: string) => number {
  const c = collator(lang);
  if (lang !== 'ar') return (a, b) => c.compare(a, b);
  return (a, b) => {
    const wa = arabicSortWords(a);
    const wb = arabicSortWords(b);
    for (let i = 0; i < Math.min(wa.length, wb.length); i++) {
      const d = c.compare(wa[i], wb[i]);
      if (d !== 0) return d;
    }
    return wa.length - wb.length;
  };
}
