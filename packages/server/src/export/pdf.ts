/**
 * PDF through headless Chromium, which shapes Arabic with the fonts the
 * machine has (fonts-noto-core: Noto Naskh Arabic). The report's HTML is
 * printed as it is, print styles included.
 *
 * One Chromium per server, started at the first PDF and kept: each PDF is a
 * page in it (GAVEL_PDF_PAGES at once, the rest wait in export/limits.ts's
 * queue), instead of a browser per request, which let a few requests take
 * the machine.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { DomainError } from '@gavel/shared';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const TIMEOUT_MS = 60_000;
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

/** The profile in memory where there is /dev/shm: Chromium's writes would otherwise slow the store's fsyncs. */
function memoryProfile(): { path: string; dispose(): void } {
  const path = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'gavel-chromium-profile-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

export class PdfPrinter {
  private browser?: Promise<BrowserContext>;
  private profile?: { path: string; dispose(): void };
  constructor(private readonly executable: string | undefined) {}

  private launch(): Promise<BrowserContext> {
    if (!this.executable) throw missing();
    if (!this.browser) {
      this.profile ??= memoryProfile();
      // playwright-core is loaded with the first PDF, not at start (server memory).
      const launched = import('playwright-core').then(({ chromium }) => chromium.launchPersistentContext(this.profile!.path, {
        executablePath: this.executable,
        args: ARGS,
        timeout: TIMEOUT_MS,
        javaScriptEnabled: false,
        offline: true,
      }));
      this.browser = launched;
      // A browser that crashed or failed to start is started again by the next PDF.
      launched.then(
        (b) => b.on('close', () => {
          if (this.browser === launched) this.browser = undefined;
        }),
        () => {
          if (this.browser === launched) this.browser = undefined;
        },
      );
    }
    return this.browser;
  }

  async print(html: string): Promise<Buffer> {
    const context = await this.launch();
    const page = await context.newPage();
    try {
      page.setDefaultTimeout(TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4' });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    if (b) await (await b.catch(() => undefined))?.close().catch(() => undefined);
    this.profile?.dispose();
    this.profile = undefined;
  }
}

/** One PDF with a browser of its own (the benchmark; the server keeps one PdfPrinter). */
export async function renderPdf(html: string, chromium: string | undefined): Promise<Buffer> {
  if (!chromium) throw missing();
  const printer = new PdfPrinter(chromium);
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}
