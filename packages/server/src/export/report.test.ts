import { describe, expect, it } from 'vitest';
import { ChairTestMeeting } from '@gavel/shared/speakers/test-support';
import { assembleReport, type Report } from './report';
import { renderReportHtml } from './html';
import { renderReportMarkdown, escapeMarkdown } from './markdown';
import type { ReadText } from './text';

/** A small meeting through the ledger in memory: two States parties, an item with statements (Norway first). */
function meeting() {
  const m = new ChairTestMeeting();
  const [norway, egypt] = m.register(['state_party', '578'], ['state_party', '818']);
  m.addItem('Organizational matters');
  const item = m.addItem('Non-punishment <of> victims & "others"');
  m.openAndTakeUp(item);
  for (const who of [norway, egypt]) m.request(item, who);
  while (m.queueNames(item).length > 0 || m.floorEntry()) {
    m.next(item);
    m.tick(60_000);
  }
  return m;
}

const EMPTY: ReadText = { blocks: [{ kind: 'paragraph', id: 'p-empty', status: 'drafting', inlines: [], subparagraphs: [] }], footnotes: [] };

const INTRO: ReadText = {
  blocks: [
    { kind: 'paragraph', id: 'i1', status: 'drafting', inlines: [{ t: 'text', text: 'The working group was established.' }, { t: 'fn', index: 1 }], subparagraphs: [] },
    { kind: 'paragraph', id: 'i2', status: 'drafting', inlines: [{ t: 'text', text: 'It met once before.' }], subparagraphs: [] },
  ],
  footnotes: [{ text: 'Decision 4/4.' }],
};

const RECOMMENDATIONS: ReadText = {
  blocks: [
    { kind: 'section', label: 'A.', inlines: [{ t: 'text', text: 'Non-punishment' }] },
    { kind: 'subsection', label: '1.', inlines: [{ t: 'text', text: 'Implementation' }] },
    {
      kind: 'paragraph',
      id: 'r1',
      status: 'adopted',
      inlines: [{ t: 'text', text: 'States parties <script>alert(1)</script> should *act*.' }, { t: 'fn', index: 1 }, { t: 'fn', index: 2 }],
      subparagraphs: [{ label: '(a)', depth: 0, inlines: [{ t: 'text', text: '# not a heading' }] }],
    },
    { kind: 'paragraph', id: 'r2', status: 'no_consensus', inlines: [{ t: 'text', text: 'Second.' }], subparagraphs: [] },
  ],
  footnotes: [{ text: 'CTOC/COP/WG.4/2009/2, para. 5.' }, { text: 'See paragraph 109 below & [x].' }],
};

function build(lang: 'en' | 'ar', introduction: ReadText = EMPTY): Report {
  return assembleReport({ state: meeting().state, lang, introduction, recommendations: RECOMMENDATIONS });
}

const numbered = (r: Report) => r.items.flatMap((i) => (i.kind === 'paragraph' ? [i] : []));

describe('assembleReport', () => {
  it('numbers paragraphs continuously: II first when I is empty, then III–V', () => {
    const r = build('en');
    const ps = numbered(r);
    expect(ps.map((p) => p.n)).toEqual(ps.map((_, i) => i + 1));
    expect(ps.slice(0, 2).map((p) => [p.sourceId, p.label, p.generated, p.adopted])).toEqual([
      ['r1', '1.', false, true],
      ['r2', '2.', false, false],
    ]);
    expect(ps[2]).toMatchObject({ n: 3, generated: true, sourceId: 'p-opening' });
    // I. has only its heading and an empty slot: no invented text.
    expect(r.items[0]).toMatchObject({ kind: 'heading', level: 1, label: 'I.' });
    expect(r.items[1]).toMatchObject({ kind: 'placeholder' });
  });

  it('numbers through a written introduction, footnotes too', () => {
    const r = build('en', INTRO);
    const ps = numbered(r);
    expect(ps.slice(0, 3).map((p) => p.sourceId)).toEqual(['i1', 'i2', 'r1']);
    expect(ps.map((p) => p.n)).toEqual(ps.map((_, i) => i + 1));
    expect(r.footnotes.map((f) => [f.n, f.text])).toEqual([
      [1, 'Decision 4/4.'],
      [2, 'CTOC/COP/WG.4/2009/2, para. 5.'],
      [3, 'See paragraph 109 below & [x].'],
    ]);
    expect(ps[2].inlines.filter((i) => i.t === 'fn')).toEqual([{ t: 'fn', index: 2 }, { t: 'fn', index: 3 }]);
    expect(r.items.some((i) => i.kind === 'placeholder' && i.text.includes('secretariat'))).toBe(false);
  });

  it('writes the generated chapters in the language asked, speakers in the order they spoke', () => {
    const en = build('en');
    const text = numbered(en).map((p) => p.inlines.map((i) => (i.t === 'text' ? i.text : '')).join(''));
    expect(text.find((t) => t.startsWith('Under agenda item 2'))).toContain('Norway and Egypt');
    expect(text.find((t) => t.includes('States parties were represented'))).toContain('Egypt and Norway');
    const ar = build('ar');
    expect(ar.dir).toBe('rtl');
    expect(numbered(ar).map((p) => p.label).slice(0, 3)).toEqual(['١-', '٢-', '٣-']);
    expect(ar.items.flatMap((i) => (i.kind === 'heading' && i.level === 1 ? [i.label] : []))).toEqual(['أولا-', 'ثانيا-', 'ثالثا-', 'رابعا-', 'خامسا-']);
    expect(ar.masthead.original).toBe('الأصل: بالإنكليزية');
  });
});

