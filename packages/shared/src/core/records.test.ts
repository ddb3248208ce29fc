import { describe, expect, it } from 'vitest';
import { withKeys, withoutKey } from './records';

describe('withKeys and withoutKey', () => {
  const ids = Array.from({ length: 60 }, (_, i) => `e_${(i * 7919).toString(36).padStart(12, 'x')}`);
  const record: Record<string, { n: number }> = Object.fromEntries(ids.map((id, n) => [id, { n }]));

  it('copy as a spread would: same keys in the same order, same values, the original untouched', () => {
    const before = JSON.stringify(record);
    const sets: Record<string, { n: number }>[] = [{ e_new000000001: { n: -1 } }, { [ids[5]!]: { n: -2 } }, { [ids[0]!]: { n: -3 }, e_new000000002: { n: -4 } }];
    for (const set of sets) {
      const copy = withKeys(record, set);
      expect(copy).not.toBe(record);
      expect(Object.entries(copy)).toEqual(Object.entries({ ...record, ...set }));
    }
    for (const key of [ids[0]!, ids[30]!, ids[59]!, 'e_absent']) {
      const { [key]: _gone, ...spread } = record;
      expect(Object.entries(withoutKey(record, key))).toEqual(Object.entries(spread));
    }
    expect(JSON.stringify(record)).toBe(before);
  });

  it('keep an own __proto__ key a plain property, as a spread does (never the prototype)', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    for (const copy of [withKeys<unknown>(hostile, { b: 2 }), withKeys<unknown>({ a: 1 }, hostile), withoutKey(hostile, 'a')]) {
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(Object.hasOwn(copy, '__proto__')).toBe(true);
      expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    }
  });
});
