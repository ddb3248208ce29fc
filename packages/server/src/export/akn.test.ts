import { describe, expect, it } from 'vitest';
import { ChairTestMeeting } from '@gavel/shared/speakers/test-support';
import { TEST_INFO } from '@gavel/shared/domain/test-support';
import type { Lang } from '@gavel/shared';
import { assembleReport, type Report } from './report';
import { escapeXml, renderAkomaNtoso, type AknMeta } from './akn';
import type { ReadText } from './text';
import { validateAgainstAkn, xpath, xpathTexts } from '../../../../tests/support/xsd';

/** Hostile text in the meeting's details: markup, quotes, and a control character XML 1.0 does not allow. */
const HOSTILE_TITLE = 'Report <script>alert("x")</script> & \'friends\'\u0001 of the working group';

/** A meeting through the ledger: States parties and a signatory, an agenda with sub-items, statements (Norway first). */
function meeting() {
  const m = new ChairTestMeeting({ ...TEST_INFO, title: HOSTILE_TITLE, body: 'Working Group <on> Trafficking & "Persons"' });
  const [norway, egypt] = m.register(['state_party', '578'], ['state_party', '818'], ['signatory', '076']);
  const organizational = m.addItem('Organizational matters');
  m.addItem('Opening of the meeting', { parentId: organizational });
  m.addItem('Adoption of the agenda', { parentId: organizational });
  // Commands refuse control characters (shared core/schema.ts): the one here comes in by the meeting's details.
  const item = m.addItem('Non-punishment <of> victims & "others"');
  m.openAndTakeUp(item);
  for (const who of [norway, egypt]) m.request(item, who);
  while (m.queueNames(item).length > 0 || m.floorEntry()) {
    m.next(item);
    m.tick(60_000);
  }
  return m;
}

const INTRO: ReadText = {
  blocks: [
    {
      kind: 'paragraph',
      id: 'i1',
      status: 'drafting',
      inlines: [{ t: 'text', text: 'The working group was established.' }, { t: 'fn', index: 1 }],
      subparagraphs: [],
    },
    { kind: 'paragraph', id: 'i2', status: 'drafting', inlines: [{ t: 'text', text: 'It met once before.' }], subparagraphs: [] },
  ],
  footnotes: [{ note: 'Decision 4/4.' }],
};

const RECOMMENDATIONS: ReadText = {
  blocks: [
    { kind: 'section', label: 'A.', inlines: [{ t: 'text', text: 'Non-punishment' }] },
    { kind: 'subsection', label: '1.', inlines: [{ t: 'text', text: 'Implementation' }] },
    {
      kind: 'paragraph',
      id: 'r1',
      status: 'adopted',
      inlines: [{ t: 'text', text: 'States parties <script>alert(1)</script> should act:' }, { t: 'fn', index: 1 }, { t: 'fn', index: 2 }],
      subparagraphs: [
        { label: '(a)', depth: 0, inlines: [{ t: 'text', text: 'Protect victims & witnesses;' }] },
        { label: '(i)', depth: 1, inlines: [{ t: 'text', text: 'in court;' }] },
        { label: '(b)', depth: 0, inlines: [{ t: 'text', text: 'Train "front-line" officers.' }] },
      ],
    },
    { kind: 'paragraph', id: 'r2', status: 'no_consensus', inlines: [{ t: 'text', text: 'Second.' }], subparagraphs: [] },
  ],
  footnotes: [{ note: 'CTOC/COP/WG.4/2009/2, para. 5.' }, { note: 'See paragraph 109 below & [x] <b>\u0002' }],
};

const EMPTY: ReadText = { blocks: [{ kind: 'paragraph', id: 'p-empty', status: 'drafting', inlines: [], subparagraphs: [] }], footnotes: [] };

function build(lang: Lang, introduction: ReadText = INTRO): Report {
  return assembleReport({ state: meeting().state, lang, texts: { introduction, recommendations: RECOMMENDATIONS } });
}

const META: AknMeta = { date: '2010-01-29', originalLanguage: 'en', generated: '2010-01-29T18:00:00Z' };

type Paragraph = Extract<Report['items'][number], { kind: 'paragraph' }>;
const numbered = (r: Report): Paragraph[] => r.items.flatMap((i) => (i.kind === 'paragraph' ? [i] : []));
const plain = (p: Paragraph) => p.inlines.map((i) => (i.t === 'text' ? i.text : '')).join('');

