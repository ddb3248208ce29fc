/**
 * Exports may not take the server from the meeting: each session has a rate
 * (a bucket of GAVEL_EXPORTS_PER_MINUTE, a quarter of it at once), and heavy
 * exports (PDF, DOCX) run a few at a time (PDF: GAVEL_PDF_PAGES pages in the
 * one Chromium; DOCX: one at a time, it is built on the event loop) with at
 * most GAVEL_EXPORT_QUEUE waiting. Beyond: 429 / 503 with Retry-After.
 */
import { DomainError } from '@gavel/shared';
import type { Config } from '../config';
import { PdfPrinter, findChromium } from './pdf';

class Bucket {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
  ) {
    this.tokens = capacity;
  }
  /** 0 when taken, else seconds until one is there. */
  take(): number {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
  get full(): boolean {
    return this.tokens + ((Date.now() - this.last) / 1000) * this.perSecond >= this.capacity;
  }
}

/** A number of slots, and a bounded line of those waiting for one. */
export class Slots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly size: number,
    private readonly queue: number,
    /** Seconds a refused caller is told to wait. */
    private readonly retryAfter: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) {
      if (this.waiting.length >= this.queue) {
        throw new DomainError('busy', 'the server is making other exports; try again shortly', { retryAfter: this.retryAfter });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.busy++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes to the next in line, after the event loop had a turn for everyone else.
      if (next) setImmediate(next);
      else this.busy--;
    }
  }
}

export class Exports {
  private readonly buckets = new Map<string, Bucket>();
  readonly pdf: Slots;
  readonly docx: Slots;
  readonly printer: PdfPrinter;

  constructor(private readonly config: Config) {
    this.pdf = new Slots(config.pdfPages, config.exportQueue, 10);
    this.docx = new Slots(1, config.exportQueue, 2);
    this.printer = new PdfPrinter(findChromium(config.chromium));
  }

  /** Counts one export for this session, or refuses it (429 with Retry-After). */
  take(sessionKey: string): void {
    let bucket = this.buckets.get(sessionKey);
    if (!bucket) {
      const perMinute = this.config.exportsPerMinute;
      this.buckets.set(sessionKey, (bucket = new Bucket(Math.max(1, Math.floor(perMinute / 4)), perMinute / 60)));
      if (this.buckets.size > 10_000) for (const [k, b] of this.buckets) if (b.full) this.buckets.delete(k);
    }
    const wait = bucket.take();
    if (wait) throw new DomainError('rate_limited', `too many exports; try again in ${wait} s`, { retryAfter: wait });
  }

  close(): Promise<void> {
    return this.printer.close();
  }
}
