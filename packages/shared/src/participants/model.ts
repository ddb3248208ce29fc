import type { Lang } from '../languages';
import type { Localized } from '../core/localized';
import type { Category } from './categories';

export interface Delegation {
  id: string;
  category: Category;
  /** M49 code when the delegation is a State from the UN list. */
  m49?: string;
  /** Name per language; for States, the UN short names. */
  names: Partial<Record<Lang, string>>;
  registeredAt: string;
}

export const PERSON_FUNCTIONS = [
  'chair',
  'vice_chair',
  'rapporteur',
  'head',
  'representative',
  'adviser',
  'panellist',
  'secretariat',
] as const;
export type PersonFunction = (typeof PERSON_FUNCTIONS)[number];
/** The bureau of the meeting. */
export const BUREAU_FUNCTIONS: readonly PersonFunction[] = ['chair', 'vice_chair', 'rapporteur'];
/** Functions held only as a member of a delegation. */
export const DELEGATION_FUNCTIONS: readonly PersonFunction[] = ['head', 'representative', 'adviser'];

export interface Person {
  id: string;
  name: string;
  /** Form of address as the list of participants writes it, per language: "Ms.", "Mme", "السيدة". */
  title: Localized;
  /**
   * The name as documents in another script spell it ("فينلا روت", "Венла
   * Рот"); `name` where a language has none.
   */
  names?: Localized;
  function: PersonFunction;
  delegationId?: string;
  registeredAt: string;
}
