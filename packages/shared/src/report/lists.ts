import type { Lang } from '../languages';

/**
 * How a list inside a sentence is joined:
 * - `and`: "A, B and C" / "A, B et C" / "A, B y C" / "A, B и C" / "A、B和C" / "A وB وC";
 * - `comma`: every item after a comma, no conjunction ("A، B، C" — the model's
 *   Arabic list of States heard and attendance lists);
 * - `comma_and`: Arabic "A، وB، وC" (the model's list of panellists); in the
 *   other languages the same as `and`.
 */
export type ListStyle = 'and' | 'comma' | 'comma_and';

const AND: Record<Exclude<Lang, 'ar' | 'zh'>, string> = { en: ' and ', fr: ' et ', es: ' y ', ru: ' и ' };

/** Spanish writes "e" for "y" before a word beginning with the sound /i/ ("Francia e Italia"), but not before "hie-", "hia-". */
function spanishAnd(next: string): string {
  return /^h?[iíIÍ](?![aeouáéóú])/.test(next) ? ' e ' : ' y ';
}

/** Joins the items of a list inside a sentence the way UN documents in that language do. */
export function joinList(items: readonly string[], lang: Lang, style: ListStyle = 'and'): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0];
  if (lang === 'ar') {
    if (style === 'comma') return items.join('، ');
    if (style === 'comma_and') return items[0] + items.slice(1).map((x) => `، و${x}`).join('');
    return items[0] + items.slice(1).map((x) => ` و${x}`).join('');
  }
  if (lang === 'zh') {
    if (style === 'comma') return items.join('、');
    return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
  }
  if (style === 'comma') return items.join(', ');
  const last = items[items.length - 1];
  const and = lang === 'es' ? spanishAnd(last) : AND[lang];
  return `${items.slice(0, -1).join(', ')}${and}${last}`;
}
