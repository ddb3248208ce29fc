/**
 * PDF through headless Chromium, which shapes Arabic with the fonts the
 * machine has (fonts-noto-core: Noto Naskh Arabic). The report's HTML is
 * printed as it is, print styles included.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@gavel/shared';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const TIMEOUT_MS = 60_000;

/** The Chromium to print with: the configured one, else a usual path; undefined when there is none. */
export function findChromium(configured?: string): string | undefined {
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export async function renderPdf(html: string, chromium: string | undefined): Promise<Buffer> {
  if (!chromium) {
    throw new DomainError(
      'invalid_state',
      'PDF export needs Chromium on the server: install it with `apt-get install -y chromium fonts-noto-core` (or set GAVEL_CHROMIUM to its path)',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'gavel-pdf-'));
  try {
    const input = join(dir, 'report.html');
    const output = join(dir, 'report.pdf');
    await writeFile(input, html);
    await new Promise<void>((resolve, reject) => {
      execFile(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${output}`,
          `file://${input}`,
        ],
        { timeout: TIMEOUT_MS },
        (error) => (error ? reject(error) : resolve()),
      );
    });
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
