import { beforeAll, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Report } from '@gavel/shared';
import { UI_STRINGS } from '@gavel/shared/i18n/ui/index';
import { ReportPage } from './ReportPage';

/** A small report as the server compiles it: I with a written paragraph, II adopted and not, III generated, a footnote. */
function report(lang: 'en' | 'ar'): Report {
  const ar = lang === 'ar';
  return {
    lang,
    dir: ar ? 'rtl' : 'ltr',
    masthead: {
      symbol: 'CTOC/COP/WG.4/2027/6',
      distribution: ar ? 'Distr.: General' : 'Distr.: General',
      date: '29 January 2027',
      language: ar ? 'Arabic' : '',
      original: 'Original: English',
      body: 'Working Group on Trafficking in Persons',
      parentBody: 'Conference of the Parties',
      title: 'Report on the meeting',
    },
    items: [
      { kind: 'heading', level: 1, label: ar ? 'أولا-' : 'I.', inlines: [{ t: 'text', text: ar ? 'مقدمة' : 'Introduction' }] },
      { kind: 'written', doc: 'introduction', count: 1 },
      {
        kind: 'paragraph',
        n: 1,
        label: ar ? '١-' : '1.',
        inlines: [{ t: 'text', text: 'The working group was established.' }, { t: 'fn', index: 1 }],
        subparagraphs: [{ label: '(a)', depth: 0, inlines: [{ t: 'text', text: 'first' }] }],
        generated: false,
        sourceId: 'p_intro001',
        source: { kind: 'text', doc: 'introduction', paragraphId: 'p_intro001' },
      },
      { kind: 'heading', level: 1, label: ar ? 'ثانيا-' : 'II.', inlines: [{ t: 'text', text: 'Recommendations' }] },
      {
        kind: 'paragraph',
        n: 2,
        label: ar ? '٢-' : '2.',
        inlines: [{ t: 'text', text: 'States parties should <protect> victims ' }, { t: 'bracket', text: '[in full][fully] (Norway)' }, { t: 'text', text: ' [at once].' }],
        subparagraphs: [],
        generated: false,
        adopted: true,
        sourceId: 'p_rec00001',
        source: { kind: 'text', doc: 'recommendations', paragraphId: 'p_rec00001' },
      },
      { kind: 'heading', level: 1, label: ar ? 'ثالثا-' : 'III.', inlines: [{ t: 'text', text: 'Organization of the meeting' }] },
      { kind: 'written', doc: 'summary:ai_abcdef:introduction', count: 0 },
      { kind: 'placeholder', text: '[To be written by the secretariat]' },
      {
        kind: 'paragraph',
        n: 3,
        label: ar ? '٣-' : '3.',
        inlines: [{ t: 'text', text: 'Under agenda item 3, the working group heard statements by Norway.' }],
        subparagraphs: [],
        generated: true,
        sourceId: 'g_heard',
        source: { kind: 'statements', itemId: 'ai_abcdef', statementIds: [] },
      },
      { kind: 'list', items: [{ label: '1.', text: 'Organizational matters', children: [{ label: '(a)', text: 'Opening of the meeting' }] }] },
    ],
    footnotes: [{ n: 1, label: ar ? '١' : '1', text: 'Decision 4/4.' }],
    fallbacks: [],
  };
}

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    lng: 'en',
    fallbackLng: 'en',
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: UI_STRINGS[l] }])),
    interpolation: { escapeValue: false },
  });
});

const render = (r: Report, extra: Partial<Parameters<typeof ReportPage>[0]> = {}) => {
  const html = renderToStaticMarkup(<ReportPage report={r} {...extra} />);
  return { html, count: (re: RegExp) => [...html.matchAll(new RegExp(re, 'g'))].length };
};

describe('the report page', () => {
  it('is in the report language and direction, whatever the UI', () => {
    const { html } = render(report('ar'));
    expect(html).toMatch(/<article class="report-page" lang="ar" dir="rtl"/);
    // The marks beside paragraphs are the UI's (English here).
    expect(html).toContain('<div class="report-marks" lang="en" dir="ltr">');
    expect(html).toContain('<span class="report-num">٣-</span>');
  });

  it('draws the masthead with the symbol left to right', () => {
    const { html } = render(report('en'));
    expect(html).toContain('<span class="report-symbol" dir="ltr" data-testid="report-symbol">CTOC/COP/WG.4/2027/6</span>');
    expect(html).toContain('Original: English');
    expect(html).toContain('<h2 class="report-title"><span dir="auto">Report on the meeting</span></h2>');
  });

  it('marks generated paragraphs and adopted recommendations, and only those', () => {
    const page = render(report('en'));
    expect(page.count(/data-testid="generated-tag"/)).toBe(1);
    expect(page.count(/data-testid="adopted-tag"/)).toBe(1);
    expect(page.html).toMatch(/class="report-para is-generated"[^>]*data-n="3"/);
    expect(page.html).toMatch(/class="report-para is-text is-adopted"[^>]*data-n="2"/);
  });

  it('raises footnote markers, links them both ways, and lists the footnotes at the foot', () => {
    const { html } = render(report('en'));
    expect(html).toContain('<sup class="report-fnref"><a id="report-fnref-1" href="#report-fn-1" aria-label="Footnote 1">1</a></sup>');
    expect(html).toMatch(/<li id="report-fn-1" tabindex="-1" data-testid="report-footnote"><a class="report-fn-label" href="#report-fnref-1"/);
    expect(html).toContain('Decision 4/4.');
  });

  it('escapes what the meeting wrote, and isolates it in its own direction (English written parts in an Arabic report)', () => {
    expect(render(report('en')).html).toContain('should &lt;protect&gt; victims');
    expect(render(report('ar')).html).toContain('<span class="report-num">١-</span><span dir="auto">The working group was established.');
  });

  it('sets a bracket the meeting placed apart from square brackets typed as words (issue 10)', () => {
    const { html, count } = render(report('en'));
    expect(html).toContain('victims <span class="report-bracket">[in full][fully] (Norway)</span> [at once].');
    expect(count(/class="report-bracket"/)).toBe(1);
  });

  it('draws the sources and the written parts as the view says, and shows the part being written', () => {
    const page = render(report('en'), {
      renderSource: (p) => <a href={`#src-${p.n}`}>source {p.n}</a>,
      renderWritten: (m) => <button data-doc={m.doc}>write</button>,
      writing: 'introduction',
    });
    expect(page.count(/>source \d<\/a>/)).toBe(3);
    expect(page.html).toContain('<button data-doc="introduction">write</button>');
    expect(page.html).toContain('<button data-doc="summary:ai_abcdef:introduction">write</button>');
    expect(page.html).toMatch(/class="report-para is-text is-writing"[^>]*data-n="1"/);
    expect(page.html).toContain('[To be written by the secretariat]');
  });

  it('draws the agenda as a list with its sub-items', () => {
    const { html } = render(report('en'));
    expect(html).toContain('<span class="report-list-label">(a)</span><span class="report-list-text" dir="auto">Opening of the meeting</span>');
  });
});