async function expectValid(xml: string): Promise<void> {
  const result = await validateAgainstAkn(xml);
  expect(result.errors).toBe('');
  expect(result.ok).toBe(true);
}

describe('renderAkomaNtoso', () => {
  it('in English: valid against the OASIS schema, one paragraph per numbered paragraph, in chapters and sections', async () => {
    const report = build('en');
    const xml = renderAkomaNtoso(report, META);
    await expectValid(xml);

    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<akomaNtoso xmlns="http:\/\/docs\.oasis-open\.org\/legaldocml\/ns\/akn\/3\.0">\n  <doc name="report">/);
    const ps = numbered(report);
    expect(await xpath(xml, 'count(//paragraph)')).toBe(String(ps.length));
    expect(await xpathTexts(xml, '//paragraph/num/text()')).toEqual(ps.map((p) => p.label));
    expect(await xpath(xml, 'string(/akomaNtoso/doc/preface/@xml:lang)')).toBe('en');
    expect(await xpath(xml, 'string(/akomaNtoso/doc/mainBody/@xml:lang)')).toBe('en');
    expect(await xpath(xml, 'string(//FRBRExpression/FRBRlanguage/@language)')).toBe('eng');
    expect(await xpath(xml, 'string(//FRBRWork/FRBRuri/@value)')).toBe('/akn/un/doc/report/2010-01-29/ctoc-cop-wg-4-2010-6');
    expect(await xpath(xml, 'string(//FRBRExpression/FRBRuri/@value)')).toBe('/akn/un/doc/report/2010-01-29/ctoc-cop-wg-4-2010-6/eng@');
    expect(await xpath(xml, 'count(//FRBRtranslation)')).toBe('0');

    // The masthead.
    expect(await xpath(xml, 'string(//preface//docNumber)')).toBe('CTOC/COP/WG.4/2010/6');
    expect(await xpath(xml, 'string(//preface//docDate/@date)')).toBe('2010-01-29');
    expect(await xpath(xml, 'string(//preface//docDate)')).toBe(report.masthead.date);
    expect(await xpath(xml, 'string(//preface//docStatus)')).toBe('Distr.: General');
    expect(await xpath(xml, 'string(//preface//p[@class="originalLanguage"])')).toBe('Original: English');

    // Chapters I–V with their labels and headings; sections and subsections inside.
    expect(await xpathTexts(xml, '/akomaNtoso/doc/mainBody/chapter/num/text()')).toEqual(['I.', 'II.', 'III.', 'IV.', 'V.']);
    expect(await xpath(xml, 'string(//chapter[@eId="chp_1"]/heading)')).toBe('Introduction');
    expect(await xpath(xml, 'string(//chapter[@eId="chp_2"]/section[@eId="chp_2__sec_A"]/subsection[@eId="chp_2__sec_A__subsec_1"]/heading)')).toBe(
      'Implementation',
    );
    expect(await xpath(xml, 'string(//paragraph[num="3."]/@eId)')).toBe('chp_2__sec_A__subsec_1__para_3');
    expect(await xpath(xml, 'string(//paragraph[num="1."]/@eId)')).toBe('chp_1__para_1');

    // Generated paragraphs and adoption marks are recognizable.
    expect(await xpath(xml, 'count(//paragraph[contains(concat(" ", @class, " "), " generated ")])')).toBe(String(ps.filter((p) => p.generated).length));
    expect(await xpath(xml, 'string(//paragraph[num="3."]/@class)')).toBe('written adopted');
    expect(await xpath(xml, 'string(//paragraph[num="4."]/@class)')).toBe('written notAdopted');
    expect(await xpath(xml, 'string(//paragraph[num="1."]/@class)')).toBe('written');
  });

  it('puts footnotes as authorialNote at their reference point, numbered through the report', async () => {
    const report = build('en');
    const xml = renderAkomaNtoso(report, META);
    expect(report.footnotes.map((f) => f.n)).toEqual([1, 2, 3]);
    // Footnote 1 in paragraph 1, right after its sentence.
    expect(await xpath(xml, 'count(//paragraph[num="1."]/content/p/authorialNote)')).toBe('1');
    expect(await xpath(xml, 'string(//paragraph[num="1."]/content/p/authorialNote/@marker)')).toBe('1');
    expect(await xpath(xml, 'string(//paragraph[num="1."]/content/p/authorialNote/@placement)')).toBe('bottom');
    expect(await xpath(xml, 'string(//paragraph[num="1."]/content/p/authorialNote/p)')).toBe('Decision 4/4.');
    expect(await xpath(xml, 'string(//paragraph[num="1."]/content/p/authorialNote/preceding-sibling::text())')).toBe('The working group was established.');
    // Footnotes 2 and 3 in paragraph 3 (the recommendation), in its introductory text.
    expect(await xpathTexts(xml, '//paragraph[num="3."]/list/intro/p/authorialNote/@marker')).toEqual([' marker="2"', ' marker="3"']);
    expect(await xpath(xml, 'string(//authorialNote[@marker="3"]/p)')).toBe('See paragraph 109 below & [x] <b>');
    expect(await xpath(xml, 'string(//authorialNote[@marker="3"]/@eId)')).toBe('fnt_3');
    expect(await xpath(xml, 'count(//authorialNote)')).toBe('3');
    expect(xml).not.toContain('<b>');
  });

  it('takes footnotes in headings and points, and line breaks as eol', async () => {
    const recommendations: ReadText = {
      blocks: [
        { kind: 'section', label: 'A.', inlines: [{ t: 'text', text: 'Non-punishment' }, { t: 'fn', index: 1 }] },
        {
          kind: 'paragraph',
          id: 'r1',
          status: 'adopted',
          inlines: [{ t: 'text', text: 'First line\nsecond line:' }],
          subparagraphs: [{ label: '(a)', depth: 0, inlines: [{ t: 'text', text: 'Act.' }, { t: 'fn', index: 2 }] }],
        },
      ],
      footnotes: [{ note: 'On the heading.' }, { note: 'On the point.' }],
    };
    const report = assembleReport({ state: meeting().state, lang: 'en', texts: { introduction: INTRO, recommendations } });
    const xml = renderAkomaNtoso(report, META);
    await expectValid(xml);
    expect(await xpath(xml, 'string(//section[@eId="chp_2__sec_A"]/heading/authorialNote/p)')).toBe('On the heading.');
    expect(await xpath(xml, 'string(//section[@eId="chp_2__sec_A"]/heading/authorialNote/@marker)')).toBe('2');
    expect(await xpath(xml, 'string(//paragraph[num="3."]/list/point/content/p/authorialNote/p)')).toBe('On the point.');
    expect(await xpath(xml, 'count(//paragraph[num="3."]/list/intro/p/eol)')).toBe('1');
    expect(xml).toContain('<intro><p>First line<eol/>second line:</p></intro>');
  });

  it('draws subparagraphs as a list of points, nested by depth', async () => {
    const xml = renderAkomaNtoso(build('en'), META);
    const para = '//paragraph[num="3."]';
    expect(await xpath(xml, `string(${para}/list/intro/p/text()[1])`)).toBe('States parties <script>alert(1)</script> should act:');
    expect(await xpathTexts(xml, `${para}/list/point/num/text()`)).toEqual(['(a)', '(b)']);
    expect(await xpath(xml, `string(${para}/list/point[1]/list/intro/p)`)).toBe('Protect victims & witnesses;');
    expect(await xpath(xml, `string(${para}/list/point[1]/list/point/num)`)).toBe('(i)');
    expect(await xpath(xml, `string(${para}/list/point[1]/list/point/content/p)`)).toBe('in court;');
    expect(await xpath(xml, `string(${para}/list/point[2]/content/p)`)).toBe('Train "front-line" officers.');
    expect(await xpath(xml, `string(${para}/list/point[1]/list/point/@eId)`)).toBe('chp_2__sec_A__subsec_1__para_3__list_1__point_a__list_1__point_a');
  });

  it('puts the adopted agenda in the paragraph that announces it, and the attendance in III.C', async () => {
    const report = build('en');
    const xml = renderAkomaNtoso(report, META);
    const agenda = report.items.find((i) => i.kind === 'list');
    if (agenda?.kind !== 'list') throw new Error('the report has no agenda list');
    const announcing = '//paragraph[content/blockList]';
    expect(await xpath(xml, `count(${announcing})`)).toBe('1');
    expect(await xpath(xml, `string(${announcing}/@eId)`)).toMatch(/^chp_3__sec_B__para_\d+$/);
    expect(await xpath(xml, `string(${announcing}/@class)`)).toBe('generated');
    expect(await xpathTexts(xml, `${announcing}/content/blockList/item/num/text()`)).toEqual(agenda.items.map((i) => i.label));
    expect(await xpathTexts(xml, `${announcing}/content/blockList/item[1]/blockList/item/num/text()`)).toEqual(['(a)', '(b)']);
    expect(await xpath(xml, `string(${announcing}/content/blockList/item[1]/blockList/item[1]/p)`)).toBe('Opening of the meeting');
    expect(await xpath(xml, `string(${announcing}/content/blockList/item[2]/p)`)).toBe('Non-punishment <of> victims & "others"');

    const attendance = numbered(report).find((p) => plain(p).includes('States parties were represented'));
    if (!attendance) throw new Error('no attendance paragraph');
    const eId = await xpath(xml, `string(//paragraph[num="${attendance.label}"]/@eId)`);
    expect(eId).toBe(`chp_3__sec_C__para_${attendance.n}`);
    expect(await xpath(xml, `string(//paragraph[@eId="${eId}"]/content/p)`)).toBe(plain(attendance).replace(/\u0007/g, ''));
  });

  it('escapes hostile text and drops characters XML 1.0 does not allow', async () => {
    const report = build('en');
    const xml = renderAkomaNtoso(report, META);
    await expectValid(xml);
    expect(xml).not.toMatch(/<script>|<of>|<on>/);
    expect(xml).not.toMatch(/[\u0001\u0002\u0007]/);
    expect(await xpath(xml, 'string(//docTitle)')).toBe('Report <script>alert("x")</script> & \'friends\' of the working group');
    expect(await xpath(xml, 'string(//docProponent)')).toBe('Working Group <on> Trafficking & "Persons"');
    expect(await xpath(xml, 'string(//TLCOrganization[@eId="body"]/@showAs)')).toBe('Working Group <on> Trafficking & "Persons"');
    expect(await xpath(xml, 'string(//TLCOrganization[@eId="body"]/@href)')).toBe('/akn/ontology/organization/un/working-group-on-trafficking-persons');

    expect(escapeXml('a<b>&"c\'\u0000\u0008\u000B\u001F\u007F\u0085\uFFFE\uD800z\t\n')).toBe('a&lt;b&gt;&amp;&quot;c&apos;z\t\n');
    expect(escapeXml('😀 مرحبا 中文')).toBe('😀 مرحبا 中文');
  });

  it('keeps an empty written part as a placeholder container, and draws nothing for a written slot', async () => {
    const report = build('en', EMPTY);
    const xml = renderAkomaNtoso({ ...report, items: [...report.items, { kind: 'written', doc: 'summary-x', count: 0 }] }, META);
    await expectValid(xml);
    expect(await xpath(xml, 'count(//hcontainer[@name="placeholder"])')).toBe(String(report.items.filter((i) => i.kind === 'placeholder').length));
    expect(await xpath(xml, 'string(//chapter[@eId="chp_1"]/hcontainer[@name="placeholder"]/content/p)')).toBe('[To be written by the secretariat]');
    expect(await xpath(xml, 'count(//paragraph)')).toBe(String(numbered(report).length));
  });

  it('in Arabic: valid, paragraph numbers and footnote markers in Arabic-Indic digits, a translation from English', async () => {
    const report = build('ar');
    const xml = renderAkomaNtoso(report, META);
    await expectValid(xml);
    const nums = await xpathTexts(xml, '//paragraph/num/text()');
    expect(nums).toHaveLength(numbered(report).length);
    expect(nums.slice(0, 3)).toEqual(['١-', '٢-', '٣-']);
    for (const n of nums) expect(n).toMatch(/^[٠-٩]+-$/);
    expect(await xpathTexts(xml, '/akomaNtoso/doc/mainBody/chapter/num/text()')).toEqual(['أولا-', 'ثانيا-', 'ثالثا-', 'رابعا-', 'خامسا-']);
    expect(await xpath(xml, 'string(//paragraph[num="١-"]/content/p/authorialNote/@marker)')).toBe('١');
    expect(await xpath(xml, 'string(//paragraph[num="٣-"]/list/intro/p/authorialNote[2]/@marker)')).toBe('٣');
    // eIds do not depend on the language: the same paragraph has the same eId in every version.
    expect(await xpath(xml, 'string(//paragraph[num="٣-"]/@eId)')).toBe('chp_2__sec_A__subsec_1__para_3');
    expect(await xpath(xml, 'string(/akomaNtoso/doc/preface/@xml:lang)')).toBe('ar');
    expect(await xpath(xml, 'string(/akomaNtoso/doc/mainBody/@xml:lang)')).toBe('ar');
    expect(await xpath(xml, 'string(//FRBRExpression/FRBRlanguage/@language)')).toBe('ara');
    expect(await xpath(xml, 'string(//FRBRExpression/FRBRuri/@value)')).toBe('/akn/un/doc/report/2010-01-29/ctoc-cop-wg-4-2010-6/ara@');
    expect(await xpath(xml, 'string(//FRBRtranslation/@fromLanguage)')).toBe('eng');
    expect(await xpath(xml, 'string(//FRBRtranslation/@href)')).toBe('/akn/un/doc/report/2010-01-29/ctoc-cop-wg-4-2010-6/eng@');
    expect(await xpath(xml, 'string(//preface//p[@class="language"])')).toBe('Arabic');
    expect(await xpath(xml, 'string(//preface//p[@class="originalLanguage"])')).toBe('Original: English');
    expect(await xpath(xml, 'string(//TLCOrganization[@eId="secretariat"]/@showAs)')).toBe('الأمانة');
    // Logical order, no bidi controls; the symbol stays in Latin script.
    expect(xml).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    expect(await xpath(xml, 'string(//docNumber)')).toBe('CTOC/COP/WG.4/2010/6');
  });

  it('in Chinese: valid, with its language', async () => {
    const report = build('zh');
    const xml = renderAkomaNtoso(report, { ...META, generated: '2010-02-01' });
    await expectValid(xml);
    expect(await xpath(xml, 'count(//paragraph)')).toBe(String(numbered(report).length));
    expect(await xpath(xml, 'string(/akomaNtoso/doc/mainBody/@xml:lang)')).toBe('zh');
    expect(await xpath(xml, 'string(//FRBRExpression/FRBRlanguage/@language)')).toBe('zho');
    expect(await xpath(xml, 'string(//FRBRManifestation/FRBRdate/@date)')).toBe('2010-02-01');
  });

  it('names the work after the fallback number when the report has no symbol yet', async () => {
    const report = build('fr');
    const xml = renderAkomaNtoso({ ...report, masthead: { ...report.masthead, symbol: '' } }, { ...META, fallbackNumber: 'm_test000000' });
    await expectValid(xml);
    expect(await xpath(xml, 'string(//FRBRWork/FRBRuri/@value)')).toBe('/akn/un/doc/report/2010-01-29/m-test000000');
    expect(await xpath(xml, 'count(//docNumber)')).toBe('0');
  });

  it('refuses metadata dates that are not ISO dates', () => {
    const report = build('en');
    expect(() => renderAkomaNtoso(report, { ...META, date: '29 January 2010' })).toThrow(/YYYY-MM-DD/);
    expect(() => renderAkomaNtoso(report, { ...META, generated: 'now' })).toThrow(/ISO/);
  });
});

