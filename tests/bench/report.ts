/**
 * The report benchmark (`pnpm bench:report`, issue 6): builds a meeting the
 * size of the model report (reference/README.md: 115 paragraphs, 15
 * footnotes, 120 participants, 5 substantive items with 30 statements each)
 * through the public API, then times each step of the report in English and
 * Arabic. A script that prints figures, not a test.
 *
 *   pnpm bench:report                 N = 20 timed runs per step after 5 warm-up runs; 3 for PDF
 *   options: --runs N --warmup N --pdf-runs N --langs en,ar --no-pdf
 *            --out DIR (also writes each output there, to look at)
 *
 * The meeting is built in-process (buildApp on a temporary data folder, no
 * network) by HTTP requests to the real routes through Fastify's inject:
 * delegations registered, the agenda drafted and adopted, the meeting opened,
 * each item taken up, speakers inscribed and given the floor in turn
 * ("next"), the texts imported as DOCX by the secretariat and the
 * recommendations adopted by the chair. Nothing pokes at the state.
 *
 * Then the functions behind GET /api/meetings/{id}/report are timed
 * directly, as that route calls them: buildReport (reads the texts through a
 * headless editor and assembles the report), then each renderer on the
 * assembled report (HTML, Markdown, DOCX, Akoma Ntoso XML, and PDF through
 * headless Chromium when the machine has it). The "total" rows (assembly +
 * rendering, what a request costs) are checked against the goals, on their
 * p95: HTML < 100 ms, DOCX < 500 ms. The "GET" rows time the whole request
 * through the route (Fastify's inject, no network).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildReport, type Report } from '@gavel/server/export/report';
import { renderReportHtml } from '@gavel/server/export/html';
import { renderReportMarkdown } from '@gavel/server/export/markdown';
import { renderDocx } from '@gavel/server/export/docx';
import { toRenderedReport } from '@gavel/server/export/rendered';
import { findChromium, renderPdf } from '@gavel/server/export/pdf';
import { renderAkomaNtoso } from '@gavel/server/export/akn';
import type { Lang, MeetingState } from '@gavel/shared';
import { arg, argText } from './args';
import { buildModelMeeting, INTRODUCTION } from '../support/model-meeting';

// ---- timing ------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest rank.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface Row {
  lang: Lang;
  what: string;
  runs: number;
  median: number;
  p95: number;
  /** Median CPU time of the process; undefined where the work is in a child process (PDF). */
  cpu?: number;
  bytes?: number;
  goal?: number;
}

/**
 * Runs `f` `warmup` times, then `runs` times timed: wall-clock time, and the
 * process's CPU time (all its threads, GC included; not child processes),
 * which other work on the machine disturbs less than the wall clock.
 */
async function time(runs: number, warmup: number, f: () => Promise<unknown> | unknown): Promise<{ times: number[]; cpu: number[]; last: unknown }> {
  let last: unknown;
  for (let i = 0; i < warmup; i++) last = await f();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = await f();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { times, cpu, last };
}

/** Median and p95 (nearest rank) of the wall times, median of the CPU times. */
function stats(t: { times: number[]; cpu: number[] }): { median: number; p95: number; cpu: number } {
  const sorted = [...t.times].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), cpu: percentile([...t.cpu].sort((a, b) => a - b), 50) };
}

const sizeOf = (x: unknown) => (typeof x === 'string' ? Buffer.byteLength(x) : Buffer.isBuffer(x) ? x.length : undefined);

/** What the report built holds, counted from the assembled report. */
function reportSize(report: Report) {
  const paragraphs = report.items.filter((i) => i.kind === 'paragraph');
  const chapters: number[] = [];
  let chapter = -1;
  for (const item of report.items) {
    if (item.kind === 'heading' && item.level === 1) chapters[++chapter] = 0;
    else if (item.kind === 'paragraph') chapters[chapter]++;
  }
  return {
    paragraphs: paragraphs.length,
    generated: paragraphs.filter((p) => p.kind === 'paragraph' && p.generated).length,
    subparagraphs: paragraphs.reduce((n, p) => n + (p.kind === 'paragraph' ? p.subparagraphs.length : 0), 0),
    headings: report.items.filter((i) => i.kind === 'heading').length,
    placeholders: report.items.filter((i) => i.kind === 'placeholder').length,
    footnotes: report.footnotes.length,
    chapters,
  };
}

