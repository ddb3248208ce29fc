import type { Lang } from '../../languages';
import { ar } from './ar';
import { en, type UiStrings } from './en';
import { es } from './es';
import { fr } from './fr';
import { ru } from './ru';
import { zh } from './zh';

export { en };
export type { UiStrings };

/** The web app's strings in each of the six official languages. */
export const UI_STRINGS: Record<Lang, UiStrings> = { ar, zh, en, fr, ru, es };
