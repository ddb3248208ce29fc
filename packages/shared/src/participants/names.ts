import type { Lang } from '../languages';
import type { Delegation } from './model';

/**
 * A delegation's name in a language, falling back to English and then to any
 * language it was given in (entities typed in by hand may lack some).
 */
export function delegationName(d: Pick<Delegation, 'names'>, lang: Lang = 'en'): string {
  return d.names[lang] ?? d.names.en ?? Object.values(d.names).find(Boolean) ?? '?';
}