async function main(): Promise<void> {
  const runs = arg('runs', 20);
  const warmup = arg('warmup', 5);
  const pdfRuns = process.argv.includes('--no-pdf') ? 0 : arg('pdf-runs', 3);
  const langs = argText('langs', 'en,ar').split(',') as Lang[];
  const out = argText('out', '');
  if (out) mkdirSync(out, { recursive: true });
  const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`Gavel report benchmark on ${cpus().length} cores, Node ${process.version}; load average ${load()}`);

  const setupStart = performance.now();
  const built = await buildModelMeeting();
  const { gavel, meetingId } = built;
  try {
    const setupMs = performance.now() - setupStart;
    const state: MeetingState = (await gavel.meetings.state(meetingId))!;
    const byCategory = new Map<string, number>();
    for (const d of Object.values(state.delegations)) byCategory.set(d.category, (byCategory.get(d.category) ?? 0) + 1);
    const perItem = new Map<string, number>();
    for (const s of state.statements) perItem.set(s.itemId, (perItem.get(s.itemId) ?? 0) + 1);
    console.log(
      [
        `meeting built through the API in ${(setupMs / 1000).toFixed(1)} s: ${built.sizes.delegations} delegations (${[...byCategory].map(([c, n]) => `${c} ${n}`).join(', ')}),`,
        `  agenda of ${state.agenda.order.length} items (${Object.keys(state.agenda.items).length} with sub-items), ${state.statements.length} statements recorded (${[...perItem.values()].join(' + ')}; ${built.sizes.panellists} by panellists),`,
        `  recommendations imported: ${built.sizes.recommendations.paragraphs} paragraphs, ${built.sizes.recommendations.footnotes} footnotes; introduction: ${INTRODUCTION.length} paragraphs, 3 footnotes`,
        ...built.notes.map((n) => `  note: ${n}`),
      ].join('\n'),
    );

    const chromium = findChromium(process.env.GAVEL_CHROMIUM);
    const generatedAt = new Date().toISOString();
    const rows: Row[] = [];
    for (const lang of langs) {
      // The state as the route reads it; buildReport reads the texts and assembles.
      const assemble = await time(runs, warmup, () => buildReport(gavel.docs, meetingId, state, lang));
      const report = assemble.last as Report;
      const size = reportSize(report);
      console.log(
        `report (${lang}): ${size.paragraphs} numbered paragraphs (${size.generated} generated; by chapter ${size.chapters.join(' / ')}), ${size.subparagraphs} subparagraphs, ${size.headings} headings, ${size.footnotes} footnotes, ${size.placeholders} empty written slot(s) [model: 115 paragraphs, 5 / 60 / 11 / 39; 15 footnotes]`,
      );
      const renderers: { what: string; ext: string; goal?: number; f: () => unknown }[] = [
        { what: 'HTML', ext: 'html', goal: 100, f: () => renderReportHtml(report) },
        { what: 'Markdown', ext: 'md', f: () => renderReportMarkdown(report) },
        { what: 'DOCX', ext: 'docx', goal: 500, f: () => renderDocx(toRenderedReport(report)) },
        {
          what: 'Akoma Ntoso XML',
          ext: 'akn.xml',
          f: () =>
            renderAkomaNtoso(report, { date: state.info.endDate, originalLanguage: state.info.language, generated: generatedAt, fallbackNumber: meetingId }),
        },
      ];
      rows.push({ lang, what: 'assemble (buildReport)', runs, ...stats(assemble) });
      for (const r of renderers) {
        // Render alone, then assembly + render as one request does it (the goal applies to that).
        const render = await time(runs, warmup, r.f);
        if (out) writeFileSync(join(out, `report.${lang}.${r.ext}`), render.last as string | Buffer);
        rows.push({ lang, what: r.what, runs, ...stats(render), bytes: sizeOf(render.last) });
        if (r.goal !== undefined) {
          const whole = await time(runs, warmup, async () => {
            const fresh = await buildReport(gavel.docs, meetingId, state, lang);
            if (r.what === 'HTML') return renderReportHtml(fresh);
            return renderDocx(toRenderedReport(fresh));
          });
          rows.push({ lang, what: `${r.what} total (assemble + render)`, runs, ...stats(whole), goal: r.goal });
        }
      }
      // The whole request as a client makes it (route, state, assembly, rendering), through Fastify's inject.
      for (const format of ['html', 'docx'] as const) {
        const get = await time(runs, warmup, async () => {
          const res = await gavel.app.inject({
            method: 'GET',
            url: `/api/meetings/${meetingId}/report?format=${format}&lang=${lang}`,
            headers: { authorization: `Bearer ${built.token}` },
          });
          if (res.statusCode !== 200) throw new Error(`GET report ${format}: ${res.statusCode} ${res.body.slice(0, 200)}`);
          return res.rawPayload;
        });
        rows.push({ lang, what: `GET /report?format=${format}`, runs, ...stats(get), bytes: sizeOf(get.last) });
      }
      if (pdfRuns > 0 && chromium) {
        const html = renderReportHtml(report, { notes: 'page' });
        const pdf = await time(pdfRuns, 1, () => renderPdf(html, chromium, { paged: true }));
        if (out) writeFileSync(join(out, `report.${lang}.pdf`), pdf.last as Buffer);
        rows.push({ lang, what: 'PDF (Chromium, render only)', runs: pdfRuns, ...stats(pdf), cpu: undefined, bytes: sizeOf(pdf.last) });
      }
    }
    if (pdfRuns > 0 && !chromium) console.log('note: PDF left out: no Chromium (apt-get install -y chromium fonts-noto-core, or set GAVEL_CHROMIUM)');

    const f = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
    const header = ['lang', 'step', 'runs', 'median ms', 'p95 ms', 'CPU ms', 'output', 'goal'];
    const table = rows.map((r) => [
      r.lang,
      r.what,
      String(r.runs),
      f(r.median),
      f(r.p95),
      r.cpu === undefined ? '' : f(r.cpu),
      r.bytes === undefined ? '' : `${(r.bytes / 1024).toFixed(0)} KB`,
      r.goal === undefined ? '' : `< ${r.goal} ms: ${r.p95 < r.goal ? 'pass' : r.median < r.goal ? 'pass (median), p95 over' : 'FAIL'}`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
    console.log(['', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.map(line)].join('\n'));
    console.log(`wall-clock median and p95 (nearest rank); CPU ms: median CPU time of this process (all threads, GC included)`);
    console.log(`load average at the end ${load()} (other work on the machine shows in the p95)`);
  } finally {
    await gavel.close();
    rmSync(built.dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
