import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { ChairTestMeeting } from '@gavel/shared/speakers/test-support';
import { renderDocx } from './docx';
import { assembleReport } from './report';
import { toRenderedReport } from './rendered';
import type { ReadText } from './text';

const RECOMMENDATIONS: ReadText = {
  blocks: [
    { kind: 'section', label: 'A.', inlines: [{ t: 'text', text: 'Non-punishment' }] },
    {
      kind: 'paragraph',
      id: 'r1',
      status: 'adopted',
      inlines: [{ t: 'text', text: 'States parties should implement the recommendations.' }, { t: 'fn', index: 1 }],
      subparagraphs: [{ label: '(a)', depth: 0, inlines: [{ t: 'text', text: 'first measure' }, { t: 'fn', index: 2 }] }],
    },
  ],
  footnotes: [{ note: 'For the discussion, see the summary of deliberations.' }, { note: 'As measured in {{ref:p_summary01}}.' }],
};
const DISCUSSION: ReadText = {
  blocks: [{ kind: 'paragraph', id: 'p_summary01', status: 'drafting', inlines: [{ t: 'text', text: 'Views differed.' }], subparagraphs: [] }],
  footnotes: [],
};

function report(lang: 'en' | 'ar') {
  const m = new ChairTestMeeting();
  const [norway] = m.register(['state_party', '578'], ['state_party', '818']);
  const item = m.addItem('Non-punishment of victims');
  m.openAndTakeUp(item);
  m.request(item, norway);
  m.next(item);
  m.tick(60_000);
  m.next(item);
  return assembleReport({ state: m.state, lang, texts: { recommendations: RECOMMENDATIONS, [`summary:${item}`]: DISCUSSION } });
}

describe('the report as a Word document', () => {
  it('keeps every numbered paragraph, its subparagraphs, the agenda and the footnote', async () => {
    const assembled = report('en');
    const rendered = toRenderedReport(assembled);
    const numbers = assembled.items.flatMap((i) => (i.kind === 'paragraph' ? [i.label] : []));
    expect(rendered.blocks.flatMap((b) => (b.kind === 'paragraph' && b.number ? [b.number] : []))).toEqual(numbers);
    const buffer = await renderDocx(rendered);
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain('States parties should implement the recommendations.');
    expect(text).toContain('first measure');
    expect(text).toContain('Norway');
    const { value: html } = await mammoth.convertToHtml({ buffer });
    // Real Word footnotes: a reference in the text, the body in the footnotes part.
    expect(html).toMatch(/<sup><a href="#footnote-1"/);
    expect(html).toMatch(/<li id="footnote-1"><p>For the discussion, see the summary of deliberations\./);
    // A footnote in a subparagraph is a Word footnote too, its reference resolved with the report's number.
    const discussion = assembled.items.find((i) => i.kind === 'paragraph' && i.sourceId === 'p_summary01');
    expect(discussion && discussion.kind === 'paragraph' && discussion.n).toBeGreaterThan(2);
    const n = discussion && discussion.kind === 'paragraph' ? discussion.n : 0;
    expect(html).toMatch(new RegExp(`<li id="footnote-2"><p>As measured in paragraph ${n} below\\.`));
    // The markers of the written parts draw nothing.
    expect(assembled.items.some((i) => i.kind === 'written')).toBe(true);
    expect(rendered.blocks.filter((b) => b.kind === 'paragraph' && b.number === null)).toHaveLength(1);
  });

  it('writes the Arabic report right to left with Arabic-Indic paragraph numbers', async () => {
    const rendered = toRenderedReport(report('ar'));
    expect(rendered.dir).toBe('rtl');
    const first = rendered.blocks.find((b) => b.kind === 'paragraph' && b.number);
    expect(first && first.kind === 'paragraph' ? first.number : '').toBe('١-');
    const { value: text } = await mammoth.extractRawText({ buffer: await renderDocx(rendered) });
    expect(text).toContain('النرويج');
  });
});

describe('the PDF export without Chromium', () => {
  it('says how to install it', async () => {
    const { renderPdf, findChromium } = await import('./pdf');
    expect(findChromium('/nonexistent/chromium')).toBeUndefined();
    await expect(renderPdf('<p>x</p>', undefined)).rejects.toThrow(/apt-get install -y chromium/);
  });
});
