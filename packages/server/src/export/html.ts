/**
 * The report as a standalone HTML document: lang and dir on the root, a
 * font stack that covers the language, numbered paragraphs, print styles.
 * Everything from the meeting is escaped, and a Content-Security-Policy runs
 * no script of the document's own.
 *
 * Footnotes, numbered once (the report's label): for a screen, at the end,
 * each number linking back to its marker; for the PDF (`notes: 'page'`),
 * each note stands at its marker as a `float: footnote` box, which Paged.js
 * (pdf.ts) lays out at the foot of the page where the marker falls.
 *
 * Why the standalone HTML keeps its notes at the end (issue 13): it runs no
 * script (the CSP below), so it cannot run Paged.js, and Chromium lays out
 * no page-foot notes by itself; the PDF is the paged edition. Notes at the
 * end of each chapter would cut one continuous sequence into five. Printed
 * from a browser, the notes follow the last words on the same page
 * (pdf.test.ts).
 */
import { bracketHtml, escapeHtml, type Lang } from '@gavel/shared';
import type { Inline, Report, ReportItem } from './report';

export { escapeHtml };

/** Fonts that cover each language, the system's first, then common free ones. */
export const FONT_STACKS: Record<Lang, string> = {
  ar: '"Traditional Arabic", "Simplified Arabic", "Noto Naskh Arabic", "Amiri", "Arial", sans-serif',
  zh: '"SimSun", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif',
  en: '"Times New Roman", "Liberation Serif", "Noto Serif", serif',
  fr: '"Times New Roman", "Liberation Serif", "Noto Serif", serif',
  es: '"Times New Roman", "Liberation Serif", "Noto Serif", serif',
  ru: '"Times New Roman", "Liberation Serif", "Noto Serif", "PT Serif", serif',
};

/** Where the footnotes go: after the text (a screen) or at the foot of each page (paged media, the PDF). */
export type NotesAt = 'end' | 'page';

interface Ctx {
  report: Report;
  notes: NotesAt;
}

function noteLabel(index: number, report: Report): string {
  return escapeHtml(report.footnotes[index - 1]?.label ?? String(index));
}

function inlineHtml(inlines: Inline[], ctx: Ctx): string {
  return inlines
    .map((i) => {
      if (i.t === 'text') return escapeHtml(i.text).replace(/\n/g, '<br>');
      if (i.t === 'bracket') return bracketHtml(i.text);
      const label = noteLabel(i.index, ctx.report);
      if (ctx.notes === 'page') {
        const note = escapeHtml(ctx.report.footnotes[i.index - 1]?.text ?? '');
        return `<sup class="fnref">${label}</sup><span class="fn" id="fn-${i.index}"><sup class="fnlabel">${label}</sup> ${note}</span>`;
      }
      return `<sup class="fnref" id="fnref-${i.index}"><a href="#fn-${i.index}">${label}</a></sup>`;
    })
    .join('');
}

function itemHtml(item: ReportItem, ctx: Ctx): string | null {
  switch (item.kind) {
    case 'heading': {
      const tag = `h${item.level + 1}`;
      return `<${tag}><span class="label">${escapeHtml(item.label)}</span> ${inlineHtml(item.inlines, ctx)}</${tag}>`;
    }
    case 'paragraph': {
      const classes = ['para', item.generated ? 'generated' : 'written', ...(item.adopted ? ['adopted'] : [])];
      const subs = item.subparagraphs.length
        ? `<ol class="subparagraphs">${item.subparagraphs
            .map((s) => `<li class="depth-${s.depth}"><span class="label">${escapeHtml(s.label)}</span> ${inlineHtml(s.inlines, ctx)}</li>`)
            .join('')}</ol>`
        : '';
      const adopted = item.adopted === undefined ? '' : ` data-adopted="${item.adopted}"`;
      return `<div class="${classes.join(' ')}" id="para-${item.n}" data-n="${item.n}" data-source="${escapeHtml(item.sourceId)}"${adopted}><p><span class="num">${escapeHtml(item.label)}</span> ${inlineHtml(item.inlines, ctx)}</p>${subs}</div>`;
    }
    case 'list':
      return `<ol class="agenda">${item.items
        .map(
          (i) =>
            `<li><span class="label">${escapeHtml(i.label)}</span> ${escapeHtml(i.text)}${
              i.children.length
                ? `<ol>${i.children.map((c) => `<li><span class="label">${escapeHtml(c.label)}</span> ${escapeHtml(c.text)}</li>`).join('')}</ol>`
                : ''
            }</li>`,
        )
        .join('')}</ol>`;
    case 'placeholder':
      return `<p class="placeholder">${escapeHtml(item.text)}</p>`;
    case 'written':
      // Where a written part goes: for the report view, nothing to draw.
      return null;
  }
}

