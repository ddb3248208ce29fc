import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Refetcher } from './refetch';

describe('compiling the report again', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a quiet moment: a burst of changes costs one compilation', () => {
    const run = vi.fn();
    const r = new Refetcher(run, 400, 1500, () => Date.now(), 0);
    r.poke();
    vi.advanceTimersByTime(200);
    r.poke();
    vi.advanceTimersByTime(200);
    r.poke();
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(400);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does not wait for ever while someone types without pause', () => {
    const run = vi.fn();
    const r = new Refetcher(run, 400, 1500, () => Date.now(), 0);
    for (let i = 0; i < 10; i++) {
      r.poke();
      vi.advanceTimersByTime(300);
    }
    // 3 s of changes every 300 ms: compiled at 1.5 s and again at 3 s.
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs at once when asked (another language), dropping what was waiting', () => {
    const run = vi.fn();
    const r = new Refetcher(run, 400, 1500, () => Date.now(), 0);
    r.poke();
    r.runNow();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('puts each burst off by a random share of the spread, drawn once per burst: views told at the same moment ask apart', () => {
    const fired: number[][] = [];
    const views = [0, 0.5, 0.99].map((share, i) => {
      fired.push([]);
      return new Refetcher(() => fired[i]!.push(Date.now()), 400, 1500, () => Date.now(), 500, () => share);
    });
    const start = Date.now();
    for (let t = 0; t < 5; t++) {
      for (const v of views) v.poke();
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(2000);
    // The last change at 400 ms: quiet 400 ms after it, plus each view's share of 500 ms.
    expect(fired.map((f) => f.map((at) => at - start))).toEqual([[800], [1050], [1295]]);
    // Typing without pause for 3 s: at the longest wait plus the view's share (1.5, 1.75 and 1.995 s), then again from the next change.
    const typing = Date.now();
    for (let t = 0; t < 30; t++) {
      for (const v of views) v.poke();
      vi.advanceTimersByTime(100);
    }
    expect(fired.map((f) => f.slice(1).map((at) => at - typing))).toEqual([[1500, 3000], [1750], [1995]]);
  });
});
