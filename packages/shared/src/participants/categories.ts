/**
 * Participant categories, in the order the report's attendance section lists
 * them (see reference/README.md, III.C).
 */
export const CATEGORIES = [
  'state_party',
  'reio_party',
  'signatory',
  'observer_state',
  'observer_entity',
  'un_body',
  // The model lists IGOs with permanent observer status, then the Order of Malta, then the other IGOs (III.C, paras. 74-76).
  'igo_observer',
  'other_entity',
  'igo',
  'ngo',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Categories whose members are States picked from the UN list. */
export const STATE_CATEGORIES = ['state_party', 'signatory', 'observer_state', 'observer_entity'] as const satisfies readonly Category[];
