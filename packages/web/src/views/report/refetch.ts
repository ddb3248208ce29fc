/**
 * When to compile the report again: a while after the meeting last changed
 * (an event, a keystroke in a text), so that a burst of changes costs one
 * request; but never later than `maxWaitMs` after the first change of a
 * burst, so that someone typing without pause still sees the report follow.
 * Each burst is also put off by a random share of `spreadMs`, drawn once per
 * burst: every open report view hears of a change at the same moment, and
 * thirty asking at once make the server answer thirty requests in a row,
 * which holds up the typist's next keystroke behind all of them (issue 14,
 * `pnpm bench:late`); spread over half a second, each costs it little.
 * Pure timing, no fetching: `run` does the work.
 */
export class Refetcher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPokeAt: number | null = null;
  private spread = 0;

  constructor(
    private readonly run: () => void,
    private readonly quietMs = 400,
    private readonly maxWaitMs = 1500,
    private readonly now: () => number = Date.now,
    private readonly spreadMs = 500,
    private readonly random: () => number = Math.random,
  ) {}

  /** Something changed: run after a quiet moment (or the longest wait). */
  poke(): void {
    const t = this.now();
    if (this.firstPokeAt === null) {
      this.firstPokeAt = t;
      this.spread = this.random() * this.spreadMs;
    }
    const at = Math.min(t + this.quietMs, this.firstPokeAt + this.maxWaitMs) + this.spread;
    const wait = Math.max(0, at - t);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), wait);
  }

  /** Run at once (a new language asked for), dropping what was waiting. */
  runNow(): void {
    this.fire();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstPokeAt = null;
  }

  private fire(): void {
    this.cancel();
    this.run();
  }
}
