/** A token bucket: `capacity` at once, refilled at `perSecond`. */
export class Bucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  take(n = 1): boolean {
    this.refill();
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Seconds until `n` tokens are there (at least 1 when they are not). */
  wait(n = 1): number {
    this.refill();
    return this.tokens >= n ? 0 : Math.max(1, Math.ceil((n - this.tokens) / this.perSecond));
  }

  get full(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }
}
