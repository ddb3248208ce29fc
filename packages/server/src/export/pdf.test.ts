/**
 * The report's PDF as a reader sees it: each page read back by pdftotext.
 * A footnote stands at the foot of the page where its marker is, numbered
 * once, and not gathered on a page of its own at the end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChairTestMeeting } from '@gavel/shared/speakers/test-support';
import { assembleReport } from './report';
import { renderReportHtml } from './html';
import { PdfPrinter, findChromium } from './pdf';
import type { ReadText, TextBlock } from './text';

const LONG =
  'The working group recalled that States parties should ensure that victims of trafficking in persons are not punished ' +
  'for offences they were compelled to commit as a direct consequence of having been trafficked. ';

/** Twenty paragraphs, enough for several pages; every third one has a footnote just after its opening words. */
/**
 * A paragraph's first word, one token in the report's script (a Latin word
 * in an Arabic line is cut up by pdftotext): "Open1mark" is not a prefix of
 * "Open12mark"; in Arabic, each digit a letter, then a closing letter.
 */
let script: 'en' | 'ar' = 'en';
const opening = (k: number) =>
  script === 'en' ? `Open${k}mark` : `علامة${[...String(k)].map((d) => 'ابتثجحخدذر'[Number(d)]).join('')}ز`;

function introduction(): ReadText {
  const blocks: TextBlock[] = [];
  const footnotes: { note: string }[] = [];
  for (let k = 1; k <= 20; k++) {
    const withNote = k % 3 === 0;
    if (withNote) footnotes.push({ note: `Note on paragraph ${k}, see document CTOC/COP/WG.4/2009/${k}.` });
    blocks.push({
      kind: 'paragraph',
      id: `p_intro${String(k).padStart(4, '0')}`,
      status: 'drafting',
      inlines: [
        { t: 'text', text: `${opening(k)} words.` },
        ...(withNote ? [{ t: 'fn' as const, index: footnotes.length }] : []),
        { t: 'text', text: ` ${LONG.repeat(3)}` },
      ],
      subparagraphs: [],
    });
  }
  return { blocks, footnotes };
}

function report(lang: 'en' | 'ar') {
  script = lang;
  const m = new ChairTestMeeting();
  m.register(['state_party', '578']);
  m.openAndTakeUp(m.addItem('Organizational matters'));
  const empty: ReadText = { blocks: [], footnotes: [] };
  return assembleReport({ state: m.state, lang, texts: { introduction: introduction(), recommendations: empty } });
}

