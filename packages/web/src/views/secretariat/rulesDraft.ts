import { CATEGORIES, DEFAULT_PRECEDENCE, type Category, type RulesPatch, type SpeakingRules } from '@gavel/shared';

/** Classes of precedence, as the rules keep them: each a list of categories, every category exactly once. */
export type Precedence = Category[][];

/** One class holding every category: the list follows the order of request alone. */
export function isOrderOfRequest(precedence: Precedence): boolean {
  return precedence.length === 1;
}

export function orderOfRequest(): Precedence {
  return [[...CATEGORIES]];
}

export function defaultPrecedence(): Precedence {
  return DEFAULT_PRECEDENCE.map((c) => [...c]);
}

/** Swaps a class with its neighbour above (delta −1) or below (+1). */
export function moveClass(precedence: Precedence, index: number, delta: -1 | 1): Precedence {
  const to = index + delta;
  if (index < 0 || index >= precedence.length || to < 0 || to >= precedence.length) return precedence;
  const next = precedence.map((c) => [...c]);
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/**
 * Moves a category into another class (by index), or into a new class of its
 * own at the end ('new'). Classes left empty disappear; categories keep the
 * report's order within a class.
 */
export function moveCategory(precedence: Precedence, category: Category, to: number | 'new'): Precedence {
  const from = precedence.findIndex((c) => c.includes(category));
  if (from < 0 || to === from) return precedence;
  if (to === 'new' && precedence[from].length === 1 && from === precedence.length - 1) return precedence;
  const next = precedence.map((c) => c.filter((x) => x !== category));
  if (to === 'new') next.push([category]);
  else if (to >= 0 && to < next.length) next[to] = CATEGORIES.filter((c) => c === category || next[to].includes(c));
  else return precedence;
  return next.filter((c) => c.length > 0);
}

/**
 * The `rules.update` patch that turns the rules into the draft: only the
 * parts that differ (nested objects in part), or null when nothing does.
 */
export function rulesPatch(current: SpeakingRules, draft: SpeakingRules): RulesPatch | null {
  const patch: RulesPatch = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(current.precedence, draft.precedence)) patch.precedence = draft.precedence;
  if (current.panellistsFirst !== draft.panellistsFirst) patch.panellistsFirst = draft.panellistsFirst;
  if (current.groupStatementsFirst !== draft.groupStatementsFirst) patch.groupStatementsFirst = draft.groupStatementsFirst;
  for (const group of ['speakingTimeMs', 'rightOfReply', 'programme'] as const) {
    const a = current[group] as Record<string, unknown>;
    const b = draft[group] as Record<string, unknown>;
    const changed = Object.fromEntries(Object.entries(b).filter(([k, v]) => !same(a[k], v)));
    if (Object.keys(changed).length > 0) (patch as Record<string, unknown>)[group] = changed;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
