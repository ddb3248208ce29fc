import { describe, expect, it } from 'vitest';
import { venueName, venueWords } from './venues';

describe('venues', () => {
  it('the report names a known venue in each language, Russian in the prepositional case', () => {
    expect(venueName('Vienna', 'ar')).toBe('فيينا');
    expect(venueName('Genève', 'ru')).toBe('Женеве');
    expect(venueName('Lyon', 'fr')).toBe('Lyon');
  });

  it('a screen gets the table’s names where none was typed, never over typed words, never Russian', () => {
    expect(venueWords({ en: 'Vienna' })).toEqual({ en: 'Vienna', fr: 'Vienne', es: 'Viena', zh: '维也纳', ar: 'فيينا' });
    expect(venueWords({ ar: 'جنيف', fr: 'Genève (Palais des Nations)' })).toMatchObject({ en: 'Geneva', fr: 'Genève (Palais des Nations)' });
    expect(venueWords({ en: 'Lyon' })).toEqual({ en: 'Lyon' });
  });
});
