/**
 * The DOCX export opened as a user's LibreOffice opens it: converted to PDF
 * by LibreOffice Writer (headless, its own throw-away profile), which imports
 * the file and lays every page out, then read back as text by pdftotext.
 * A file LibreOffice cannot open, or chokes on, fails the test (a time limit
 * catches a layout that never ends).
 *
 * Never skips: without soffice or pdftotext, it throws and says how to install them.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const MISSING =
  "LibreOffice Writer and pdftotext are needed to check the DOCX export: install Debian's packages " +
  '(`sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui && sudo apt-get install -y poppler-utils`), ' +
  'or run `bash scripts/gavel.sh test`, which installs them.';

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const e = error as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT') return reject(new Error(MISSING));
      if (e.killed) return reject(new Error(`${command} did not finish within ${timeoutMs / 1000} s (a file it cannot lay out?)`));
      reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
    });
  });
}

export interface OpenedDocx {
  /** The text of the laid-out pages, in reading order, pages separated by form feeds. */
  text: string;
  pages: number;
}

/** Opens a DOCX in LibreOffice Writer and returns what its PDF says. */
export async function openInLibreOffice(docx: Buffer, timeoutMs = 90_000): Promise<OpenedDocx> {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-lo-'));
  try {
    const input = join(dir, 'report.docx');
    writeFileSync(input, docx);
    await run(
      'soffice',
      [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input],
      timeoutMs,
    );
    const pdf = join(dir, 'report.pdf');
    if (!existsSync(pdf)) throw new Error('LibreOffice made no PDF of the DOCX: it could not open it');
    const text = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'], 30_000);
    // pdftotext ends every page with a form feed.
    return { text, pages: text.split('\f').length - 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
