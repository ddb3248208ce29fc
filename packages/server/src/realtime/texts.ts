/**
 * `texts:changed` (issue 6): whoever shows the report (the secretariat's
 * report view, a room screen) learns that a shared text of the meeting
 * changed and reads the report again, without joining every document.
 *
 * Announced when an update is stored (the relay of DocService: a client's
 * accepted update, or the server's own edit), to the meeting's sockets that
 * asked (`texts:follow`; every participant may read these texts, but only a
 * view of the report needs to know). Never for an amendment's
 * draft: its name (and that it is being written) is private to its sponsors
 * until tabled. Throttled per document: at once if the document was quiet
 * for a second, else once at the end of that second, so there is at most one
 * per document per second and the last change is always announced.
 */
import { isMeetingText, type TextsChanged } from '@gavel/shared';
import type { DocService } from '../docs/service';

/** At most one announcement per document per this many ms. */
export const TEXTS_CHANGED_INTERVAL_MS = 1_000;

/** Whether a change to `docName` may be announced to the whole meeting: the meeting's texts, not an amendment's draft. */
export const announcedDoc = isMeetingText;

/**
 * Calls `emit` for a key at most once per `intervalMs`: the first call of a
 * quiet key at once, calls during the interval once at its end (the trailing
 * edge). Timers do not hold the process open.
 */
export class Throttle<K> {
  private readonly last = new Map<K, number>();
  private readonly pending = new Map<K, NodeJS.Timeout>();

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (key: K) => void,
    private readonly now: () => number = () => Date.now(),
  ) {}

  touch(key: K): void {
    if (this.pending.has(key)) return;
    const wait = (this.last.get(key) ?? -Infinity) + this.intervalMs - this.now();
    if (wait <= 0) {
      this.fire(key);
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.fire(key);
    }, wait);
    timer.unref();
    this.pending.set(key, timer);
  }

  private fire(key: K): void {
    this.last.set(key, this.now());
    // Quiet keys are forgotten after an interval, so the map does not grow with every document ever written.
    const forget = setTimeout(() => {
      if (!this.pending.has(key) && this.now() - (this.last.get(key) ?? 0) >= this.intervalMs) this.last.delete(key);
    }, this.intervalMs);
    forget.unref();
    this.emit(key);
  }

  /** Drops what is pending (when the server stops). */
  clear(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.last.clear();
  }
}

/**
 * Announces stored changes to the meeting's texts; `send` emits to a
 * meeting's room. Returns a function that stops it.
 */
export function announceTextChanges(
  docs: DocService,
  send: (meetingId: string, change: TextsChanged) => void,
  intervalMs = TEXTS_CHANGED_INTERVAL_MS,
): () => void {
  const throttle = new Throttle<string>(intervalMs, (key) => {
    const [meetingId, doc] = key.split('\u0000');
    send(meetingId, { doc });
  });
  const off = docs.onRelay((meetingId, docName) => {
    if (announcedDoc(docName)) throttle.touch(`${meetingId}\u0000${docName}`);
  });
  return () => {
    off();
    throttle.clear();
  };
}
