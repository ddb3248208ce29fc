/**
 * The report as Markdown: headings, numbered paragraphs (the label as text,
 * so that Markdown does not renumber them), footnotes as [^n]. Text from the
 * meeting is escaped so that it cannot become markup.
 */
import { bracketMarkdown, escapeMarkdown } from '@gavel/shared';
import type { Inline, Report, ReportItem } from './report';

export { escapeMarkdown };

/** Escapes what would start a block at the beginning of a line: a heading, quote, list item, rule. */
function lineStart(s: string): string {
  return s.replace(/^(\s*)([#+=-]|\d+(?=[.)]))/gm, (_m, space: string, mark: string) => (/^\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`));
}

/** Text from the meeting, escaped, its line breaks kept as hard breaks. */
function oneLine(s: string): string {
  return lineStart(escapeMarkdown(s)).replace(/\n/g, '  \n');
}

/** A placed bracket in bold; typed square brackets are escaped like all markup, so the two differ in the source and when shown. */
function inlineMd(inlines: Inline[]): string {
  return inlines.map((i) => (i.t === 'text' ? oneLine(i.text) : i.t === 'bracket' ? bracketMarkdown(i.text) : `[^${i.index}]`)).join('');
}

function itemMd(item: ReportItem): string | null {
  switch (item.kind) {
    case 'heading':
      return `${'#'.repeat(item.level + 1)} ${lineStart(escapeMarkdown(item.label))} ${inlineMd(item.inlines)}`.trimEnd();
    case 'paragraph': {
      const lines = [`${lineStart(escapeMarkdown(item.label))} ${inlineMd(item.inlines)}`];
      for (const s of item.subparagraphs) lines.push(`${'    '.repeat(s.depth)}${escapeMarkdown(s.label)} ${inlineMd(s.inlines)}`);
      return lines.join('\n\n');
    }
    case 'list':
      return item.items
        .map((i) => [`- ${lineStart(escapeMarkdown(i.label))} ${oneLine(i.text)}`, ...i.children.map((c) => `    - ${lineStart(escapeMarkdown(c.label))} ${oneLine(c.text)}`)].join('\n'))
        .join('\n');
    case 'placeholder':
      return `*${escapeMarkdown(item.text)}*`;
    case 'written':
      return null;
  }
}

export function renderReportMarkdown(report: Report): string {
  const m = report.masthead;
  const head = [
    oneLine(m.symbol),
    '',
    `${oneLine(m.distribution)}  `,
    `${oneLine(m.date)}  `,
    ...(m.language ? [`${oneLine(m.language)}  `] : []),
    oneLine(m.original),
    '',
    ...(m.parentBody ? [oneLine(m.parentBody), ''] : []),
    ...(m.body ? [oneLine(m.body), ''] : []),
    `# ${oneLine(m.title)}`,
  ];
  const body = report.items.flatMap((i) => itemMd(i) ?? []);
  const notes = report.footnotes.map((f) => `[^${f.n}]: ${oneLine(f.text)}`);
  return `${[...head, '', ...body.flatMap((b) => [b, '']), ...notes].join('\n').trimEnd()}\n`;
}
