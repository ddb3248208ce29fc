import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { announcedDoc, Throttle } from './texts';

describe('texts:changed', () => {
  it('is announced for the texts of the report, never for an amendment draft or a name that is not a document', () => {
    for (const doc of ['recommendations', 'introduction', 'adoption', 'summary:i_abcdef123456', 'summary:i_abcdef123456:presentations']) {
      expect(announcedDoc(doc)).toBe(true);
    }
    for (const doc of ['amendment:am_abcdef123456', 'amendments', '', 'summary:x']) expect(announcedDoc(doc)).toBe(false);
  });
});

describe('Throttle', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('announces a quiet key at once, then at most once a second, always the last change', () => {
    const fired: [string, number][] = [];
    const throttle = new Throttle<string>(1_000, (key) => fired.push([key, Date.now()]));
    throttle.touch('a');
    expect(fired).toEqual([['a', 0]]);
    // A burst of changes during the second: one announcement at its end.
    for (let t = 100; t < 1_000; t += 100) {
      vi.advanceTimersByTime(100);
      throttle.touch('a');
    }
    throttle.touch('b');
    expect(fired).toEqual([['a', 0], ['b', 900]]);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual([['a', 0], ['b', 900], ['a', 1_000]]);
    // Nothing more while nothing changes.
    vi.advanceTimersByTime(5_000);
    expect(fired).toHaveLength(3);
    // Quiet for longer than the interval: at once again.
    throttle.touch('a');
    expect(fired.at(-1)).toEqual(['a', 6_000]);
  });

  it('forgets what is pending when cleared', () => {
    const fired: string[] = [];
    const throttle = new Throttle<string>(1_000, (key) => fired.push(key));
    throttle.touch('a');
    throttle.touch('a');
    throttle.clear();
    vi.advanceTimersByTime(2_000);
    expect(fired).toEqual(['a']);
  });
});