const dir = mkdtempSync(join(tmpdir(), 'gavel-pdf-test-'));
// As the server's (GAVEL_EXPORT_NICE's default): the report's checks below are made on PDFs printed this way.
const printer = new PdfPrinter(findChromium(), { paged: true, nice: 19 });
afterAll(async () => {
  await printer.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The text of each page, as pdftotext reads it. */
function pages(pdf: Buffer, name: string): string[] {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

/** At the foot of its page: below the last line of text, only notes follow it. */
const atFoot = (page: string, note: string) => page.includes(note) && !page.slice(page.indexOf(note)).includes('The working group recalled');

/** The page on which a text stands (the first one), -1 when it is on none. */
const pageOf = (texts: string[], s: string) => texts.findIndex((t) => t.includes(s));

/** A process that is gone meanwhile reads as nothing. */
function gone<T>(read: () => T, otherwise: T): T {
  try {
    return read();
  } catch {
    return otherwise;
  }
}

/** Fields of /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat after the name: [0] state, [1] parent, [16] nice, [38] policy. */
function stat(path: string): string[] | undefined {
  return gone(() => {
    const s = readFileSync(path, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  }, undefined);
}

/** The processes this one started (and they started), each with the child of this one it comes from. */
function descendants(): Map<number, number> {
  const parent = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const f = stat(`/proc/${pid}/stat`);
    if (f) parent.set(Number(pid), Number(f[1]));
  }
  const out = new Map<number, number>();
  for (const pid of parent.keys()) {
    for (let child = pid, p = parent.get(pid); p !== undefined && p > 1; child = p, p = parent.get(p)) {
      if (p === process.pid) out.set(pid, child);
    }
  }
  return out;
}

/** Every thread of the processes started from `roots` (children of this one), with its niceness and scheduling policy. */
function threadsUnder(roots: Set<number>): { pid: number; tid: number; nice: number; policy: number }[] {
  return [...descendants()].filter(([, root]) => roots.has(root)).flatMap(([pid]) =>
    gone(() => readdirSync(`/proc/${pid}/task`), []).flatMap((tid) => {
      const f = stat(`/proc/${pid}/task/${tid}/stat`);
      return f ? [{ pid, tid: Number(tid), nice: Number(f[16]), policy: Number(f[38]) }] : [];
    }),
  );
}

/**
 * Issue 10: a viewer's PDFs may not take the CPU from the meeting. Chromium
 * run as root sets its processes' niceness itself, so the niceness it was
 * started with does not hold; the idle scheduling class does (SCHED_IDLE,
 * policy 5), in every process and thread it starts, while it prints.
 */
describe.runIf(process.platform === 'linux' && (existsSync('/usr/bin/chrt') || existsSync('/bin/chrt')))('Chromium below the meeting (GAVEL_EXPORT_NICE)', { timeout: 90_000 }, () => {
  // First in this file: the shared printer's browser is started by this test (the others' are this process's children too).
  it('runs every process and thread of Chromium in the idle class while it prints', async () => {
    const before = new Set(descendants().keys());
    const seen = new Map<number, { pid: number; tid: number; nice: number; policy: number }>();
    let printing = true;
    const printed = printer.print(renderReportHtml(report('en'), { notes: 'page' })).finally(() => (printing = false));
    while (printing) {
      const roots = new Set([...descendants().values()].filter((root) => !before.has(root)));
      for (const t of threadsUnder(roots)) if (seen.get(t.tid)?.policy !== 0) seen.set(t.tid, t);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await printed).subarray(0, 5).toString()).toBe('%PDF-');
    const threads = [...seen.values()];
    // The browser, its zygotes and a renderer: several processes, dozens of threads.
    expect(new Set(threads.map((t) => t.pid)).size).toBeGreaterThanOrEqual(3);
    expect(threads.filter((t) => t.policy !== 5), JSON.stringify(threads)).toEqual([]);
  });
});

describe('the report as PDF (Paged.js in Chromium)', { timeout: 90_000 }, () => {
  it('puts each footnote at the foot of the page of its marker, numbered once', async () => {
    const r = report('en');
    const texts = pages(await printer.print(renderReportHtml(r, { notes: 'page' })), 'en');
    expect(texts.length).toBeGreaterThanOrEqual(3);
    expect(r.footnotes).toHaveLength(6);
    for (const [i, k] of [3, 6, 9, 12, 15, 18].entries()) {
      const note = `Note on paragraph ${k}, see document`;
      const page = pageOf(texts, note);
      expect(page, `note ${i + 1}`).toBeGreaterThanOrEqual(0);
      // On the page of its marker, and on no other page.
      expect(page, `note ${i + 1}`).toBe(pageOf(texts, opening(k)));
      expect(texts.filter((t) => t.includes(note))).toHaveLength(1);
      expect(atFoot(texts[page], note), `note ${i + 1}`).toBe(true);
      // Its number once, before it (raised, on a line of its own as pdftotext lays it out): not "4. 4 Note on …".
      expect(texts[page]).toMatch(new RegExp(`(^|\\n)\\s*${i + 1}\\s+${note}`));
      expect(texts[page]).not.toMatch(new RegExp(`(^|\\n)\\s*${i + 1}\\.\\s+${i + 1}\\s+${note}`));
    }
    expect(texts.join('')).not.toContain('↩');
    // The notes are not gathered at the end: they stand on at least two different pages.
    const notePages = new Set([3, 18].map((k) => pageOf(texts, `Note on paragraph ${k},`)));
    expect(notePages.size).toBe(2);
  });

  it('in Arabic: the notes at the foot of their pages, numbered in Arabic-Indic digits', async () => {
    const r = report('ar');
    const texts = pages(await printer.print(renderReportHtml(r, { notes: 'page' })), 'ar');
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const [i, k] of [3, 18].entries()) {
      const note = `Note on paragraph ${k}, see document`;
      const page = pageOf(texts, note);
      expect(page).toBeGreaterThanOrEqual(0);
      expect(page).toBe(pageOf(texts, opening(k)));
      expect(atFoot(texts[page], note)).toBe(true);
      expect(r.footnotes[i === 0 ? 0 : 5].label).toBe(i === 0 ? '١' : '٦');
      expect(texts[page]).toContain(r.footnotes[i === 0 ? 0 : 5].label);
    }
    expect(texts.join('')).not.toContain('↩');
  });

  it('prints each document alone in the page kept from the print before, laid out as in a new one', async () => {
    const en = renderReportHtml(report('en'), { notes: 'page' });
    const ar = renderReportHtml(report('ar'), { notes: 'page' });
    const first = pages(await printer.print(en), 'kept-en');
    const between = pages(await printer.print(ar), 'kept-ar');
    const again = pages(await printer.print(en), 'kept-en-again');
    expect(first.join('')).toContain('Open1mark');
    expect(between.join('')).not.toContain('Open1mark');
    expect(again).toEqual(first);
  });
});

/**
 * The standalone HTML (issue 13, decided): the screen's edition keeps its
 * notes after the text, numbered once, each number a link back to its
 * marker, because the file runs no script (its Content-Security-Policy), so
 * no Paged.js, and Chromium has no page-foot notes of its own; the PDF is the
 * paged edition. Printed from a browser as it is, the notes follow the last
 * paragraph on the same page, each number once, no "↩".
 */
describe('the standalone HTML printed from a browser (no script, notes at the end)', { timeout: 90_000 }, () => {
  const plain = new PdfPrinter(findChromium());
  afterAll(() => plain.close());

  it('prints each note once, numbered once, right after the text and not on a page of its own', async () => {
    const r = report('en');
    const html = renderReportHtml(r);
    expect(html).not.toMatch(/<script/i);
    const texts = pages(await plain.print(html), 'en-end');
    const notes = [3, 6, 9, 12, 15, 18].map((k) => `Note on paragraph ${k}, see document`);
    for (const [i, note] of notes.entries()) {
      expect(texts.filter((t) => t.includes(note)), note).toHaveLength(1);
      expect(texts.join('\f')).toMatch(new RegExp(`(^|\\n)\\s*${i + 1}\\s+${note}`));
      expect(texts.join('\f')).not.toMatch(new RegExp(`(^|\\n)\\s*${i + 1}\\.\\s+${i + 1}\\s+${note}`));
    }
    expect(texts.join('')).not.toContain('↩');
    // The notes begin where the text ends: the page of the first note has the report's last words above it (chapter V).
    const first = pageOf(texts, notes[0]);
    expect(first).toBe(pageOf(texts, 'Adoption of the report'));
    expect(texts[first].indexOf('Adoption of the report')).toBeLessThan(texts[first].indexOf(notes[0]));
  });
});
