/**
 * PDF through headless Chromium, which shapes Arabic with the fonts the
 * machine has (fonts-noto-core: Noto Naskh Arabic). The report's HTML is
 * printed as it is, print styles included.
 *
 * One Chromium per server, started at the first PDF and kept: each PDF is a
 * page in it (GAVEL_PDF_PAGES at once, the rest wait in export/limits.ts's
 * queue), instead of a browser per request, which let a few requests take
 * the machine.
 *
 * Paged (the report, the list of participants): Chromium lays out no
 * footnote at the foot of a page by itself (no CSS `float: footnote`), so
 * Paged.js, a polyfill of CSS paged media, is run in the page before it is
 * printed: it cuts the document into pages and puts each note under the page
 * of its marker. Scripts are enabled in that browser for Paged.js alone: it
 * is evaluated by the printer, while the document's own Content-Security-
 * Policy (export/html.ts) runs none of its own, and everything from the
 * meeting in it is escaped. Not paged (the access slips): scripts off.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { DomainError } from '@gavel/shared';
import { lowPriorityCommand } from './priority';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const TIMEOUT_MS = 60_000;
/** How long pages are kept after the last print: a renderer holding a paged report is about 125 MiB. */
const KEEP_PAGES_MS = 30_000;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The Chromium to print with: the configured one, else a usual path; undefined when there is none. */
export function findChromium(configured?: string): string | undefined {
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

const missing = () =>
  new DomainError(
    'invalid_state',
    'PDF export needs Chromium on the server: install it with `apt-get install -y chromium fonts-noto-core` (or set GAVEL_CHROMIUM to its path)',
  );

/** A folder in memory where there is /dev/shm (Chromium's profile, the documents it prints): writes there would otherwise slow the store's fsyncs. */
function memoryDir(prefix: string): { path: string; dispose(): void } {
  const path = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), prefix));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Chromium started below the meeting's priority (export/priority.ts), so that
 * everything it runs (the browser, its zygote, every page's renderer inherit
 * it) yields the CPU to the meeting's server: a small script in a folder of
 * its own that execs `chrt --idle 0 nice -n N chromium "$@"` (the pipe
 * Playwright talks through is kept). Undefined for 0, where there is neither
 * command or the script cannot be written: then Chromium runs at the
 * server's priority.
 */
