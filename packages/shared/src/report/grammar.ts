import type { Lang } from '../languages';
import type { Gender } from './model';

/**
 * The small pieces of grammar the generated sentences need around words
 * typed by the secretariat: prepositions before a treaty's name, the gender
 * of an Arabic noun phrase, forms of address.
 */

/**
 * French "à"/"de" before a name typed with its article: "au Protocole …",
 * "du Protocole …", "à la Convention …", "de l’Accord …", "aux …", "des …".
 */
export function frenchWith(preposition: 'à' | 'de', phrase: string): string {
  const m = /^(le|la|les|l’|l')\s*/i.exec(phrase);
  if (!m) return `${preposition} ${phrase}`;
  const rest = phrase.slice(m[0].length);
  const article = m[1].toLowerCase();
  if (article === 'le') return `${preposition === 'à' ? 'au' : 'du'} ${rest}`;
  if (article === 'les') return `${preposition === 'à' ? 'aux' : 'des'} ${rest}`;
  if (article === 'la') return `${preposition} la ${rest}`;
  return `${preposition} l’${rest}`;
}

/** Spanish "de" before a name typed with its article: "del Protocolo …", "de la Convención …". */
export function spanishOf(phrase: string): string {
  return /^el\s/i.test(phrase) ? `del ${phrase.slice(3)}` : `de ${phrase}`;
}

/**
 * Whether an Arabic noun phrase is feminine, for the verb and pronoun that
 * agree with it: its head word ends in tā’ marbūṭa ("اتفاقية", "منظمة") — the
 * rule for the names of treaties and organizations ("بروتوكول", "الاتحاد"
 * are masculine).
 */
export function arabicFeminine(phrase: string): boolean {
  const head = phrase.trim().split(/\s+/)[0] ?? '';
  return /ة$/.test(head);
}

/** The form of address UN documents write before (after, in Chinese) a name, when only the gender is known. */
const ADDRESS: Record<Exclude<Gender, null>, Record<Lang, string>> = {
  f: { en: 'Ms.', fr: 'Mme', es: 'Sra.', ru: 'г-жа', zh: '女士', ar: 'السيدة' },
  m: { en: 'Mr.', fr: 'M.', es: 'Sr.', ru: 'г-н', zh: '先生', ar: 'السيد' },
};

/**
 * A person's name with the form of address: "السيدة فينلا روت", "Mme Venla
 * Roth", "la Sra. Venla Roth", "г-жа Венла Рот", "Venla Roth女士". The
 * English edition names people without it, as the English outline of the
 * model does ("Venla Roth (Finland)"); the others take the title typed in
 * their language, else the one the person's gender gives.
 */
export function addressed(name: string, title: string, gender: Gender, lang: Lang): string {
  if (lang === 'en') return name;
  const form = title.trim() || (gender ? ADDRESS[gender][lang] : '');
  if (!form) return name;
  if (lang === 'zh') return `${name}${form}`;
  if (lang === 'es') return `${/^(sra|srta)\b/i.test(form) ? 'la' : /^sr\b/i.test(form) ? 'el' : ''} ${form} ${name}`.trim();
  return `${form} ${name}`;
}
