import { describe, expect, it } from 'vitest';
import { buildReportSkeleton } from '@gavel/shared';
import { ChairTestMeeting } from '@gavel/shared/speakers/test-support';
import { assembleReport, type Report } from './report';
import { renderReportHtml } from './html';
import { renderReportMarkdown, escapeMarkdown } from './markdown';
import type { ReadText, TextBlock, TextInline, TextSubparagraph } from './text';

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
  return { state: m.state, item };
}
const MEETING = meeting();
const ITEM = MEETING.item;

/** Paragraph ids as the editor makes them (footnotes point at them with `{{ref:p_…}}`). */
const I0 = 'p_i0xxxxxx';
const I1 = 'p_i1xxxxxx';
const I2 = 'p_i2xxxxxx';
const R1 = 'p_r1xxxxxx';
const R2 = 'p_r2xxxxxx';
const C1 = 'p_c1xxxxxx';
const S1 = 'p_s1xxxxxx';
const S2 = 'p_s2xxxxxx';
const A1 = 'p_a1xxxxxx';
/** Added by the secretariat to III.C, after the generated attendance lists. */
const T1 = 'p_t1xxxxxx';

const para = (id: string, inlines: TextInline[], subparagraphs: TextSubparagraph[] = []): TextBlock => ({
  kind: 'paragraph',
  id,
  status: 'drafting',
  inlines,
  subparagraphs,
});
const t = (text: string): TextInline => ({ t: 'text', text });

const EMPTY: ReadText = { blocks: [para('p-empty', [])], footnotes: [] };

const INTRO: ReadText = {
  blocks: [
    para(I1, [t('The working group was established.'), { t: 'fn', index: 1 }]),
    para(I2, [t('It met once before; its recommendations are in '), { t: 'ref', target: R2 }, t('.')]),
  ],
  footnotes: [{ note: 'Decision 4/4.' }],
};

const RECOMMENDATIONS: ReadText = {
  blocks: [
    { kind: 'section', label: 'A.', inlines: [t('Non-punishment')] },
    { kind: 'subsection', label: '1.', inlines: [t('Implementation')] },
    {
      kind: 'paragraph',
      id: R1,
      status: 'adopted',
      inlines: [t('States parties <script>alert(1)</script> should *act*.'), { t: 'fn', index: 1 }, { t: 'fn', index: 2 }],
      subparagraphs: [{ label: '(a)', depth: 0, inlines: [t('# not a heading')] }],
    },
    { kind: 'paragraph', id: R2, status: 'no_consensus', inlines: [t('Second.'), { t: 'fn', index: 3 }], subparagraphs: [] },
  ],
  footnotes: [
    { note: 'CTOC/COP/WG.4/2009/2, para. 5.' },
    { note: 'See paragraph 109 below & [x].' },
    { note: `For the discussion of the working group on this recommendation, see {{ref:${S1}}}.` },
  ],
};

/** The chair's introduction of the item, and the discussion with the paragraph the footnote of r2 points at. */
const ITEM_INTRODUCTION: ReadText = { blocks: [para(C1, [t('The Chair introduced the item.')])], footnotes: [] };
const DISCUSSION: ReadText = {
  blocks: [
    para(S1, [t('Views differed sharply.'), { t: 'fn', index: 1 }]),
    para(S2, [t('See also '), { t: 'ref', target: I1 }, t(' and '), { t: 'ref', target: S2 }, t('.')]),
    para('s-empty', [t('  ')]),
  ],
  footnotes: [{ note: `As recorded in {{ref:${R1}}}.` }],
};
const ADOPTION: ReadText = { blocks: [para(A1, [t('The working group adopted the report.')])], footnotes: [] };
const ATTENDANCE_ADDITION: ReadText = { blocks: [para(T1, [t('A list of participants is contained in document CTOC/COP/WG.4/2010/INF/1.')])], footnotes: [] };

function build(lang: 'en' | 'ar', texts: Record<string, ReadText | undefined> = {}): Report {
  return assembleReport({ state: MEETING.state, lang, texts: { introduction: EMPTY, recommendations: RECOMMENDATIONS, ...texts } });
}
const full = (lang: 'en' | 'ar', introduction: ReadText = INTRO) =>
  build(lang, {
    introduction,
    [`summary:${ITEM}:introduction`]: ITEM_INTRODUCTION,
    [`summary:${ITEM}`]: DISCUSSION,
    adoption: ADOPTION,
  });

