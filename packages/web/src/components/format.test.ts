import { describe, expect, it } from 'vitest';
import { formatDuration } from '@gavel/shared';
import {
  formatSignedDuration,
  itemHeading,
  itemNumber,
  formatVenueTime,
  formatZone,
  parseDuration,
  toAsciiDigits,
  venueTimeInput,
} from './format';

describe('formatSignedDuration', () => {
  it.each([
    [0, '0:00'],
    [499, '0:00'],
    [500, '0:01'],
    [65_000, '1:05'],
    [3_723_000, '1:02:03'],
    [-30_000, '−0:30'],
    [-3_723_000, '−1:02:03'],
    [-200, '0:00'],
  ])('%i ms is %s in English', (ms, text) => {
    expect(formatSignedDuration(ms, 'en')).toBe(text);
  });

  it('writes Arabic-Indic digits in Arabic', () => {
    expect(formatSignedDuration(185_000, 'ar')).toBe('٣:٠٥');
    expect(formatSignedDuration(-3_723_000, 'ar')).toBe('−١:٠٢:٠٣');
  });
});

describe('parseDuration', () => {
  it.each([
    ['3', 180_000],
    ['3.30', 210_000],
    ['3,30', 210_000],
    [' 3 : 30 ', 210_000],
    ['0:10', 10_000],
    ['120:00', 7_200_000],
    ['1:05:00', 3_900_000],
    ['3.30', 210_000],
    ['3,30', 210_000],
    ['٣:٣٠', 210_000],
    ['۵:۰۰', 300_000],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'abc', '3:5', '3:60', '1:60:00', '-3:00', '3:00:00:00', '3m'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('reads back what formatDuration writes, in every language', () => {
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const) {
      for (const ms of [10_000, 185_000, 3_723_000]) expect(parseDuration(formatDuration(ms, lang))).toBe(ms);
    }
  });
});

describe('venue times', () => {
  const at = '2027-01-27T09:05:12.345Z';

  it('shows the time of day at the venue, in the digits of the language', () => {
    expect(formatVenueTime(at, 'Europe/Vienna', 'en')).toBe('10:05:12');
    expect(formatVenueTime(at, 'UTC', 'en', false)).toBe('09:05');
    expect(formatVenueTime(at, 'America/New_York', 'en')).toBe('04:05:12');
    expect(formatVenueTime(at, 'Europe/Vienna', 'ar')).toBe('١٠:٠٥:١٢');
    // Summer time: Vienna is two hours ahead in July.
    expect(formatVenueTime('2027-07-27T09:05:12Z', 'Europe/Vienna', 'en')).toBe('11:05:12');
  });

  it('reads an instant as an <input type="time"> holds it', () => {
    expect(venueTimeInput(at, 'Europe/Vienna')).toBe('10:05:12');
  });

  it('names the zone with its offset at the time', () => {
    const ltr = (s: string) => `\u2066${s}\u2069`;
    expect(formatZone('UTC')).toBe(ltr('UTC'));
    expect(formatZone('Europe/Vienna', Date.parse(at))).toBe(ltr('Europe/Vienna, UTC+01:00'));
    expect(formatZone('Europe/Vienna', Date.parse('2027-07-01T00:00:00Z'))).toBe(ltr('Europe/Vienna, UTC+02:00'));
    expect(formatZone('America/St_Johns', Date.parse(at))).toBe(ltr('America/St_Johns, UTC−03:30'));
  });
});

describe('itemNumber and itemHeading', () => {
  it('heads an item as the documents of each language do', () => {
    expect(itemNumber([1], 'en')).toBe('1.');
    expect(itemNumber([1, 2], 'en')).toBe('1 (b)');
    expect(itemNumber([1], 'ar')).toBe('١-');
    expect(itemNumber([1, 1], 'ar')).toBe('١ (أ)');
    expect(itemHeading({ path: [2], title: 'Other matters' }, 'fr')).toBe('2. Other matters');
    expect(itemHeading({ path: [1, 2], title: 'Adoption of the agenda' }, 'en')).toBe('1 (b) Adoption of the agenda');
  });
});
