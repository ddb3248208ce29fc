/**
 * XML checks for the tests, by libxml2's xmllint (Debian's libxml2-utils):
 * validation of an Akoma Ntoso document against the OASIS schema vendored in
 * packages/server/src/export/schema, and XPath queries on a document.
 *
 * Never skips: without xmllint, every call throws and says how to install it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The vendored Akoma Ntoso 3.0 schema (it imports ./xml.xsd next to it). */
export const AKN_SCHEMA = fileURLToPath(new URL('../../packages/server/src/export/schema/akomantoso30.xsd', import.meta.url));

const MISSING =
  'xmllint is not installed: the Akoma Ntoso export is checked against its schema with it. ' +
  "Install Debian's libxml2-utils (`sudo apt-get install -y libxml2-utils`), or run `bash scripts/gavel.sh test`, which installs it.";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs xmllint with `args`, the document on stdin; no network (--nonet). */
function xmllint(args: string[], input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--nonet', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new Error(MISSING) : e));
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    // A document xmllint stops reading early (a fatal parse error) must not fail the test with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(input, 'utf8');
  });
}

/**
 * Validates `xml` against the Akoma Ntoso 3.0 schema. `errors`: xmllint's
 * messages (empty when the document is valid). Throws if xmllint is missing.
 */
export async function validateAgainstAkn(xml: string): Promise<{ ok: boolean; errors: string }> {
  const run = await xmllint(['--noout', '--schema', AKN_SCHEMA, '-'], xml);
  if (run.code !== 0 && run.code !== 1 && run.code !== 3 && run.code !== 4) {
    // 5: the schema itself did not load; anything else is not about the document.
    throw new Error(`xmllint could not validate (exit ${run.code}): ${run.stderr}`);
  }
  const ok = run.code === 0 && /(^|\n)- validates\n?$/.test(run.stderr);
  const errors = run.stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && l !== '- validates')
    .join('\n');
  return { ok, errors };
}

/**
 * Evaluates an XPath 1.0 expression on `xml` with xmllint. The Akoma Ntoso
 * namespace is made the no-namespace so that names read plainly
 * (`//paragraph/num`); `xml:` attributes work as usual. A node-set comes back
 * as xmllint prints it (text nodes one a line); an empty set as ''.
 */
export async function xpath(xml: string, expr: string): Promise<string> {
  const plain = xml.replace(/ xmlns="http:\/\/docs\.oasis-open\.org\/legaldocml\/ns\/akn\/3\.0"/, '');
  const run = await xmllint(['--xpath', expr, '-'], plain);
  if (run.code === 10 || /XPath set is empty/.test(run.stderr)) return '';
  if (run.code !== 0) throw new Error(`xmllint --xpath ${expr} failed (exit ${run.code}): ${run.stderr}`);
  return run.stdout.replace(/\n$/, '');
}

/** The text nodes an XPath expression selects, one string each (for texts without line breaks). */
export async function xpathTexts(xml: string, expr: string): Promise<string[]> {
  const out = await xpath(xml, expr);
  return out === '' ? [] : out.split('\n');
}
