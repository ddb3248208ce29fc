import { describe, expect, it } from 'vitest';
import { INTL_LOCALE, LANGUAGES } from '../languages';
import { formatDate, formatDateRange, formatInteger } from './dates';

describe('dates as UN documents write them', () => {
  it.each([
    ['en', '27 January 2010'],
    ['fr', '27 janvier 2010'],
    ['es', '27 de enero de 2010'],
    ['ru', '27 января 2010 года'],
    ['zh', '2010年1月27日'],
    ['ar', '٢٧ كانون الثاني/يناير ٢٠١٠'],
  ] as const)('%s: %s', (lang, expected) => {
    expect(formatDate('2010-01-27', lang)).toBe(expected);
  });

  // The months of these three are a table (no formatter on a phone's first screen): the same words as Intl's, every day of a leap year.
  it.each(['en', 'fr', 'es'] as const)('%s: the same as Intl.DateTimeFormat on every day of 2028', (lang) => {
    const intl = new Intl.DateTimeFormat(INTL_LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    for (let t = Date.UTC(2028, 0, 1); t < Date.UTC(2029, 0, 1); t += 86_400_000) {
      expect(formatDate(new Date(t).toISOString().slice(0, 10), lang)).toBe(intl.format(t));
    }
  });

  it('writes Arabic months with both names and Arabic-Indic digits', () => {
    expect(formatDate('2009-06-05', 'ar')).toBe('٥ حزيران/يونيه ٢٠٠٩');
    expect(formatDate('2026-12-31', 'ar')).toBe('٣١ كانون الأول/ديسمبر ٢٠٢٦');
  });

  // Whole numbers are written by hand (no formatter on a phone's first screen): the same as Intl's, in every language.
  it.each(LANGUAGES)('%s: whole numbers the same as Intl.NumberFormat', (lang) => {
    const intl = new Intl.NumberFormat(INTL_LOCALE[lang], { useGrouping: false, maximumFractionDigits: 0 });
    for (const n of [0, 1, 7, 10, 99, 100, 1234, 20_000, 987_654_321, Number.MAX_SAFE_INTEGER, -1, -250, 2.5, 3.49, 1e21]) {
      expect(formatInteger(n, lang)).toBe(intl.format(n));
    }
  });

  it('never groups the digits of a year', () => {
    expect(formatInteger(2010, 'en')).toBe('2010');
    expect(formatInteger(1500, 'ar')).toBe('١٥٠٠');
  });

  it('gives one date for a one-day meeting', () => {
    expect(formatDateRange('2010-01-27', '2010-01-27', 'en')).toBe('27 January 2010');
  });

  it.each([
    ['en', '27–29 January 2010'],
    ['fr', '27–29 janvier 2010'],
    ['ru', '27–29 января 2010 года'],
    ['zh', '2010年1月27日至29日'],
    ['ar', '٢٧-٢٩ كانون الثاني/يناير ٢٠١٠'],
  ] as const)('shortens a range within a month in %s', (lang, expected) => {
    expect(formatDateRange('2010-01-27', '2010-01-29', lang)).toBe(expected);
  });

  it('writes both dates of a range across months', () => {
    expect(formatDateRange('2010-01-30', '2010-02-02', 'en')).toBe('30 January 2010 – 2 February 2010');
  });
});
