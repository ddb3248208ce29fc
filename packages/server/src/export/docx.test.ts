import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import type { RenderedReport } from './document';
import { renderDocx } from './docx';
import { unzip } from '../../../../tests/support/zip';

/** Reads every entry of a zip file through its central directory (jszip is not resolvable from here). */

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

interface Para {
  xml: string;
  pPr: string;
  /** Text of the paragraph, w:tab as "\t". */
  text: string;
  style: string | null;
}

/** The top-level paragraphs of a part, in order. */
function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/gs)].map((m) => {
    const inner = m[1] ?? m[2] ?? '';
    const pPr = /^<w:pPr>(.*?)<\/w:pPr>/s.exec(inner)?.[1] ?? '';
    const text = [...inner.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
      .map((t) => (t[0] === '<w:tab/>' ? '\t' : decode(t[1] ?? '')))
      .join('');
    return { xml: inner, pPr, text, style: /<w:pStyle w:val="([^"]+)"\/>/.exec(pPr)?.[1] ?? null };
  });
}

/** Index of each expected text (a prefix of a paragraph), asserting they come in order. */
function expectInOrder(paras: Para[], prefixes: string[]): number[] {
  let from = 0;
  return prefixes.map((prefix) => {
    const i = paras.findIndex((p, k) => k >= from && p.text.startsWith(prefix));
    expect(i, `paragraph starting with ${JSON.stringify(prefix)} after #${from}`).toBeGreaterThanOrEqual(0);
    from = i + 1;
    return i;
  });
}

async function open(report: RenderedReport) {
  const buf = await renderDocx(report);
  expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
  const files = unzip(buf);
  const part = (name: string) => {
    const b = files.get(name);
    expect(b, name).toBeDefined();
    return b!.toString('utf8');
  };
  return { files, document: part('word/document.xml'), footnotes: part('word/footnotes.xml'), styles: part('word/styles.xml') };
}

// Text from CTOC/COP/WG.4/2010/6 (English edition), shortened.
const english: RenderedReport = {
  lang: 'en',
  dir: 'ltr',
  masthead: {
    symbol: 'CTOC/COP/WG.4/2010/6',
    distribution: 'General',
    date: '17 February 2010',
    language: '',
    originalLanguage: 'Original: English',
    title: 'Report on the meeting of the Working Group on Trafficking in Persons held in Vienna from 27 to 29 January 2010',
    body: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime\nWorking Group on Trafficking in Persons',
  },
  blocks: [
    { kind: 'heading', level: 1, label: 'I.', text: 'Introduction' },
    {
      kind: 'paragraph',
      number: '1.',
      runs: [
        { text: 'In its decision 4/4, the Conference of the Parties decided to establish an open-ended interim working group.' },
        { footnote: '1', text: 'See CTOC/COP/WG.4/2009/2.' },
      ],
    },
    { kind: 'heading', level: 1, label: 'II.', text: 'Recommendations of the working group' },
    { kind: 'heading', level: 2, label: 'D.', text: 'Non-punishment and non-prosecution of victims' },
    { kind: 'heading', level: 3, label: '1.', text: 'Implementation' },
    {
      kind: 'paragraph',
      number: '50.',
      runs: [
        { text: 'States parties should ' },
        { text: 'implement', italic: true },
        { text: ' the recommendations of the working group at its first meeting.' },
        { footnote: '2', text: 'CTOC/COP/WG.4/2009/2, para. 12.' },
        { footnote: '3', text: 'For the discussion of the working group on this recommendation, see paragraph 109 below.' },
      ],
    },
    { kind: 'heading', level: 1, label: 'III.', text: 'Organization of the meeting' },
    { kind: 'paragraph', number: '67.', runs: [{ text: 'The working group adopted the following agenda:' }] },
    {
      kind: 'list',
      items: [
        { label: '1.', text: 'Organizational matters:' },
        { label: '(a)', text: 'Opening of the meeting;', depth: 1 },
        { label: '(b)', text: 'Adoption of the agenda and organization of work.', depth: 1 },
        { label: '2.', text: 'Implementation of the Protocol.' },
      ],
    },
    { kind: 'paragraph', number: null, runs: [{ text: 'An unnumbered paragraph & <text>.', bold: true }] },
  ],
};