const numbered = (r: Report) => r.items.flatMap((i) => (i.kind === 'paragraph' ? [i] : []));
/** Direction marks (LRM, RLM) left out: tested on their own below. */
const unmarked = (s: string) => s.replace(/[\u200e\u200f]/g, '');
const plain = (inlines: { t: string; text?: string }[]) => unmarked(inlines.map((i) => i.text ?? '').join(''));
const byId = (r: Report, id: string) => numbered(r).find((p) => p.sourceId === id)!;

describe('assembleReport', () => {
  it('numbers paragraphs continuously: II first when I is empty, then III–V', () => {
    const r = build('en');
    const ps = numbered(r);
    expect(ps.map((p) => p.n)).toEqual(ps.map((_, i) => i + 1));
    expect(ps.slice(0, 2).map((p) => [p.sourceId, p.label, p.generated, p.adopted])).toEqual([
      [R1, '1.', false, true],
      [R2, '2.', false, false],
    ]);
    expect(ps[2]).toMatchObject({ n: 3, generated: true, sourceId: 'p-opening', source: { kind: 'opening' } });
    // I. has only its heading, the place of its text and an empty slot: no invented text.
    expect(r.items.slice(0, 3)).toEqual([
      expect.objectContaining({ kind: 'heading', level: 1, label: 'I.' }),
      { kind: 'written', doc: 'introduction', count: 0 },
      { kind: 'placeholder', text: '[To be written by the secretariat]' },
    ]);
  });

  it('puts every written part in its place, marked, with one numbering through I, II, III, IV and V', () => {
    const r = full('en');
    const ps = numbered(r);
    expect(ps.map((p) => p.n)).toEqual(ps.map((_, i) => i + 1));
    expect(ps.map((p) => p.label)).toEqual(ps.map((p) => `${p.n}.`));
    expect(ps.map((p) => p.sourceId)).toEqual([
      I1,
      I2,
      R1,
      R2,
      'p-opening',
      'p-agenda',
      'p-attendance-state_party',
      `p-item-${ITEM}-considered`,
      C1,
      `p-item-${ITEM}-heard`,
      S1,
      S2,
      A1,
    ]);
    // Each written part: its marker, then its paragraphs; the blank paragraph of the discussion is not issued.
    const markers = r.items.flatMap((item, at) => (item.kind === 'written' ? [{ ...item, next: r.items[at + 1] }] : []));
    expect(markers.map(({ doc, count }) => [doc, count])).toEqual([
      ['introduction', 2],
      // III is generated and editable only by adding to it: each section ends with the secretariat's additions.
      ['addition:opening', 0],
      ['addition:agenda_adoption', 0],
      ['addition:attendance', 0],
      [`summary:${ITEM}:introduction`, 1],
      [`summary:${ITEM}`, 2],
      ['adoption', 1],
    ]);
    expect(markers.filter((m) => m.count > 0).map((m) => m.next && m.next.kind === 'paragraph' && m.next.sourceId)).toEqual([I1, C1, S1, A1]);
    // No placeholder once the introduction is written; II is not a written part of the report.
    expect(r.items.some((i) => i.kind === 'placeholder')).toBe(false);
    expect(markers.some((m) => m.doc === 'recommendations')).toBe(false);
    // Where each paragraph comes from.
    expect(byId(r, S1).source).toEqual({ kind: 'text', doc: `summary:${ITEM}`, paragraphId: S1 });
    expect(byId(r, R1).source).toEqual({ kind: 'text', doc: 'recommendations', paragraphId: R1 });
    expect(byId(r, `p-item-${ITEM}-heard`).source).toMatchObject({ kind: 'statements', itemId: ITEM });
    expect(byId(r, 'p-attendance-state_party').source).toEqual({ kind: 'registry', category: 'state_party' });
    // Only II carries adopted marks.
    expect(byId(r, S1).adopted).toBeUndefined();
    expect(byId(r, I1).generated).toBe(false);
  });

  it('adds the secretariat’s additions to a section of III after its generated paragraphs, numbered in turn', () => {
    const r = build('en', { 'addition:attendance': ATTENDANCE_ADDITION });
    const ids = numbered(r).map((p) => p.sourceId);
    expect(ids.slice(ids.indexOf('p-attendance-state_party'), ids.indexOf('p-attendance-state_party') + 3)).toEqual([
      'p-attendance-state_party',
      T1,
      `p-item-${ITEM}-considered`,
    ]);
    expect(byId(r, T1)).toMatchObject({ generated: false, source: { kind: 'text', doc: 'addition:attendance', paragraphId: T1 } });
    expect(byId(r, T1).n).toBe(byId(r, 'p-attendance-state_party').n + 1);
  });

  it('marks empty written parts with a count of 0 and only the introduction with a placeholder', () => {
    const r = build('en', { [`summary:${ITEM}`]: EMPTY });
    const markers = r.items.flatMap((item, at) => (item.kind === 'written' ? [[item.doc, item.count, r.items[at + 1]?.kind]] : []));
    expect(markers).toEqual([
      ['introduction', 0, 'placeholder'],
      ['addition:opening', 0, 'heading'],
      ['addition:agenda_adoption', 0, 'heading'],
      ['addition:attendance', 0, 'heading'],
      [`summary:${ITEM}:introduction`, 0, 'paragraph'],
      [`summary:${ITEM}`, 0, 'heading'],
      ['adoption', 0, undefined],
    ]);
    expect(r.items.filter((i) => i.kind === 'placeholder')).toHaveLength(1);
  });

  it('numbers footnotes continuously across the texts, in the order of their markers', () => {
    const r = full('en');
    expect(r.footnotes.map((f) => [f.n, f.label])).toEqual([
      [1, '1'],
      [2, '2'],
      [3, '3'],
      [4, '4'],
      [5, '5'],
    ]);
    expect(r.footnotes.map((f) => f.text)).toEqual([
      'Decision 4/4.',
      'CTOC/COP/WG.4/2009/2, para. 5.',
      'See paragraph 109 below & [x].',
      'For the discussion of the working group on this recommendation, see paragraph 11 below.',
      'As recorded in paragraph 3 above.',
    ]);
    expect(byId(r, I1).inlines.filter((i) => i.t === 'fn')).toEqual([{ t: 'fn', index: 1 }]);
    expect(byId(r, R1).inlines.filter((i) => i.t === 'fn')).toEqual([{ t: 'fn', index: 2 }, { t: 'fn', index: 3 }]);
    expect(byId(r, S1).inlines.filter((i) => i.t === 'fn')).toEqual([{ t: 'fn', index: 5 }]);
  });

  it('resolves the footnote of a recommendation pointing at the summary of deliberations with the report number, and follows renumbering', () => {
    const footnote = (r: Report) => unmarked(r.footnotes[byId(r, R2).inlines.flatMap((i) => (i.t === 'fn' ? [i.index] : []))[0] - 1].text);
    expect(byId(full('en'), S1).n).toBe(11);
    expect(footnote(full('en'))).toBe('For the discussion of the working group on this recommendation, see paragraph 11 below.');
    // The footnote is written in the meeting's language (English): its reference stays English in the Arabic edition.
    expect(footnote(full('ar'))).toBe('For the discussion of the working group on this recommendation, see paragraph 11 below.');
    // A paragraph inserted before it, in the introduction: the footnote reads the new number.
    const longer: ReadText = { ...INTRO, blocks: [para(I0, [t('In its decision 4/4, the Conference decided …')]), ...INTRO.blocks] };
    expect(byId(full('en', longer), S1).n).toBe(12);
    expect(footnote(full('en', longer))).toBe('For the discussion of the working group on this recommendation, see paragraph 12 below.');
    expect(footnote(full('ar', longer))).toBe('For the discussion of the working group on this recommendation, see paragraph 12 below.');
  });

  it('resolves cross-references across the texts: above, below, the paragraph itself, and a paragraph the report lacks', () => {
    const r = full('en');
    // In the introduction, to a paragraph of II.
    expect(plain(byId(r, I2).inlines)).toBe('It met once before; its recommendations are in paragraph 4 below.');
    // In IV, to I and to itself.
    expect(plain(byId(r, S2).inlines)).toBe('See also paragraph 1 above and paragraph 12.');
    // In the Arabic edition, the English texts keep English references; their paragraph labels are Arabic.
    const ar = full('ar');
    expect(plain(byId(ar, I2).inlines)).toBe('It met once before; its recommendations are in paragraph 4 below.');
    expect(byId(ar, S2).label).toBe('١٢-');
    // A meeting that drafts in Arabic: its texts' references are Arabic in every edition, English included.
    const arabicMeeting = { ...MEETING.state, info: { ...MEETING.state.info, language: 'ar' as const } };
    const en = assembleReport({ state: arabicMeeting, lang: 'en', texts: { introduction: INTRO, recommendations: RECOMMENDATIONS } });
    expect(plain(byId(en, I2).inlines)).toBe('It met once before; its recommendations are in الفقرة ٤ أدناه.');
    expect(byId(en, I2).label).toBe('2.');
    // Without the discussion, the footnote's target is not in the report.
    const without = build('en', { introduction: INTRO });
    expect(without.footnotes.map((f) => f.text)).toContain('For the discussion of the working group on this recommendation, see paragraph ? below.');
  });

  it('holds written runs in their own direction in an edition that runs the other way', () => {
    const LRM = '\u200e';
    const ar = full('ar');
    expect(byId(ar, S1).inlines[0]).toEqual({ t: 'text', text: `${LRM}Views differed sharply.${LRM}` });
    expect(ar.footnotes.every((f) => f.text.startsWith(LRM) && f.text.endsWith(LRM))).toBe(true);
    // Generated Arabic sentences carry none, nor does the English edition.
    expect(JSON.stringify(byId(ar, 'p-opening'))).not.toMatch(/[\u200e\u200f]/);
    expect(JSON.stringify(full('en'))).not.toMatch(/[\u200e\u200f]/);
  });

  it('numbers through a written introduction, footnotes too', () => {
    const r = build('en', { introduction: INTRO });
    const ps = numbered(r);
    expect(ps.slice(0, 3).map((p) => p.sourceId)).toEqual([I1, I2, R1]);
    expect(ps.map((p) => p.n)).toEqual(ps.map((_, i) => i + 1));
    expect(r.footnotes.slice(0, 3).map((f) => [f.n, f.text])).toEqual([
      [1, 'Decision 4/4.'],
      [2, 'CTOC/COP/WG.4/2009/2, para. 5.'],
      [3, 'See paragraph 109 below & [x].'],
    ]);
    expect(ps[2].inlines.filter((i) => i.t === 'fn')).toEqual([{ t: 'fn', index: 2 }, { t: 'fn', index: 3 }]);
    expect(r.items.some((i) => i.kind === 'placeholder' && i.text.includes('secretariat'))).toBe(false);
  });

  it('puts the headings of a written part one level below the section they stand in', () => {
    const withHeading: ReadText = { blocks: [{ kind: 'section', label: 'A.', inlines: [t('Victims')] }, ...DISCUSSION.blocks], footnotes: DISCUSSION.footnotes };
    const r = build('en', { introduction: { ...INTRO, blocks: [{ kind: 'section', label: 'A.', inlines: [t('Mandate')] }, ...INTRO.blocks] }, [`summary:${ITEM}`]: withHeading });
    const headings = r.items.flatMap((i) => (i.kind === 'heading' ? [[i.level, plain(i.inlines)]] : []));
    expect(headings).toContainEqual([2, 'Mandate']);
    expect(headings).toContainEqual([3, 'Victims']);
  });

  it('writes the generated chapters in the language asked, speakers in the order they spoke, written parts as written', () => {
    const en = build('en');
    const text = numbered(en).map((p) => plain(p.inlines));
    expect(text.find((s) => s.startsWith('Under agenda item 2'))).toContain('Norway and Egypt');
    expect(text.find((s) => s.includes('States parties were represented'))).toContain('Egypt and Norway');
    const ar = full('ar');
    expect(ar.dir).toBe('rtl');
    expect(numbered(ar).map((p) => p.label).slice(0, 3)).toEqual(['١-', '٢-', '٣-']);
    expect(ar.footnotes.map((f) => f.label)).toEqual(['١', '٢', '٣', '٤', '٥']);
    expect(plain(byId(ar, S1).inlines)).toBe('Views differed sharply.');
    expect(ar.items.flatMap((i) => (i.kind === 'heading' && i.level === 1 ? [i.label] : []))).toEqual(['أولا-', 'ثانيا-', 'ثالثا-', 'رابعا-', 'خامسا-']);
    // The masthead's block as the UN prints it: in English in the Arabic version, naming the version's language.
    // Each line held between LRM marks, so that the right-to-left page does not reorder it ("January 2010 29").
    const LRM = '\u200e';
    expect(ar.masthead).toMatchObject({
      distribution: `${LRM}Distr.: General${LRM}`,
      date: `${LRM}29 January 2010${LRM}`,
      language: `${LRM}Arabic${LRM}`,
      original: `${LRM}Original: English${LRM}`,
    });
    expect(build('en').masthead).toMatchObject({ date: '29 January 2010', language: '', original: 'Original: English' });
    const fr = assembleReport({ state: MEETING.state, lang: 'fr', texts: {} }).masthead;
    expect(fr).toMatchObject({ distribution: 'Distr. générale', date: '29 janvier 2010', language: 'Français', original: 'Original\u00a0: anglais' });
  });

  it('draws the documents before the meeting as a lettered list that is not numbered', () => {
    for (const [lang, first] of [['en', '(a)'], ['fr', 'a)'], ['ar', '(أ)']] as const) {
      const skeleton = buildReportSkeleton(MEETING.state, lang);
      skeleton.chapters[0].sections.push({
        id: 's-documentation',
        number: 4,
        heading: { kind: 'fixed', key: 'documentation' },
        blocks: [
          { kind: 'documents_list', id: 'l-documents', documents: [{ symbol: 'CTOC/COP/WG.4/2010/1', title: 'Provisional agenda' }, { symbol: 'CTOC/COP/WG.4/2010/2', title: '' }] },
        ],
      });
      const r = assembleReport({ state: MEETING.state, lang, texts: { recommendations: RECOMMENDATIONS }, skeleton });
      const list = r.items.findLast((i) => i.kind === 'list');
      expect(list).toEqual({
        kind: 'list',
        items: [
          { label: first, text: 'Provisional agenda (CTOC/COP/WG.4/2010/1)', children: [] },
          { label: expect.any(String), text: 'CTOC/COP/WG.4/2010/2', children: [] },
        ],
      });
    }
  });

  it('is plain data, the same through JSON', () => {
    const r = full('ar');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('renderReportHtml', () => {
  it('is a complete document with lang and dir, numbered paragraphs and footnotes at the end, each numbered once', () => {
    const html = renderReportHtml(build('en', { introduction: INTRO }));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(html).toContain('<span class="num">1.</span> The working group was established.<sup class="fnref" id="fnref-1"><a href="#fn-1">1</a></sup>');
    expect(html).toContain('data-adopted="true"');
    expect(html.indexOf('<section class="footnotes">')).toBeGreaterThan(html.indexOf('</main>'));
    // The note's number is its link back to the marker: no list number before it, no "↩" after it.
    expect(html).toContain('<li id="fn-3"><a class="fnlabel" href="#fnref-3">3</a> See paragraph 109 below &amp; [x].</li>');
    expect(html).not.toContain('↩');
    expect(html).toMatch(/\.footnotes ol \{ list-style: none; \}|, \.footnotes ol \{ list-style: none; \}/);
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
    const html = renderReportHtml(build('ar', { introduction: INTRO }));
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('<span class="num">١-</span>');
    expect(html).toContain('<a href="#fn-1">١</a>');
    expect(html).toContain('<a class="fnlabel" href="#fnref-3">٣</a>');
    expect(html).not.toMatch(/<span class="num">[0-9]/);
    expect(html).toContain('Traditional Arabic');
    // The symbol stays in Latin script, isolated left to right.
    expect(html).toMatch(/<div class="symbol" dir="ltr">[A-Z0-9/.]*<\/div>/);
  });

  it('numbers the agenda once: sub-items carry their letter alone, lists draw no number of their own', () => {
    const m = new ChairTestMeeting();
    m.register(['state_party', '578']);
    const parent = m.addItem('Non-punishment');
    m.addItem('Of victims', { parentId: parent });
    m.openAndTakeUp(parent);
    const r = assembleReport({ state: m.state, lang: 'en', texts: { introduction: EMPTY, recommendations: EMPTY } });
    const html = renderReportHtml(r);
    const agenda = html.slice(html.indexOf('<ol class="agenda">'), html.indexOf('</ol></li></ol>') + 15);
    expect(agenda).toContain('<li><span class="label">1.</span> Non-punishment<ol><li><span class="label">(a)</span> Of victims');
    // Every list in the agenda, nested ones too, without the browser's own numbers.
    expect(html).toContain('ol.agenda, ol.agenda ol');
    expect(html).toMatch(/ol\.agenda ol[^{]*\{ list-style: none; \}/);
  });

  it('for paged media, puts each note where its marker is, as a footnote of the page, numbered once', () => {
    const html = renderReportHtml(build('ar', { introduction: INTRO }), { notes: 'page' });
    expect(html).toContain('<sup class="fnref">١</sup><span class="fn" id="fn-1"><sup class="fnlabel">١</sup> \u200eDecision 4/4.\u200e</span>');
    expect(html).toContain('.fn { float: footnote;');
    expect(html).toContain('::footnote-call { content: none; }');
    expect(html).not.toContain('<section class="footnotes">');
  });
});

describe('renderReportMarkdown', () => {
  it('has headings, numbered paragraphs Markdown will not renumber, and [^n] footnotes', () => {
    const md = renderReportMarkdown(build('en', { introduction: INTRO }));
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
