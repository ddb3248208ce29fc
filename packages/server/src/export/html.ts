/**
 * The report as a standalone HTML document: lang and dir on the root, a
 * font stack that covers the language, numbered paragraphs, footnotes at the
 * end, print styles. Everything from the meeting is escaped.
 */
import type { Lang } from '@gavel/shared';
import type { Inline, Report, ReportItem } from './report';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Fonts that cover each language, the system's first, then common free ones. */
export const FONT_STACKS: Record<Lang, string> = {
  ar: '"Traditional Arabic", "Simplified Arabic", "Noto Naskh Arabic", "Amiri", "Arial", sans-serif',
  zh: '"SimSun", "Songti SC", "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif',
  en: '"Times New Roman", "Liberation Serif", "Noto Serif", serif',
  fr: '"Times New Roman", "Liberation Serif", "Noto Serif", serif',
  es: '"Times New Roman", "Liberation Serif", "Noto Serif", serif',
  ru: '"Times New Roman", "Liberation Serif", "Noto Serif", "PT Serif", serif',
};

function inlineHtml(inlines: Inline[], report: Report): string {
  return inlines
    .map((i) => {
      if (i.t === 'text') return escapeHtml(i.text).replace(/\n/g, '<br>');
      const label = escapeHtml(report.footnotes[i.index - 1]?.label ?? String(i.index));
      return `<sup class="fnref" id="fnref-${i.index}"><a href="#fn-${i.index}">${label}</a></sup>`;
    })
    .join('');
}

function itemHtml(item: ReportItem, report: Report): string | null {
  switch (item.kind) {
    case 'heading': {
      const tag = `h${item.level + 1}`;
      return `<${tag}><span class="label">${escapeHtml(item.label)}</span> ${inlineHtml(item.inlines, report)}</${tag}>`;
    }
    case 'paragraph': {
      const classes = ['para', item.generated ? 'generated' : 'written', ...(item.adopted ? ['adopted'] : [])];
      const subs = item.subparagraphs.length
        ? `<ol class="subparagraphs">${item.subparagraphs
            .map((s) => `<li class="depth-${s.depth}"><span class="label">${escapeHtml(s.label)}</span> ${inlineHtml(s.inlines, report)}</li>`)
            .join('')}</ol>`
        : '';
      const adopted = item.adopted === undefined ? '' : ` data-adopted="${item.adopted}"`;
      return `<div class="${classes.join(' ')}" id="para-${item.n}" data-n="${item.n}" data-source="${escapeHtml(item.sourceId)}"${adopted}><p><span class="num">${escapeHtml(item.label)}</span> ${inlineHtml(item.inlines, report)}</p>${subs}</div>`;
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

export function renderReportHtml(report: Report): string {
  const { masthead: m, lang, dir } = report;
  const css = `
body { font-family: ${FONT_STACKS[lang]}; font-size: 12pt; line-height: 1.4; max-width: 42em; margin: 2em auto; padding: 0 1em; }
.masthead { border-bottom: 2px solid #000; margin-bottom: 1.5em; }
.masthead .symbol { font-family: "Times New Roman", "Liberation Serif", serif; direction: ltr; unicode-bidi: isolate; }
.masthead dl { display: flex; flex-wrap: wrap; gap: 0 2em; margin: 0.5em 0; }
.masthead dt { display: none; }
.para p { margin: 0.6em 0; text-align: justify; }
.num { display: inline-block; min-width: 2.5em; }
ol.subparagraphs, ol.agenda { list-style: none; }
.placeholder { color: #666; font-style: italic; }
.footnotes { border-top: 1px solid #000; margin-top: 2em; font-size: 10pt; }
@media print {
  body { margin: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
  h2 { page-break-after: avoid; }
  .placeholder { display: none; }
}`;
  const notes = report.footnotes.length
    ? `<section class="footnotes"><ol>${report.footnotes
        .map((f) => `<li id="fn-${f.n}" value="${f.n}"><sup>${escapeHtml(f.label)}</sup> ${escapeHtml(f.text)} <a href="#fnref-${f.n}">↩</a></li>`)
        .join('')}</ol></section>`
    : '';
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
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
${report.items.flatMap((i) => itemHtml(i, report) ?? []).join('\n')}
</main>
${notes}
</body>
</html>
`;
}
