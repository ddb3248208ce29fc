import { z } from 'zod';
import { LANGUAGES } from '../languages';

/** Trimmed, non-empty text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);
/** Trimmed text that may be empty. */
export const optionalText = (max: number) => z.string().trim().max(max);
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