// Text from the Arabic edition of the same report, shortened.
const arabic: RenderedReport = {
  lang: 'ar',
  dir: 'rtl',
  masthead: {
    symbol: 'CTOC/COP/WG.4/2010/6',
    distribution: 'Distr.: General',
    date: '17 February 2010',
    language: 'Arabic',
    originalLanguage: 'Original: English',
    title: 'تقرير عن اجتماع الفريق العامل المعني بالاتجار بالأشخاص المعقود في فيينا من ٢٧ إلى ٢٩ كانون الثاني/يناير ٢٠١٠',
    body: 'مؤتمر الأطراف في اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية',
  },
  blocks: [
    { kind: 'heading', level: 1, label: 'أولا-', text: 'مقدمة' },
    {
      kind: 'paragraph',
      number: '١-',
      runs: [
        { text: 'قرّر مؤتمر الأطراف، في مقرّره ٤/٤، أن ينشئ فريقا عاملا مؤقتا مفتوح العضوية.' },
        { footnote: '١', text: 'انظر CTOC/COP/WG.4/2009/2.' },
      ],
    },
    { kind: 'heading', level: 1, label: 'ثانيا-', text: 'توصيات الفريق العامل' },
    { kind: 'heading', level: 2, label: 'دال-', text: 'عدم معاقبة الضحايا وعدم ملاحقتهم قضائيا' },
    { kind: 'heading', level: 3, label: '١-', text: 'التنفيذ' },
    {
      kind: 'paragraph',
      number: '٥٠-',
      runs: [
        { text: 'ينبغي للدول الأطراف أن تنفّذ توصيات الفريق العامل في اجتماعه الأول.' },
        { footnote: '٢', text: 'للاطلاع على مناقشة الفريق العامل بشأن هذه التوصية، انظر الفقرة ١٠٩ أدناه.' },
      ],
    },
    {
      kind: 'list',
      items: [
        { label: '(أ)', text: 'افتتاح الاجتماع؛' },
        { label: '(ب)', text: 'إقرار جدول الأعمال وتنظيم الأعمال.' },
      ],
    },
  ],
};

