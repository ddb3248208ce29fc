import { describe, expect, it } from 'vitest';
import { CATEGORIES, defaultRules, RulesPatchSchema } from '@gavel/shared';
import { defaultPrecedence, isOrderOfRequest, moveCategory, moveClass, orderOfRequest, rulesPatch } from './rulesDraft';

const every = (p: string[][]) => p.flat().sort();

describe('precedence classes', () => {
  it('tells the order of request alone from classes', () => {
    expect(isOrderOfRequest(orderOfRequest())).toBe(true);
    expect(isOrderOfRequest(defaultPrecedence())).toBe(false);
    expect(every(orderOfRequest())).toEqual([...CATEGORIES].sort());
  });

  it('moves a class up or down, and not past either end', () => {
    const p = defaultPrecedence();
    expect(moveClass(p, 1, -1).slice(0, 2)).toEqual([['signatory'], ['state_party', 'reio_party']]);
    expect(moveClass(p, 0, -1)).toBe(p);
    expect(moveClass(p, p.length - 1, 1)).toBe(p);
    expect(p[0]).toEqual(['state_party', 'reio_party']); // unchanged
  });

  it('moves a category into another class, in the report order of categories', () => {
    const p = moveCategory(defaultPrecedence(), 'signatory', 0);
    expect(p[0]).toEqual(['state_party', 'reio_party', 'signatory']);
    // The signatories' class, left empty, is gone.
    expect(p).toHaveLength(4);
    expect(every(p)).toEqual([...CATEGORIES].sort());
  });

  it('gives a category a class of its own at the end', () => {
    const p = moveCategory(defaultPrecedence(), 'reio_party', 'new');
    expect(p[0]).toEqual(['state_party']);
    expect(p.at(-1)).toEqual(['reio_party']);
    expect(every(p)).toEqual([...CATEGORIES].sort());
  });

  it('leaves the classes alone for a move to where the category already is', () => {
    const p = defaultPrecedence();
    expect(moveCategory(p, 'igo', 3)).toBe(p);
    const last = moveCategory(p, 'ngo', 'new');
    expect(moveCategory(last, 'ngo', 'new')).toBe(last);
  });

  it('always makes precedence the rules accept', () => {
    let p = defaultPrecedence();
    p = moveCategory(p, 'ngo', 0);
    p = moveCategory(p, 'state_party', 'new');
    p = moveClass(p, p.length - 1, -1);
    expect(RulesPatchSchema.safeParse({ precedence: p }).success).toBe(true);
  });
});

describe('rulesPatch', () => {
  it('is null when nothing changed', () => {
    expect(rulesPatch(defaultRules(), defaultRules())).toBeNull();
  });

  it('sends only the changed parts, nested objects in part', () => {
    const draft = defaultRules();
    draft.speakingTimeMs.statement = 240_000;
    draft.rightOfReply.takenAt = 'when_called';
    draft.programme.timeZone = 'Europe/Vienna';
    draft.panellistsFirst = false;
    const patch = rulesPatch(defaultRules(), draft);
    expect(patch).toEqual({
      panellistsFirst: false,
      speakingTimeMs: { statement: 240_000 },
      rightOfReply: { takenAt: 'when_called' },
      programme: { timeZone: 'Europe/Vienna' },
    });
    expect(RulesPatchSchema.safeParse(patch).success).toBe(true);
  });

  it('sends the whole precedence when the classes changed', () => {
    const draft = { ...defaultRules(), precedence: orderOfRequest() };
    expect(rulesPatch(defaultRules(), draft)).toEqual({ precedence: orderOfRequest() });
  });
});
