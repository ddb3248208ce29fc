import { describe, expect, it } from 'vitest';
import { formatDuration } from './dates';
import { formatAgendaLabel, subLetter } from './labels';

describe('labels and clocks', () => {
  it('numbers agenda items and sub-items in each script', () => {
    expect(formatAgendaLabel([1], 'en')).toBe('1');
    expect(formatAgendaLabel([1, 2], 'en')).toBe('1 (b)');
    expect(formatAgendaLabel([1, 2], 'ar')).toBe('١ (ب)');
    expect(formatAgendaLabel([12, 5], 'ar')).toBe('١٢ (هـ)');
  });

  it('letters past z as aa, ab', () => {
    expect([1, 26, 27, 28].map((n) => subLetter(n, 'en'))).toEqual(['a', 'z', 'aa', 'ab']);
  });

  it('shows durations as a clock, in the language digits', () => {
    expect(formatDuration(125_000, 'en')).toBe('2:05');
    expect(formatDuration(-12_400, 'en')).toBe('0:12');
    expect(formatDuration(3_725_000, 'en')).toBe('1:02:05');
    expect(formatDuration(125_000, 'ar')).toBe('٢:٠٥');
  });
});