function lowPriorityLauncher(executable: string, nice: number): { path: string; dispose(): void } | undefined {
  const command = lowPriorityCommand(nice);
  if (command.length === 0) return undefined;
  try {
    const dir = mkdtempSync(join(tmpdir(), 'gavel-chromium-'));
    const path = join(dir, 'chromium');
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    writeFileSync(path, `#!/bin/sh\nexec ${[...command, executable].map(quote).join(' ')} "$@"\n`);
    chmodSync(path, 0o700);
    return { path, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    return undefined;
  }
}

let pagedSource: string | undefined;
/** Paged.js's browser build, read once (the package's "exports" name only its module entry, whose folder is beside it). */
function pagedJs(): string {
  if (pagedSource === undefined) {
    const entry = createRequire(import.meta.url).resolve('pagedjs');
    pagedSource = readFileSync(join(dirname(entry), '..', 'dist', 'paged.polyfill.min.js'), 'utf8');
  }
  return pagedSource;
}

/** Lays the loaded document out in pages with Paged.js (given to the page by PdfPrinter); resolves to the number of pages. */
async function paginate(page: Page): Promise<number> {
  const pages = page.evaluate('window.PagedPolyfill.preview().then((flow) => flow.total)') as Promise<number>;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the pages were not laid out within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  try {
    return await Promise.race([pages, late]);
  } finally {
    clearTimeout(timer);
  }
}

export interface PrintOptions {
  /** Pages laid out by Paged.js (footnotes at the foot of each page); scripts are enabled for it. */
  paged?: boolean;
  /** Chromium's niceness (GAVEL_EXPORT_NICE): above 0, started through `nice` and in the idle scheduling class. */
  nice?: number;
  /** Pages kept open between prints (GAVEL_PDF_PAGES: as many as print at once); 1 by default. */
  keep?: number;
  /** How long they are kept after the last print (KEEP_PAGES_MS by default). */
  keepMs?: number;
}

export class PdfPrinter {
  private browser?: Promise<BrowserContext>;
  private profile?: { path: string; dispose(): void };
  private launcher?: { path: string; dispose(): void };
  /** The folder in memory of the documents being printed and of Chromium's temporary files. */
  private spool?: { path: string; dispose(): void };
  /** Pages done printing, kept for the next prints until `keepMs` after the last. */
  private idle: Page[] = [];
  private idleTimer?: NodeJS.Timeout;
  private readonly paged: boolean;
  private readonly nice: number;
  private readonly keep: number;
  private readonly keepMs: number;
  constructor(
    private readonly executable: string | undefined,
    options: PrintOptions = {},
  ) {
    this.paged = options.paged ?? false;
    this.nice = options.nice ?? 0;
    this.keep = options.keep ?? 1;
    this.keepMs = options.keepMs ?? KEEP_PAGES_MS;
  }

  private launch(): Promise<BrowserContext> {
    if (!this.executable) throw missing();
    if (!this.browser) {
      this.profile ??= memoryDir('gavel-chromium-profile-');
      this.spool ??= memoryDir('gavel-print-');
      this.launcher ??= lowPriorityLauncher(this.executable, this.nice);
      // playwright-core is loaded with the first PDF, not at start (server memory).
      const launched = import('playwright-core').then(({ chromium }) => chromium.launchPersistentContext(this.profile!.path, {
        executablePath: this.launcher?.path ?? this.executable,
        args: ARGS,
        timeout: TIMEOUT_MS,
        javaScriptEnabled: this.paged,
        offline: true,
        // Its temporary files in memory too, like its profile, away from the store's disk.
        env: { ...process.env, TMPDIR: this.spool!.path },
      }));
      this.browser = launched;
      // A browser that crashed or failed to start is started again by the next PDF.
      launched.then(
        (b) => b.on('close', () => {
          if (this.browser !== launched) return;
          this.browser = undefined;
          this.closeIdle();
        }),
        () => {
          if (this.browser === launched) this.browser = undefined;
        },
      );
    }
    return this.browser;
  }

  /**
   * A page for one print: one kept from an earlier print, else a new one,
   * given Paged.js once (Chromium runs it in every document the page loads).
   */
  private async takePage(context: BrowserContext): Promise<Page> {
    const kept = this.idle.pop();
    if (kept && !kept.isClosed()) return kept;
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    // Not started by itself on load: the printer starts it and waits for the pages.
    if (this.paged) await page.addInitScript({ content: `window.PagedConfig = { auto: false };\n${pagedJs()}` });
    return page;
  }

  async print(html: string): Promise<Buffer> {
    const context = await this.launch();
    const page = await this.takePage(context);
    // Loaded by Chromium from a file in memory, not sent through the protocol (the server's event loop).
    const file = join(this.spool!.path, `${randomUUID()}.html`);
    let reusable = false;
    try {
      await writeFile(file, html, { mode: 0o600 });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      if (this.paged) await paginate(page);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4' });
      reusable = true;
      return pdf;
    } finally {
      await rm(file, { force: true }).catch(() => undefined);
      if (reusable && this.idle.length < this.keep) this.keepPage(page);
      else await page.close().catch(() => undefined);
    }
  }

  /** Keeps a page for the next print; the pages kept are closed when no print came for `keepMs`. */
  private keepPage(page: Page): void {
    this.idle.push(page);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.closeIdle(), this.keepMs);
    this.idleTimer.unref();
  }

  private closeIdle(): void {
    clearTimeout(this.idleTimer);
    for (const page of this.idle.splice(0)) void page.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    this.closeIdle();
    if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
    this.profile?.dispose();
    this.profile = undefined;
    this.launcher?.dispose();
    this.launcher = undefined;
    this.spool?.dispose();
    this.spool = undefined;
  }
}

/** One PDF with a browser of its own (the benchmark; the server keeps one PdfPrinter). */
export async function renderPdf(html: string, chromium: string | undefined, options: PrintOptions = {}): Promise<Buffer> {
  if (!chromium) throw missing();
  const printer = new PdfPrinter(chromium, options);
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}
