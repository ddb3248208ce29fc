/**
 * Sign-in limits that fit a conference: 300 delegates behind one venue NAT
 * sign in at the opening, so successes are never counted against an address;
 * failures are (GAVEL_SIGNIN_FAILURES per address per window), which is what
 * slows a guesser. Sessions opened per access code are counted too
 * (GAVEL_SIGNIN_PER_CODE), so that one leaked code cannot mint sessions
 * without end.
 */
/** Attempts counted per key in a sliding window: in this process (WindowCounter), or shared by the nodes (cluster/limits.ts). */
export interface AttemptCounter {
  /** Seconds to wait before the next attempt is allowed; 0 when it is. */
  retryAfter(key: string): number | Promise<number>;
  add(key: string): void | Promise<void>;
}

export class WindowCounter implements AttemptCounter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const now = this.clock();
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.hits.set(key, list);
    else this.hits.delete(key);
    return list;
  }

  /** Seconds to wait before the next attempt is allowed; 0 when it is. */
  retryAfter(key: string): number {
    const list = this.recent(key);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.max] + this.windowMs - this.clock()) / 1000));
  }

  add(key: string): void {
    const list = this.recent(key);
    list.push(this.clock());
    // Only the last `max` matter for the decision: memory stays bounded per key.
    if (list.length > this.max) list.splice(0, list.length - this.max);
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.prune();
  }

  private prune(): void {
    for (const key of [...this.hits.keys()]) this.recent(key);
  }
}
