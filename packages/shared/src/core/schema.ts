import { z } from 'zod';
import { LANGUAGES } from '../languages';

/**
 * Characters no export can carry: those XML 1.0 forbids (C0 controls but tab,
 * line feed and carriage return; U+FFFE, U+FFFF; lone surrogates) and the
 * controls HTML refuses (DEL and C1). One raw in a name makes the Word report
 * unopenable, so free text is checked for them where it enters.
 */
const FORBIDDEN_SOURCE =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const FORBIDDEN = new RegExp(FORBIDDEN_SOURCE);
const FORBIDDEN_ALL = new RegExp(FORBIDDEN_SOURCE, 'g');

export const FORBIDDEN_TEXT_MESSAGE =
  'contains a character documents cannot carry (a control character, U+FFFE/U+FFFF or a lone surrogate)';

export const hasForbiddenChars = (s: string): boolean => FORBIDDEN.test(s);
/** Text from a file (CSV, JSON, DOCX, plain text) and text on its way into an export: the forbidden characters removed. */
export const removeForbiddenChars = (s: string): string => (FORBIDDEN.test(s) ? s.replace(FORBIDDEN_ALL, '') : s);

/**
 * THE rule for free text typed or sent by a client (names, titles, labels,
 * written texts): at most `max` characters, and none that documents cannot
 * carry; refused, so the error names the field (its zod path).
 */
export const freeText = (max: number, options: { trim?: boolean; min?: number } = {}) => {
  let s = z.string();
  if (options.trim) s = s.trim();
  if (options.min) s = s.min(options.min);
  return s.max(max).refine((v) => !FORBIDDEN.test(v), FORBIDDEN_TEXT_MESSAGE);
};

/** Trimmed, non-empty text of at most `max` characters. */
export const text = (max: number) => freeText(max, { trim: true, min: 1 });
/** Trimmed text that may be empty. */
export const optionalText = (max: number) => freeText(max, { trim: true });
/** Ids are made by the server: a prefix and random letters. */
export const id = z.string().regex(/^[a-z]{1,3}_[A-Za-z0-9]{6,32}$/, 'not a valid id');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
export const lang = z.enum(LANGUAGES);
export const m49 = z.string().regex(/^\d{3}$/, 'expected a three-digit M49 code');
/** A name in some of the six languages; at least one. */
export const names = z
  .object({
    ar: optionalText(300).optional(),
    zh: optionalText(300).optional(),
    en: optionalText(300).optional(),
    fr: optionalText(300).optional(),
    ru: optionalText(300).optional(),
    es: optionalText(300).optional(),
  })
  .strict()
  .refine((n) => Object.values(n).some((v) => v && v.length > 0), 'give the name in at least one language');

/**
 * Every string in a tree with the forbidden characters removed: what an
 * export draws from, so that the file is valid XML/HTML whatever the record
 * holds (text recorded before this rule, a text's characters from Yjs).
 */
export function removeForbiddenCharsDeep<T>(value: T): T {
  if (typeof value === 'string') return removeForbiddenChars(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const c = removeForbiddenCharsDeep(v);
      if (c !== v) changed = true;
      return c;
    });
    return (changed ? out : value) as T;
  }
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = removeForbiddenCharsDeep(v);
      if (c !== v) changed = true;
      out[k] = c;
    }
    return (changed ? out : value) as T;
  }
  return value;
}
