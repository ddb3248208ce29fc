import { describe, expect, it } from 'vitest';
import { compareNames } from './collation';

describe('alphabetical order of names', () => {
  it('orders Arabic names as the model report does: article ignored, alif forms as one', () => {
    const model = ['الاتحاد الروسي', 'أذربيجان', 'الأرجنتين', 'الأردن', 'أرمينيا', 'إسبانيا', 'أستراليا', 'إستونيا', 'إسرائيل'];
    const shuffled = [...model].reverse();
    shuffled.push(shuffled.splice(3, 1)[0]);
    expect(shuffled.sort(compareNames('ar'))).toEqual(model);
  });

  it('differs from the plain Arabic collation, which files the article under lam', () => {
    const plain = ['الأردن', 'أرمينيا'].sort(new Intl.Collator('ar').compare);
    const un = ['الأردن', 'أرمينيا'].sort(compareNames('ar'));
    expect(un).toEqual(['الأردن', 'أرمينيا']);
    expect(plain).not.toEqual(un);
  });

  it('orders a name of several words word by word', () => {
    expect(['جمهورية كوريا الشعبية الديمقراطية', 'جمهورية كوريا', 'جمهورية تنزانيا المتحدة'].sort(compareNames('ar'))).toEqual([
      'جمهورية تنزانيا المتحدة',
      'جمهورية كوريا',
      'جمهورية كوريا الشعبية الديمقراطية',
    ]);
  });

  it('orders French names by their letters, accents aside', () => {
    expect(['Équateur', 'Espagne', 'Égypte', 'Estonie'].sort(compareNames('fr'))).toEqual(['Égypte', 'Équateur', 'Espagne', 'Estonie']);
  });
});