describe('renderDocx, English', () => {
  it('writes the masthead, headings and numbered paragraphs in order', async () => {
    const { document } = await open(english);
    const paras = paragraphs(document);
    const [symbol, , , , i1, p1, i2, d, d1, p50, i3, p67, a1, aa, ab, a2, plain] = expectInOrder(paras, [
      'CTOC/COP/WG.4/2010/6',
      'General',
      '17 February 2010',
      'Original: English',
      'I.\tIntroduction',
      '1.\tIn its decision 4/4',
      'II.\tRecommendations',
      'D.\tNon-punishment',
      '1.\tImplementation',
      '50.\tStates parties should implement the recommendations',
      'III.\tOrganization',
      '67.\tThe working group adopted',
      '1.\tOrganizational matters:',
      '(a)\tOpening',
      '(b)\tAdoption',
      '2.\tImplementation of the Protocol.',
      'An unnumbered paragraph & <text>.',
    ]);
    expect(symbol).toBe(0);
    // The body's lines, then the title, before the first chapter.
    const [b1, b2, title] = expectInOrder(paras, ['Conference of the Parties', 'Working Group on Trafficking', 'Report on the meeting']);
    expect(b2).toBe(b1 + 1);
    expect(title).toBeLessThan(i1);
    // Sub-items are indented further than items.
    const start = (i: number) => Number(/w:start="(\d+)"/.exec(paras[i].pPr)?.[1]);
    expect(start(aa)).toBeGreaterThan(start(a1));
    expect(start(ab)).toBe(start(aa));
    expect([i1, i2, i3].map((i) => paras[i].style)).toEqual(['Heading1', 'Heading1', 'Heading1']);
    expect(paras[d].style).toBe('Heading2');
    expect(paras[d1].style).toBe('Heading3');
    for (const i of [p1, p50, p67, a1, aa, ab, a2, plain]) expect(paras[i].style).toBeNull();
    // The number is a label at a hanging indent, not Word auto-numbering.
    expect(paras[p50].pPr).toContain('w:hanging=');
    expect(document).not.toContain('<w:numPr>');
    // Italic run, bold run.
    expect(paras[p50].xml).toMatch(/<w:i\/>.*?<w:t xml:space="preserve">implement<\/w:t>/s);
    expect(paras[plain].xml).toContain('<w:b/>');
    // Headings take their size and weight from the style, which is bold.
    expect(paras[i2].xml).not.toContain('<w:sz ');
    expect(paras[p1].xml).toContain('<w:sz w:val="20"/>');
    // Left-to-right: no bidi anywhere.
    expect(document).not.toContain('<w:bidi/>');
    expect(document).not.toContain('<w:rtl/>');
  });

  it('makes real footnotes, referenced where they stand in the text', async () => {
    const { document, footnotes } = await open(english);
    const paras = paragraphs(document);
    const p1 = paras.find((p) => p.text.startsWith('1.\tIn its decision'))!;
    const p50 = paras.find((p) => p.text.startsWith('50.'))!;
    expect([...p1.xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1])).toEqual(['1']);
    expect([...p50.xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1])).toEqual(['2', '3']);
    // The reference comes after the sentence's full stop.
    expect(p50.xml.indexOf('first meeting.')).toBeLessThan(p50.xml.indexOf('<w:footnoteReference'));
    // Footnote bodies in word/footnotes.xml, each with its footnoteRef mark.
    const notes = new Map(
      [...footnotes.matchAll(/<w:footnote w:id="(\d+)">(.*?)<\/w:footnote>/gs)].map((m) => [m[1], paragraphs(m[2])]),
    );
    expect(notes.get('1')?.[0].text).toBe('See CTOC/COP/WG.4/2009/2.');
    expect(notes.get('2')?.[0].text).toBe('CTOC/COP/WG.4/2009/2, para. 12.');
    expect(notes.get('3')?.[0].text).toBe(
      'For the discussion of the working group on this recommendation, see paragraph 109 below.',
    );
    for (const id of ['1', '2', '3']) expect(notes.get(id)?.[0].xml).toContain('<w:footnoteRef/>');
  });

  it('sets Times New Roman and an A4 page', async () => {
    const { document, styles } = await open(english);
    expect(document).toContain('<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman"');
    expect(styles).toMatch(/<w:docDefaults>.*w:ascii="Times New Roman".*<\/w:docDefaults>/s);
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(document).toMatch(/<w:lang w:val="en-GB"\/>/);
    // The heading styles are defined in styles.xml.
    ['Heading1', 'Heading2', 'Heading3'].forEach((id, level) => {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}">(.*?)</w:style>`, 's').exec(styles)?.[1] ?? '';
      expect(style, id).toContain(`<w:name w:val="Heading ${level + 1}"/>`);
      expect(style, id).toContain(`<w:outlineLvl w:val="${level}"/>`);
      expect(style, id).toContain('<w:b/>');
    });
  });
});

