/**
 * Access-code slips (issue 15, item 2): the secretariat issues codes for
 * every delegation (and the chair, the public) in one go and gets a PDF of
 * slips in the meeting's language; each slip's QR code, read back from the
 * rendered page, opens the sign-in with the meeting chosen and the code
 * filled in, and signs in.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, screenshot, signIn, serverAndBrowser } from '../support/browser';
import { SAMPLE_MEETING, tempDir } from '../support/server';

const run = promisify(execFile);

/** A binary PPM (P6), as pdftoppm writes it, as RGBA pixels for jsQR. */
function readPpm(file: string): { width: number; height: number; rgba: Uint8ClampedArray } {
  const buf = readFileSync(file);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error(`${file} is not a binary PPM`);
  const [width, height] = [Number(header[1]), Number(header[2])];
  const rgb = buf.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, j = 0; i < width * height * 3; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
    rgba[j + 3] = 255;
  }
  return { width, height, rgba };
}

/** Every QR code on a page: the page cut into overlapping tiles a little larger than a slip's QR code (jsQR finds one code per image). */
function readQrCodes(page: { width: number; height: number; rgba: Uint8ClampedArray }): Set<string> {
  const found = new Set<string>();
  const tile = Math.round(page.width * 0.3);
  const step = Math.round(tile / 3);
  for (let y = 0; y + step < page.height; y += step) {
    for (let x = 0; x + step < page.width; x += step) {
      const w = Math.min(tile, page.width - x);
      const h = Math.min(tile, page.height - y);
      const crop = new Uint8ClampedArray(w * h * 4);
      for (let row = 0; row < h; row++) {
        const from = ((y + row) * page.width + x) * 4;
        crop.set(page.rgba.subarray(from, from + w * 4), row * w * 4);
      }
      const qr = jsQR(crop, w, h, { inversionAttempts: 'dontInvert' });
      if (qr) found.add(qr.data);
    }
  }
  return found;
}

describe.each([
  { lang: 'en' as const, delegation: 'Norway', heading: 'Access code' },
  { lang: 'ar' as const, delegation: 'النرويج', heading: 'رمز الدخول' },
])('access-code slips ($lang)', ({ lang, delegation, heading }) => {

  const env = serverAndBrowser();

  it('issues codes for everyone, prints slips in the meeting’s language, and a slip’s QR code signs in', async () => {
    const { meetingId, secretariatCode } = await env.server.createMeeting({ ...SAMPLE_MEETING, language: lang });
    const sec = await env.server.signIn(meetingId, secretariatCode, 'Setup script');
    for (const m49 of ['578', '818', '076']) {
      await sec.command(meetingId, { type: 'delegation.register', delegation: { category: 'state_party', m49 } });
    }

    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await signIn(page, env.server.url, lang, meetingId, secretariatCode, 'Conference officer');
    await page.locator('#tab-codes').click();
    const everyone = page.getByTestId('codes-for-everyone');
    // The public already has a code (made with the meeting); ask for another one anyway.
    await everyone.locator('input[type="checkbox"]').nth(3).check();
    const [download] = await Promise.all([page.waitForEvent('download'), everyone.locator('button.primary').click()]);
    await page.getByTestId('slips-made').waitFor();
    const shown = await page.getByTestId('new-code').allTextContents();
    expect(shown).toHaveLength(5); // three delegations, the chair, the public
    await screenshot(page, `${lang}-codes-slips-issued`);

    const dir = tempDir('gavel-slips-');
    const pdf = join(dir, 'slips.pdf');
    await download.saveAs(pdf);
    expect(download.suggestedFilename()).toBe(`access-codes.${lang}.pdf`);
    // The slips speak the meeting's language.
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
    expect(text).toContain(heading);
    for (const code of shown) expect(text).toContain(code);

    await run('pdftoppm', ['-r', '150', pdf, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.ppm'));
    expect(pages).toHaveLength(1);
    const links = readQrCodes(readPpm(join(dir, pages[0])));
    await run('pdftoppm', ['-r', '60', '-png', '-singlefile', pdf, join(dir, 'preview')]);
    copyFileSync(join(dir, 'preview.png'), join(SCREENSHOTS, `${lang}-codes-slips-pdf.png`));

    // One QR code per slip, each to this server's sign-in with the meeting and its code, the code in the fragment.
    const expected = shown.map((code) => `${env.server.url}/?meeting=${meetingId}#code=${code}`);
    expect([...links].sort()).toEqual([...expected].sort());

    // Norway's slip, scanned with a phone.
    const norwayCode = await page.locator('.new-codes li', { hasText: delegation }).getByTestId('new-code').textContent();
    const norwayLink = [...links].find((l) => l.endsWith(`#code=${norwayCode}`));
    expect(norwayLink).toBeDefined();
    const phone = await env.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(env.server.url);
    await phone.locator('.language-picker select').selectOption(lang);
    // The choice is kept once its dictionary has loaded; only then is it there for the next page.
    await expect.poll(() => phone.evaluate(() => localStorage.getItem('gavel.lang'))).toBe(lang);
    await phone.goto(norwayLink!);
    await expect.poll(() => phone.locator('input[autocomplete="one-time-code"]').inputValue()).toBe(norwayCode);
    // The meeting is chosen once the list of meetings has come.
    await expect.poll(() => phone.locator('select').nth(1).inputValue()).toBe(meetingId);
    // The code left the address bar at once: no reload, bookmark or history entry carries it.
    expect(phone.url()).toBe(`${env.server.url}/?meeting=${meetingId}`);
    await screenshot(phone, `${lang}-sign-in-from-slip`);
    await phone.locator('input[autocomplete="name"]').fill('Delegate of Norway');
    await phone.locator('button[type="submit"]').click();
    await phone.locator('[data-testid="who"]', { hasText: delegation }).waitFor();
  });
});
