/**
 * Words from the meeting in HTML and Markdown, escaped so that they cannot
 * become markup, with a bracket the meeting placed set apart from square
 * brackets typed as words (issue 10): a `<span class="bracket">` (bold in
 * the stylesheets) in HTML, bold in Markdown (typed ones escaped). The
 * report's exports (server export/html.ts, markdown.ts) and a paragraph's
 * story (amendments/story.ts) both write them here.
 */
import type { WordPart } from '../editor/rich';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Escapes Markdown's inline markup characters (and raw HTML) in text from the meeting. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]|~])/g, '\\$1');
}

/** A placed bracket in HTML (the stylesheet sets `.bracket` in bold). */
export const bracketHtml = (text: string): string => `<span class="bracket">${escapeHtml(text)}</span>`;

/** A placed bracket in Markdown: bold, where typed square brackets are escaped like all markup. */
export const bracketMarkdown = (text: string): string => `**${escapeMarkdown(text)}**`;

/** Parts (editor/rich.ts) as HTML: line breaks kept, a footnote marker raised. */
export function wordsHtml(parts: readonly WordPart[]): string {
  return parts
    .map((p) => (p.t === 'bracket' ? bracketHtml(p.text) : p.t === 'mark' ? `<sup class="fnref">${escapeHtml(p.text)}</sup>` : escapeHtml(p.text).replace(/\n/g, '<br>')))
    .join('');
}

/** Parts as Markdown on one line (line breaks become spaces); a footnote marker "[1]" left as written, typed brackets escaped. */
export function wordsMarkdown(parts: readonly WordPart[]): string {
  return parts.map((p) => (p.t === 'bracket' ? bracketMarkdown(p.text) : p.t === 'mark' ? p.text : escapeMarkdown(p.text))).join('').replace(/\n/g, ' ');
}
