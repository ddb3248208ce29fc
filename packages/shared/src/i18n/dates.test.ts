import { describe, expect, it } from 'vitest';
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

  it('writes Arabic months with both names and Arabic-Indic digits', () => {
    expect(formatDate('2009-06-05', 'ar')).toBe('٥ حزيران/يونيه ٢٠٠٩');
    expect(formatDate('2026-12-31', 'ar')).toBe('٣١ كانون الأول/ديسمبر ٢٠٢٦');
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
