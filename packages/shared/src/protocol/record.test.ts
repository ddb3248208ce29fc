import { describe, expect, it } from 'vitest';
import { headCovers, rollbackFrom, type RecordHead } from './record';

const head = (ledger: number, texts: Record<string, number> = {}, tag = ''): RecordHead => ({
  meetingId: 'm_1',
  ledger: { seq: ledger, hash: `l${ledger}${tag}` },
  texts: Object.fromEntries(Object.entries(texts).map(([d, s]) => [d, { seq: s, hash: `${d}${s}${tag}` }])),
  at: '2027-01-27T10:00:00.000Z',
});

describe('what a client can tell of the record by itself', () => {
  it('keeps a head that is at or beyond the one it has on every chain', () => {
    expect(headCovers(head(10, { recommendations: 5 }), head(9, { recommendations: 5 }))).toBe(true);
    expect(headCovers(head(10, { recommendations: 5, introduction: 1 }), head(10, { recommendations: 5 }))).toBe(true);
    expect(headCovers(head(10, { recommendations: 4 }), head(9, { recommendations: 5 }))).toBe(false);
    expect(headCovers(head(8), head(9))).toBe(false);
  });

  it('sees a ledger or a text that went back, or the same place with another record', () => {
    const seen = head(10, { recommendations: 5 });
    expect(rollbackFrom(seen, head(11, { recommendations: 6 }))).toBeNull();
    expect(rollbackFrom(seen, head(10, { recommendations: 5 }))).toBeNull();
    expect(rollbackFrom(seen, head(7, { recommendations: 5 }))).toMatchObject({ where: 'ledger', seq: 10 });
    expect(rollbackFrom(seen, head(10, { recommendations: 5 }, 'x'))).toMatchObject({ where: 'ledger', reason: expect.stringMatching(/another record/) });
    expect(rollbackFrom(seen, head(12, { recommendations: 3 }))).toMatchObject({ where: 'text', doc: 'recommendations', seq: 5 });
    expect(rollbackFrom(seen, head(12, {}))).toMatchObject({ where: 'text', doc: 'recommendations' });
  });
});