describe('renderReportHtml', () => {
  it('is a complete document with lang and dir, numbered paragraphs and footnotes at the end', () => {
    const html = renderReportHtml(build('en', INTRO));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">/);
    expect(html).toContain('<span class="num">1.</span> The working group was established.<sup class="fnref" id="fnref-1"><a href="#fn-1">1</a></sup>');
    expect(html).toContain('data-adopted="true"');
    expect(html.indexOf('<section class="footnotes">')).toBeGreaterThan(html.indexOf('</main>'));
    expect(html).toContain('<li id="fn-3" value="3"><sup>3</sup> See paragraph 109 below &amp; [x].');
    expect(html).toContain('Times New Roman');
    expect(html).toContain('@media print');
  });

  it('escapes everything from the meeting', () => {
    const html = renderReportHtml(build('en'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('States parties &lt;script&gt;alert(1)&lt;/script&gt; should *act*.');
    expect(html).toContain('Non-punishment &lt;of&gt; victims &amp; &quot;others&quot;');
    expect(html).not.toMatch(/<of>|& "others"/);
  });

  it('is right to left in Arabic, with Arabic-Indic digits and an Arabic font', () => {
    const html = renderReportHtml(build('ar', INTRO));
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('<span class="num">١-</span>');
    expect(html).toContain('<a href="#fn-1">١</a>');
    expect(html).toContain('<sup>٣</sup>');
    expect(html).not.toMatch(/<span class="num">[0-9]/);
    expect(html).toContain('Traditional Arabic');
    // The symbol stays in Latin script, isolated left to right.
    expect(html).toMatch(/<div class="symbol" dir="ltr">[A-Z0-9/.]*<\/div>/);
  });
});

describe('renderReportMarkdown', () => {
  it('has headings, numbered paragraphs Markdown will not renumber, and [^n] footnotes', () => {
    const md = renderReportMarkdown(build('en', INTRO));
    expect(md).toContain('## I. Introduction');
    expect(md).toContain('### A. Non-punishment');
    expect(md).toMatch(/^1\\\. The working group was established\.\[\^1\]$/m);
    expect(md).toMatch(/^3\\\. States parties .*\[\^2\]\[\^3\]$/m);
    expect(md).toMatch(/^\[\^3\]: See paragraph 109 below &amp; \\\[x\\\]\.$/m);
    expect(md).toMatch(/^## III\. Organization of the meeting$/m);
    const ps = [...md.matchAll(/^(\d+)\\\. /gm)].map((m) => Number(m[1]));
    expect(ps).toEqual(ps.map((_, i) => i + 1));
  });

  it('escapes markup in text from the meeting', () => {
    const md = renderReportMarkdown(build('en'));
    expect(md).toContain('States parties &lt;script&gt;alert(1)&lt;/script&gt; should \\*act\\*.');
    expect(md).toContain('(a) \\# not a heading');
    expect(md).not.toMatch(/<script>/);
    expect(escapeMarkdown('[link](x) _a_ `b`')).toBe('\\[link\\](x) \\_a\\_ \\`b\\`');
  });

  it('writes Arabic paragraph numbers with Arabic-Indic digits', () => {
    const md = renderReportMarkdown(build('ar'));
    expect(md).toMatch(/^١- /m);
    expect(md).toContain('## أولا- مقدمة');
    expect(md).not.toMatch(/^\d+\\\. /m);
  });
});