describe('validateAgainstAkn', () => {
  it('is a real validator: a document without a required element, or with an unknown one, fails', async () => {
    const xml = renderAkomaNtoso(build('en'), META);
    await expectValid(xml);

    const noCountry = xml.replace(/\s*<FRBRcountry value="un"\/>/, '');
    expect(noCountry).not.toBe(xml);
    const missing = await validateAgainstAkn(noCountry);
    expect(missing.ok).toBe(false);
    expect(missing.errors).toMatch(/FRBRcountry/);

    const stray = xml.replace('<num>1.</num>', '<num>1.</num><script>alert(1)</script>');
    const unknown = await validateAgainstAkn(stray);
    expect(unknown.ok).toBe(false);
    expect(unknown.errors).toMatch(/script/);

    const duplicate = xml.replace('eId="chp_2"', 'eId="chp_1"');
    expect((await validateAgainstAkn(duplicate)).ok).toBe(false);

    const broken = await validateAgainstAkn(xml.replace('</mainBody>', ''));
    expect(broken.ok).toBe(false);
    expect(broken.errors).not.toBe('');
  });

  it('throws, saying how to install xmllint, when it is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let pending: Promise<unknown>;
    try {
      pending = validateAgainstAkn('<x/>');
    } finally {
      process.env.PATH = path;
    }
    await expect(pending).rejects.toThrow(/libxml2-utils.*gavel\.sh test/);
  });
});