describe('renderDocx, Arabic', () => {
  it('writes right-to-left paragraphs and runs, with the numbers given', async () => {
    const { document } = await open(arabic);
    const paras = paragraphs(document);
    // The masthead's block stays in English in the Arabic version, as the UN prints it.
    const [, , , , , i1, p1, i2, d, d1, p50, la, lb] = expectInOrder(paras, [
      'CTOC/COP/WG.4/2010/6',
      'Distr.: General',
      '17 February 2010',
      'Arabic',
      'Original: English',
      'أولا-\tمقدمة',
      '١-\tقرّر مؤتمر الأطراف، في مقرّره ٤/٤',
      'ثانيا-\tتوصيات',
      'دال-\tعدم معاقبة',
      '١-\tالتنفيذ',
      '٥٠-\tينبغي للدول الأطراف',
      '(أ)\tافتتاح',
      '(ب)\tإقرار',
    ]);
    expect([i1, i2, d, d1].map((i) => paras[i].style)).toEqual(['Heading1', 'Heading1', 'Heading2', 'Heading3']);
    // Every paragraph is bidirectional, every run of Arabic text right-to-left;
    // the document symbol, in Latin script, is a left-to-right run.
    let rtlRuns = 0;
    for (const p of paras) {
      expect(p.pPr, p.text).toContain('<w:bidi/>');
      for (const r of p.xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)) {
        if (!r[1].includes('<w:t')) continue;
        const latin = /^[\x20-\x7e\t]*$/.test(paragraphs(`<w:p>${r[1]}</w:p>`)[0].text);
        if (latin) expect(r[1], p.text).not.toContain('<w:rtl/>');
        else expect(r[1], p.text).toContain('<w:rtl/>');
        if (!latin) rtlRuns++;
      }
    }
    expect(rtlRuns).toBeGreaterThan(15);
    expect(paras[0].xml).not.toContain('<w:rtl/>');
    for (const i of [p1, p50, la, lb]) expect(paras[i].style).toBeNull();
  });

  it('makes real footnotes with the Arabic text and Arabic-Indic footnote numbers', async () => {
    const { document, footnotes } = await open(arabic);
    const p50 = paragraphs(document).find((p) => p.text.startsWith('٥٠-'))!;
    // A custom mark, the label itself after the reference, so that LibreOffice too shows Arabic-Indic digits.
    expect(p50.xml).toMatch(/<w:footnoteReference w:customMarkFollows="true" w:id="2"\/><w:t[^>]*>٢<\/w:t>/);
    const note = /<w:footnote w:id="2">(.*?)<\/w:footnote>/s.exec(footnotes)?.[1] ?? '';
    const [body] = paragraphs(note);
    expect(body.text).toBe('للاطلاع على مناقشة الفريق العامل بشأن هذه التوصية، انظر الفقرة ١٠٩ أدناه.');
    expect(body.pPr).toContain('<w:bidi/>');
    expect(body.xml).toContain('<w:rtl/>');
    expect(footnotes).toContain('انظر CTOC/COP/WG.4/2009/2.');
    expect(document).toContain('<w:footnotePr><w:numFmt w:val="hindiNumbers"/></w:footnotePr>');
  });

  it('sets an Arabic complex-script font with a Latin fallback, and the Arabic language', async () => {
    const { document, styles } = await open(arabic);
    expect(document).toContain('<w:rFonts w:ascii="Times New Roman" w:cs="Simplified Arabic"');
    expect(styles).toMatch(/<w:docDefaults>.*w:cs="Simplified Arabic".*<\/w:docDefaults>/s);
    expect(document).toContain('w:bidi="ar-SA"');
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });
});

describe('renderDocx, read back by another DOCX reader (mammoth)', () => {
  it.each([
    ['English', english, 'Recommendations of the working group', 'see paragraph 109 below'],
    ['Arabic', arabic, 'توصيات الفريق العامل', 'انظر الفقرة ١٠٩ أدناه'],
  ] as const)('%s: headings become h1-h3, footnotes become notes', async (_name, report, heading, note) => {
    const buffer = await renderDocx(report);
    const { value: html, messages } = await mammoth.convertToHtml({ buffer });
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(html).toMatch(new RegExp(`<h1>[^<]*${heading}</h1>`));
    expect(html).toMatch(/<h2>/);
    expect(html).toMatch(/<h3>/);
    // mammoth links each footnote reference to the note it read from footnotes.xml.
    expect(html).toMatch(/<sup><a href="#footnote-\d+" id="footnote-ref-\d+">\[\d+\]<\/a><\/sup>/);
    expect(html).toContain(note);
  });
});

describe('renderDocx, Chinese', () => {
  it('sets SimSun for East Asian text', async () => {
    const { document } = await open({ ...english, lang: 'zh', blocks: [{ kind: 'paragraph', number: '1.', runs: [{ text: '工作组' }] }] });
    expect(document).toContain('w:eastAsia="SimSun"');
    expect(paragraphs(document).some((p) => p.text === '1.\t工作组')).toBe(true);
  });
});
