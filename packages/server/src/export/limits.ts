/**
 * Exports may not take the server from the meeting: each session has a rate
 * (a bucket of GAVEL_EXPORTS_PER_MINUTE, a quarter of it at once), and a
 * separate one for reading the report in the app (`view`: four times that,
 * from the answer kept per version of the meeting); every
 * report is assembled one at a time (work on the event loop; between two,
 * everything else has its turn); the heavy renders run beside the event
 * loop at a lower priority (GAVEL_EXPORT_NICE): DOCX in a worker thread
 * (worker.ts), PDFs GAVEL_PDF_PAGES at a time in the one Chromium, resting
 * between two; at most GAVEL_EXPORT_QUEUE wait for each. Beyond: 429 / 503
 * with Retry-After.
 */
import { DomainError } from '@gavel/shared';
import type { Config } from '../config';
import { PdfPrinter, findChromium } from './pdf';
import { DocxWorker } from './worker';
import { Bucket } from '../net/bucket';


/** A number of slots, and a bounded line of those waiting for one. */
export class Slots {
  private busy = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(
    private readonly size: number,
    private readonly queue: number,
    /** Seconds a refused caller is told to wait. */
    private readonly retryAfter: number,
    /** Rest this many times as long as the work took before the next in line (2: a third of a core at most, whatever the demand). */
    private readonly rest = 0,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.busy >= this.size) {
      if (this.waiting.length >= this.queue) {
        throw new DomainError('busy', 'the server is making other exports; try again shortly', { retryAfter: this.retryAfter });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.busy++;
    const started = Date.now();
    try {
      return await work();
    } finally {
      if (this.rest) await new Promise((r) => setTimeout(r, this.rest * (Date.now() - started)));
      const next = this.waiting.shift();
      // The slot passes to the next in line, after the event loop had a turn for everyone else.
      if (next) setImmediate(next);
      else this.busy--;
    }
  }
}

/** What a session asks of the report: a file (`export`), or a reading in the app (`view`: its JSON, the live report). */
export type ExportKind = 'export' | 'view';

/** The app's readings of the report a session may make for each export it may make. */
export const VIEWS_PER_EXPORT = 4;

export class Exports {
  private readonly buckets = new Map<string, Bucket>();
  /** Assembling and rendering a report (every format): one at a time, so that the event loop is never held by more than one. */
  readonly build: Slots;
  /** Printing in Chromium (another process), GAVEL_PDF_PAGES at a time. */
  readonly pdf: Slots;
  readonly printer: PdfPrinter;
  /** Word files, built in a thread of their own at a lower priority (export/worker.ts). */
  readonly docx: DocxWorker;

  constructor(private readonly config: Config) {
    this.build = new Slots(1, config.exportQueue, 2);
    this.pdf = new Slots(config.pdfPages, config.exportQueue, 10, 2);
    this.printer = new PdfPrinter(findChromium(config.chromium), { paged: true, nice: config.exportNice, keep: config.pdfPages });
    this.docx = new DocxWorker(config.exportNice);
  }

  /**
   * Counts one export (or, `view`, one reading of the report in the app) for
   * this session, or refuses it (429 with Retry-After) after a pause: a client
   * that ignores Retry-After and asks again at once gets its answers at the
   * pace it was told, not as fast as it can ask. The app's readings (the
   * report view, a text's report numbers, asked again at every event of the
   * meeting) have a bucket of their own, so that following a busy meeting
   * never leaves a secretariat officer unable to download the report.
   */
  async take(sessionKey: string, kind: ExportKind = 'export'): Promise<void> {
    const key = `${kind}:${sessionKey}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      const perMinute = this.config.exportsPerMinute * (kind === 'view' ? VIEWS_PER_EXPORT : 1);
      this.buckets.set(key, (bucket = new Bucket(Math.max(1, Math.floor(perMinute / 4)), perMinute / 60)));
      if (this.buckets.size > 10_000) for (const [k, b] of this.buckets) if (b.full) this.buckets.delete(k);
    }
    if (bucket.take()) return;
    const wait = bucket.wait();
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 2) * 1000));
    throw new DomainError('rate_limited', `too many exports; try again in ${wait} s`, { retryAfter: wait });
  }

  async close(): Promise<void> {
    await Promise.all([this.printer.close(), this.docx.close()]);
  }
}