/** The end notes of a screen: each number once, a link back to its marker. */
function endNotesHtml(report: Report): string {
  if (!report.footnotes.length) return '';
  const notes = report.footnotes
    .map((f) => `<li id="fn-${f.n}"><a class="fnlabel" href="#fnref-${f.n}">${escapeHtml(f.label)}</a> ${escapeHtml(f.text)}</li>`)
    .join('');
  return `<section class="footnotes"><ol>${notes}</ol></section>`;
}

/** A page as the UN prints it (A4, the notes under a short rule), for Paged.js; the screen's margins dropped. */
const PAGED_CSS = `
@page { size: A4; margin: 2cm 2.2cm; @footnote { border-top: 0.5pt solid #000; padding-top: 4pt; margin-top: 8pt; } }
body { margin: 0; max-width: none; padding: 0; }
.fn { float: footnote; font-size: 10pt; line-height: 1.25; text-align: start; font-weight: normal; font-style: normal; }
::footnote-call { content: none; }
::footnote-marker { content: none; }
a { color: inherit; text-decoration: none; }
h2, h3, h4 { break-after: avoid; }
.placeholder { display: none; }
/* Paged.js measures overflow along a left-to-right column flow: the page's frame stays left to right, its text follows the document. */
.pagedjs_page_content { direction: ltr; }
.pagedjs_page_content > div { direction: var(--text-direction); }`;

/** No script of the document's own runs, nothing is fetched; inline styles only. */
const CSP = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

export function renderReportHtml(report: Report, options: { notes?: NotesAt } = {}): string {
  const { masthead: m, lang, dir } = report;
  const ctx: Ctx = { report, notes: options.notes ?? 'end' };
  const css = `
:root { --text-direction: ${dir}; }
body { font-family: ${FONT_STACKS[lang]}; font-size: 12pt; line-height: 1.4; max-width: 42em; margin: 2em auto; padding: 0 1em; }
.masthead { border-bottom: 2px solid #000; margin-bottom: 1.5em; }
.masthead .symbol { font-family: "Times New Roman", "Liberation Serif", serif; direction: ltr; unicode-bidi: isolate; }
.masthead dl { display: flex; flex-wrap: wrap; gap: 0 2em; margin: 0.5em 0; }
.masthead dt { display: none; }
.para p { margin: 0.6em 0; text-align: justify; }
.num { display: inline-block; min-width: 2.5em; }
/* The labels are the report's own ("1.", "(a)", "١-"): no list numbering on top of them, at any depth. */
ol.subparagraphs, ol.agenda, ol.agenda ol, .footnotes ol { list-style: none; }
ol.agenda ol { padding-inline-start: 2.5em; }
/* A hanging indent: a long item's next lines start under its text, not under its number. */
ol.agenda li { padding-inline-start: 2.5em; text-indent: -2.5em; }
ol.agenda .label { display: inline-block; min-width: 2.5em; text-indent: 0; }
.footnotes ol { padding: 0; }
.fnref, .fnlabel { font-size: 0.7em; vertical-align: super; line-height: 0; }
.footnotes .fnlabel { display: inline-block; min-width: 1.5em; }
.placeholder { color: #666; font-style: italic; }
/* A bracket the meeting placed, set apart from square brackets typed as words (bold prints in black and white). */
.bracket { font-weight: bold; }
.footnotes { border-top: 1px solid #000; margin-top: 2em; font-size: 10pt; }
@media print {
  body { margin: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
  h2 { page-break-after: avoid; }
  .placeholder { display: none; }
}${ctx.notes === 'page' ? PAGED_CSS : ''}`;
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
${CSP}
<title>${escapeHtml(m.symbol ? `${m.symbol} — ${m.title}` : m.title)}</title>
<style>${css}</style>
</head>
<body>
<header class="masthead">
<div class="symbol" dir="ltr">${escapeHtml(m.symbol)}</div>
<dl><dt>distribution</dt><dd class="distribution">${escapeHtml(m.distribution)}</dd><dt>date</dt><dd class="date">${escapeHtml(m.date)}</dd>${m.language ? `<dt>language</dt><dd class="language">${escapeHtml(m.language)}</dd>` : ''}<dt>original</dt><dd class="original">${escapeHtml(m.original)}</dd></dl>
${m.parentBody ? `<p class="parent-body">${escapeHtml(m.parentBody)}</p>\n` : ''}${m.body ? `<p class="body">${escapeHtml(m.body)}</p>\n` : ''}<h1>${escapeHtml(m.title)}</h1>
</header>
<main>
${report.items.flatMap((i) => itemHtml(i, ctx) ?? []).join('\n')}
</main>
${ctx.notes === 'end' ? endNotesHtml(report) : ''}
</body>
</html>
`;
}
