/**
 * Word files are built beside the event loop (issue 10, item 4): in a worker
 * thread at a lower priority, giving the same file the event loop would
 * build, while the event loop keeps turning.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RenderedReport } from './document';
import { renderDocx } from './docx';
import { DocxWorker } from './worker';
import { unzip } from '../../../../tests/support/zip';

/** A report of `n` paragraphs, each with a footnote every fifth. */
function report(n: number): RenderedReport {
  return {
    lang: 'en',
    dir: 'ltr',
    masthead: { symbol: 'CTOC/COP/WG.4/2010/6', distribution: 'General', date: '17 February 2010', language: '', originalLanguage: 'Original: English', title: 'Report', body: 'Working Group' },
    blocks: Array.from({ length: n }, (_, k) => ({
      kind: 'paragraph' as const,
      number: `${k + 1}.`,
      runs: [
        { text: `Paragraph ${k + 1}: States parties should ensure that victims of trafficking in persons are not punished for offences they were compelled to commit. ` },
        { text: '[should][shall] (Norway)', bold: true },
        ...(k % 5 === 0 ? [{ footnote: String(k / 5 + 1), text: `See CTOC/COP/WG.4/2009/${k}.` }] : []),
      ],
    })),
  };
}

/** The parts of a Word file but its properties (which carry the time it was made). */
const parts = (docx: Buffer) => [...unzip(docx)].filter(([name]) => name !== 'docProps/core.xml').map(([name, bytes]) => [name, bytes.toString('utf8')]);

const worker = new DocxWorker(19);
afterAll(() => worker.close());

describe('the DOCX thread', () => {
  it('builds the same Word file as the event loop would, for one export after another', async () => {
    const r = report(30);
    const [a, b] = await Promise.all([worker.render(r), worker.render(report(3))]);
    expect(parts(a)).toEqual(parts(await renderDocx(r)));
    expect(parts(b)).toEqual(parts(await renderDocx(report(3))));
  });

  it.runIf(process.platform === 'linux')('runs at the niceness it was given (GAVEL_EXPORT_NICE) and in the idle class where chrt is, the server’s own threads as they were', async () => {
    await worker.render(report(1));
    // Fields 19 and 41 of /proc/<pid>/task/<tid>/stat (after the name in parentheses, fields 17 and 39 of the rest): nice, policy.
    const fields = (stat: string) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const threads = readdirSync('/proc/self/task').map((tid) => {
      const f = fields(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'));
      return { tid: Number(tid), nice: Number(f[16]), policy: Number(f[38]) };
    });
    const own = fields(readFileSync('/proc/self/stat', 'utf8'));
    const lowered = threads.filter((t) => t.nice === 19);
    expect(lowered).toHaveLength(1);
    // SCHED_IDLE is policy 5; SCHED_OTHER 0.
    expect(lowered[0].policy).toBe(existsSync('/usr/bin/chrt') || existsSync('/bin/chrt') ? 5 : 0);
    expect(threads.filter((t) => t.policy === 5)).toHaveLength(lowered[0].policy === 5 ? 1 : 0);
    expect(threads.find((t) => t.tid === process.pid)).toMatchObject({ nice: Number(own[16]), policy: 0 });
    expect(Number(own[16])).toBeLessThan(19);
  });

  it('leaves the event loop free while it builds: the longest wait of a timer is a fraction of the build', async () => {
    const big = report(800);
    let started = performance.now();
    await renderDocx(big);
    const onLoop = performance.now() - started;
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 2);
    started = performance.now();
    await worker.render(big);
    const inThread = performance.now() - started;
    clearInterval(timer);
    const figures = `built on the event loop in ${onLoop.toFixed(0)} ms; in the thread in ${inThread.toFixed(0)} ms, the event loop's longest wait ${longest.toFixed(0)} ms`;
    console.log(figures);
    expect(longest, figures).toBeLessThan(onLoop / 4);
  }, 120_000);
});
