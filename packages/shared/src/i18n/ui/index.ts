// TEMPORARY (being replaced by the translator helper): every language shows English.
import type { Lang } from '../../languages';
import { en, type UiStrings } from './en';
export { en, type UiStrings };
export const UI_STRINGS: Record<Lang, UiStrings> = { ar: en, zh: en, en, fr: en, ru: en, es: en };
