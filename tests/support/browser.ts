import { afterAll, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { ROOT, TestServer } from './server';

export const SCREENSHOTS = join(ROOT, 'tests/artifacts/screenshots');

function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      "The browser tests need Debian's chromium: run 'apt-get install -y chromium fonts-noto-core' (bash scripts/gavel.sh test does it when run as root).",
    );
  }
}

export function requireBuiltWeb(): void {
  if (!existsSync(join(ROOT, 'packages/web/dist/index.html'))) {
    throw new Error('The web app is not built: run `pnpm build` (bash scripts/gavel.sh test does it).');
  }
}

export async function launchBrowser(): Promise<Browser> {
  requireBuiltWeb();
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page as a person would, choosing the language on the way. */
export async function signIn(page: Page, url: string, lang: string, meetingId: string, code: string, name: string): Promise<void> {
  await page.goto(url);
  await page.locator('.language-picker select').selectOption(lang);
  await page.locator('select').nth(1).selectOption(meetingId);
  await page.locator('input[autocomplete="one-time-code"]').fill(code);
  await page.locator('input[autocomplete="name"]').fill(name);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-testid="who"]').waitFor();
}

/** Picks a date ("YYYY-MM-DD") in the app's date field (components/DateTimeFields.tsx: day, month and year selects). */
export async function fillDate(field: Locator, iso: string): Promise<void> {
  const [y, m, d] = iso.split('-').map(Number);
  await field.locator('select.date-y').selectOption(String(y));
  await field.locator('select.date-m').selectOption(String(m));
  await field.locator('select.date-d').selectOption(String(d));
}

let shared: Promise<Browser> | undefined;

/**
 * The test process's Chromium, launched by the first file that asks and kept
 * for the next (the browser files share a process: vitest.config.ts, isolate
 * false): one launch, 1-1.5 s here, instead of one per file or describe block.
 * Launched again if it died. Each test still has pages of its own: `newPage`
 * makes a context of its own (cookies, storage), and `closePages` ends every
 * context a file left open. It exits with the test process (Playwright talks
 * to it through a pipe, which Chromium leaves when the process is gone).
 */
export async function sharedBrowser(): Promise<Browser> {
  const current = await shared?.catch(() => undefined);
  if (current?.isConnected()) return current;
  shared = launchBrowser();
  return shared;
}

/** Closes every page and context the shared browser has: what a file opened does not outlive it. */
export async function closePages(browser: Browser | undefined): Promise<void> {
  if (!browser?.isConnected()) return;
  await Promise.all(browser.contexts().map((context) => context.close()));
}

/**
 * A TestServer and the shared headless Chromium for the tests of one describe
 * block (or file), started before them; after them the server is stopped and
 * the block's pages closed: `env.server`, `env.browser`.
 */
export function serverAndBrowser(): { server: TestServer; browser: Browser } {
  const env = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    env.server = await TestServer.start();
    env.browser = await sharedBrowser();
  });
  afterAll(async () => {
    await closePages(env.browser);
    await env.server?.stop();
  });
  return env;
}
