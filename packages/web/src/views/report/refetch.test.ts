import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Refetcher } from './refetch';

describe('compiling the report again', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits for a quiet moment: a burst of changes costs one compilation', () => {
    const run = vi.fn();
    const r = new Refetcher(run, 400, 1500, () => Date.now());
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
    const r = new Refetcher(run, 400, 1500, () => Date.now());
    for (let i = 0; i < 10; i++) {
      r.poke();
      vi.advanceTimersByTime(300);
    }
    // 3 s of changes every 300 ms: compiled at 1.5 s and again at 3 s.
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs at once when asked (another language), dropping what was waiting', () => {
    const run = vi.fn();
    const r = new Refetcher(run, 400, 1500, () => Date.now());
    r.poke();
    r.runNow();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
