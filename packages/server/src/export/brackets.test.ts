/**
 * Issue 10, item 8b: a bracket the meeting placed (a BracketNode, placed and
 * lifted only by decisions) and square brackets a delegate typed as words
 * must not read alike in any export, and an export read back in must not
 * turn typed brackets into placed ones. The text is built the way the
 * server holds it (a Yjs document through a headless editor) and read by
 * the report's own reader, so each format is tested end to end.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $createTextNode, $getRoot } from 'lexical';
import { ChairTestMeeting } from '@gavel/shared/speakers/test-support';
import { $createBracketNode, $createNumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { Writer } from '../drafting/random-edits';
import { readDraftUpload } from '../drafting/import';
import { readTextFromUpdate } from './text';
import { assembleReport, type Report } from './report';
import { renderReportHtml } from './html';
import { renderReportMarkdown } from './markdown';
import { renderAkomaNtoso } from './akn';
import { toRenderedReport } from './rendered';
import { renderDocx } from './docx';
import { unzip } from '../../../../tests/support/zip';
import { validateAgainstAkn, xpathTexts } from '../../../../tests/support/xsd';

const PID = 'p_bracketed01';
const NORWAY = { id: 'b_norway00001', alternatives: ['should', 'shall'], by: 'd_norway00001', label: 'Norway' };
/** What the delegate typed: square brackets as words, next to the real bracket. */
const TYPED = ' [must] consider the measures.';

function report(): Report {
  const writer = new Writer();
  try {
    const update = writer.edit(() => {
      $getRoot()
        .clear()
        .append($createNumberedParagraphNode(PID).append($createTextNode('States parties '), $createBracketNode(NORWAY), $createTextNode(TYPED)));
    })!;
    const full = Y.encodeStateAsUpdate(writer.doc);
    expect(update.length).toBeGreaterThan(0);
    const state = new ChairTestMeeting().state;
    const recommendations = readTextFromUpdate(full, state, 'recommendations', 'en');
    return assembleReport({ state, lang: 'en', texts: { recommendations } });
  } finally {
    writer.dispose();
  }
}

const paragraph = (r: Report) => r.items.find((i) => i.kind === 'paragraph' && i.sourceId === PID) as Extract<Report['items'][number], { kind: 'paragraph' }>;

describe('placed and typed brackets in the exports', () => {
  const r = report();

  it('JSON: the placed bracket is an inline of its own; the typed one stays words', () => {
    const inlines = paragraph(r).inlines;
    expect(inlines.filter((i) => i.t === 'bracket').map((i) => (i as { text: string }).text)).toEqual(['[should][shall] (Norway)']);
    expect(inlines.some((i) => i.t === 'text' && i.text.includes('[must]'))).toBe(true);
  });

  it('HTML (and the PDF printed from it): the placed bracket carries class="bracket" and a style; typed words do not', () => {
    for (const html of [renderReportHtml(r), renderReportHtml(r, { notes: 'page' })]) {
      expect(html).toContain('<span class="bracket">[should][shall] (Norway)</span>');
      expect(html).toMatch(/\.bracket\s*\{[^}]*font-weight:\s*bold/);
      expect(html).toContain(`</span>${TYPED}`);
      expect(html).not.toMatch(/<span class="bracket">[^<]*must/);
    }
  });

  it('Markdown: typed brackets are escaped, the placed bracket is set in bold', () => {
    const md = renderReportMarkdown(r);
    expect(md).toContain('**\\[should\\]\\[shall\\] (Norway)** \\[must\\] consider the measures.');
  });

  it('Akoma Ntoso: the placed bracket is <inline name="bracket">, valid against the schema; typed words are not', async () => {
    const xml = renderAkomaNtoso(r, { date: '2010-01-29', originalLanguage: 'en', generated: '2010-01-29T18:00:00Z' });
    expect((await validateAgainstAkn(xml)).errors).toBe('');
    const ns = "*[local-name()='inline'][@name='bracket']";
    expect(await xpathTexts(xml, `//${ns}/text()`)).toEqual(['[should][shall] (Norway)']);
  });

  it('DOCX: the placed bracket is a bold run, the typed words a plain one; reading the file back makes no bracket', async () => {
    const docx = await renderDocx(toRenderedReport(r));
    const xml = unzip(docx).get('word/document.xml')!.toString('utf8');
    const runs = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/gs)].map((m) => ({ bold: /<w:b\/>|<w:b w:val="true"\/>/.test(m[0]), text: m[1] }));
    expect(runs.find((x) => x.text === '[should][shall] (Norway)')?.bold).toBe(true);
    expect(runs.find((x) => x.text.includes('[must]'))?.bold).toBe(false);
    // The drafting import reads words only: whatever the file holds, no bracket is placed by an upload.
    const read = await readDraftUpload('docx', docx);
    const back = JSON.stringify(read.blocks);
    expect(back).toContain('[must]');
    expect(back).not.toContain('bracket');
  });
});
