import { describe, expect, it } from 'vitest';
import { StoreProbe } from './health';

describe('StoreProbe (/health)', () => {
  it('says the store answers, or why not, without waiting longer than its timeout; one probe at a time', async () => {
    let calls = 0;
    let answer: (() => void) | undefined;
    const probe = new StoreProbe(() => {
      calls++;
      return new Promise<void>((r) => (answer = r));
    }, 100);
    const t0 = performance.now();
    const [first, second] = await Promise.all([probe.check(), probe.check()]);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(first).toMatch(/database is not answering \(no answer within 100 ms\)/);
    expect(second).toBe(first);
    expect(calls).toBe(1);
    // The late answer comes: the next check asks again, and is answered.
    answer!();
    await new Promise((r) => setTimeout(r, 0));
    const next = probe.check();
    answer!();
    expect(await next).toBeUndefined();
    expect(calls).toBe(2);
  });

  it('reports a refusal with its reason', async () => {
    const probe = new StoreProbe(() => Promise.reject(new Error('PostgreSQL is unavailable: connect ECONNREFUSED')));
    expect(await probe.check()).toMatch(/ECONNREFUSED/);
  });
});
