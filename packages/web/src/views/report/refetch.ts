/**
 * When to compile the report again: a while after the meeting last changed
 * (an event, a keystroke in a text), so that a burst of changes costs one
 * request; but never later than `maxWaitMs` after the first change of a
 * burst, so that someone typing without pause still sees the report follow.
 * Pure timing, no fetching: `run` does the work.
 */
export class Refetcher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstPokeAt: number | null = null;

  constructor(
    private readonly run: () => void,
    private readonly quietMs = 400,
    private readonly maxWaitMs = 1500,
    private readonly now: () => number = Date.now,
  ) {}

  /** Something changed: run after a quiet moment (or the longest wait). */
  poke(): void {
    const t = this.now();
    this.firstPokeAt ??= t;
    const wait = Math.max(0, Math.min(this.quietMs, this.firstPokeAt + this.maxWaitMs - t));
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
