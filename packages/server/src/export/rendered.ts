/**
 * From the assembled report (report.ts) to the layout model the DOCX
 * renderer takes (document.ts). All the language work is done by then:
 * labels, digits, dates and orders come from the assembly.
 */
import type { RenderedReport, ReportBlock, Run } from './document';
import type { Inline, Report } from './report';

/** A bracket the meeting placed is a bold run, set apart from square brackets typed as words. */
function runs(inlines: Inline[], report: Report): Run[] {
  return inlines.map((i) =>
    i.t === 'text'
      ? { text: i.text }
      : i.t === 'bracket'
        ? { text: i.text, bold: true }
        : { footnote: report.footnotes[i.index - 1]?.label ?? String(i.index), text: report.footnotes[i.index - 1]?.text ?? '' },
  );
}

const plain = (inlines: Inline[]) => inlines.map((i) => (i.t === 'fn' ? '' : i.text)).join('');
/** The runs, only where there is a footnote or a bracket among them (plain text otherwise). */
const withRuns = (inlines: Inline[], report: Report): { runs?: Run[] } =>
  inlines.some((i) => i.t !== 'text') ? { runs: runs(inlines, report) } : {};

export function toRenderedReport(report: Report): RenderedReport {
  const blocks: ReportBlock[] = [];
  for (const item of report.items) {
    switch (item.kind) {
      case 'heading':
        blocks.push({ kind: 'heading', level: item.level, label: item.label, text: plain(item.inlines), ...withRuns(item.inlines, report) });
        break;
      case 'paragraph':
        blocks.push({ kind: 'paragraph', number: item.label, runs: runs(item.inlines, report) });
        if (item.subparagraphs.length > 0) {
          blocks.push({
            kind: 'list',
            items: item.subparagraphs.map((s) => ({ label: s.label, text: plain(s.inlines), ...withRuns(s.inlines, report), depth: s.depth })),
          });
        }
        break;
      case 'list':
        blocks.push({
          kind: 'list',
          items: item.items.flatMap((i) => [
            { label: i.label, text: i.text, depth: 0 },
            ...i.children.map((c) => ({ label: c.label, text: c.text, depth: 1 })),
          ]),
        });
        break;
      case 'placeholder':
        blocks.push({ kind: 'paragraph', number: null, runs: [{ text: item.text, italic: true }] });
        break;
      case 'written':
        // Where a written part goes: its paragraphs follow as paragraphs; the marker draws nothing.
        break;
    }
  }
  const { masthead } = report;
  return {
    lang: report.lang,
    dir: report.dir,
    masthead: {
      symbol: masthead.symbol,
      distribution: masthead.distribution,
      date: masthead.date,
      language: masthead.language,
      originalLanguage: masthead.original,
      title: masthead.title,
      body: [masthead.parentBody, masthead.body].filter(Boolean).join('\n'),
    },
    blocks,
  };
}
