/**
 * DOCX renderer: turns a {@link RenderedReport} into a .docx file (A4) with
 * real Word footnotes, heading styles (Heading 1/2/3 for chapters, sections,
 * subsections), paragraph numbers as the model gives them ("1." / "١-", with a
 * hanging indent, not Word auto-numbering), right-to-left paragraphs and runs
 * in Arabic (w:bidi, w:rtl) and a font that covers the language.
 *
 * Arabic footnote numbers: Word writes them in Arabic-Indic digits from the
 * section's numFmt "hindiNumbers", which LibreOffice (7.4) does not map and
 * shows as 1, 2, 3. So each Arabic marker is also given as a custom mark
 * (w:customMarkFollows, its label "١" in the run), which both show as it is;
 * the note's own number (w:footnoteRef) is still Word's, in hindiNumbers,
 * and LibreOffice draws it with the marker's label.
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  NumberFormat,
  Packer,
  Paragraph,
  Tab,
  TextRun,
  XmlAttributeComponent,
  XmlComponent,
  type IRunOptions,
} from 'docx';
import { isFootnoteRun, type RenderedReport, type ReportBlock, type ReportLang, type Run } from './document';

/** A4 in twentieths of a point. */
const A4 = { width: 11906, height: 16838 } as const;
/** 1 cm in twips. */
const CM = 567;

export interface ReportFonts {
  /** Latin script (w:ascii, w:hAnsi): also document symbols inside Arabic or Chinese text. */
  latin: string;
  /** Complex script (w:cs): Arabic. */
  complex: string;
  /** East Asian (w:eastAsia): Chinese. */
  eastAsia: string;
}

/**
 * The fonts for a language. Arabic text is complex script and takes
 * "Simplified Arabic" (the UN's Arabic document font; Word and LibreOffice
 * substitute another Arabic font where it is missing), with Latin characters
 * (document symbols, sales numbers) falling back to "Times New Roman";
 * Chinese takes "SimSun" for Han characters; the others "Times New Roman".
 */
export function fontsFor(lang: ReportLang): ReportFonts {
  switch (lang) {
    case 'ar':
      return { latin: 'Times New Roman', complex: 'Simplified Arabic', eastAsia: 'SimSun' };
    case 'zh':
      return { latin: 'Times New Roman', complex: 'Times New Roman', eastAsia: 'SimSun' };
    default:
      return { latin: 'Times New Roman', complex: 'Times New Roman', eastAsia: 'SimSun' };
  }
}

const LANG_TAG: Record<ReportLang, string> = {
  ar: 'ar-SA',
  zh: 'zh-CN',
  en: 'en-GB',
  fr: 'fr-FR',
  ru: 'ru-RU',
  es: 'es-ES',
};

/** Text with no Arabic letter or Arabic-Indic digit (Arabic, Arabic Supplement, presentation forms). */
const LATIN_ONLY = /^[^\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]*$/;

class CustomMarkAttributes extends XmlAttributeComponent<{ customMarkFollows: boolean; id: number }> {
  protected override readonly xmlKeys = { customMarkFollows: 'w:customMarkFollows', id: 'w:id' };
}

/** `<w:footnoteReference w:customMarkFollows="true" w:id="…"/>`: the footnote's mark is the text that follows in the run. */
class CustomMarkReference extends XmlComponent {
  constructor(id: number) {
    super('w:footnoteReference');
    this.root.push(new CustomMarkAttributes({ customMarkFollows: true, id }));
  }
}

/** Renders the report as a .docx file. */
export async function renderDocx(report: RenderedReport): Promise<Buffer> {
  const rtl = report.dir === 'rtl';
  const fonts = fontsFor(report.lang);
  const font = { ascii: fonts.latin, hAnsi: fonts.latin, cs: fonts.complex, eastAsia: fonts.eastAsia };
  const language =
    report.lang === 'ar'
      ? { value: 'en-GB', bidirectional: LANG_TAG.ar }
      : report.lang === 'zh'
        ? { value: 'en-GB', eastAsia: LANG_TAG.zh }
        : { value: LANG_TAG[report.lang] };
  // Size in half-points: 10 pt body (Arabic is set larger, 14 pt, as in UN Arabic documents).
  const size = rtl ? 28 : 20;

  /**
   * Right-to-left runs (w:rtl) in a right-to-left report, except runs with no
   * Arabic character at all (document symbols such as CTOC/COP/WG.4/2010/6):
   * Word would set those in the complex-script font and order them as Arabic.
   */
  const rtlRun = (text: string): true | undefined => (rtl && !LATIN_ONLY.test(text)) || undefined;
  /** A run of text with the report's font, direction and language. */
  const run = (text: string, opts: Partial<IRunOptions> = {}): TextRun =>
    new TextRun({ text, font, rightToLeft: rtlRun(text), language, size, sizeComplexScript: size, ...opts });
  /** A label ("1.", "١-", "II.", "(a)") followed by a real tab (w:tab) to the hanging indent. */
  const labelRun = (label: string, opts: Partial<IRunOptions> = {}): TextRun =>
    new TextRun({
      children: [label, new Tab()],
      font,
      rightToLeft: rtlRun(label),
      language,
      size,
      sizeComplexScript: size,
      ...opts,
    });

  const para = (opts: ConstructorParameters<typeof Paragraph>[0] & object): Paragraph =>
    new Paragraph({ bidirectional: rtl || undefined, ...opts });

  const footnotes: Record<string, { children: Paragraph[] }> = {};
  let nextFootnote = 1;

  const children: Paragraph[] = [];

  // Masthead: symbol, distribution, date, original language at the end side;
  // then the body and session, then the title.
  const m = report.masthead;
  for (const line of [m.symbol, m.distribution, m.date, m.language, m.originalLanguage].filter(Boolean)) {
    children.push(para({ alignment: AlignmentType.END, children: [run(line)] }));
  }
  m.body.split('\n').forEach((line, i) => {
    children.push(para({ spacing: { before: i === 0 ? 480 : 0 }, children: [run(line, { bold: true })] }));
  });
  children.push(
    para({
      spacing: { before: 240, after: 480 },
      children: [run(m.title, { bold: true, size: size + 8, sizeComplexScript: size + 8 })],
    }),
  );

  const headingLevel = {
    1: HeadingLevel.HEADING_1,
    2: HeadingLevel.HEADING_2,
    3: HeadingLevel.HEADING_3,
  } as const;

  const styled: Partial<IRunOptions> = { size: undefined, sizeComplexScript: undefined };

  /** Runs of text and footnotes: each footnote a real Word footnote, numbered by Word in the order they come. */
  const inline = (runs: readonly Run[], opts: Partial<IRunOptions> = {}): (TextRun | FootnoteReferenceRun)[] =>
    runs.map((r) => {
      if (!isFootnoteRun(r)) {
        return run(r.text, { ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italics: true, italicsComplexScript: true } : {}), ...opts });
      }
      const id = nextFootnote++;
      footnotes[String(id)] = {
        children: [para({ children: [run(r.text, { size: size - 2, sizeComplexScript: size - 2 })] })],
      };
      if (!rtl) return new FootnoteReferenceRun(id);
      return new TextRun({ style: 'FootnoteReference', children: [new CustomMarkReference(id), r.footnote], rightToLeft: true, font, language });
    });

  const renderBlock = (block: ReportBlock): void => {
    switch (block.kind) {
      case 'heading': {
        children.push(
          para({
            heading: headingLevel[block.level],
            indent: { start: CM * 2, hanging: CM },
            keepNext: true,
            // Size and weight come from the heading style.
            children: [...(block.label ? [labelRun(block.label, styled)] : []), ...inline(block.runs ?? [{ text: block.text }], styled)],
          }),
        );
        return;
      }
      case 'paragraph': {
        const runs: (TextRun | FootnoteReferenceRun)[] = [];
        if (block.number !== null) runs.push(labelRun(block.number));
        runs.push(...inline(block.runs));
        children.push(
          para({
            alignment: AlignmentType.BOTH,
            spacing: { after: 120 },
            indent: block.number !== null ? { start: CM * 2, hanging: CM } : { start: CM * 2 },
            children: runs,
          }),
        );
        return;
      }
      case 'list': {
        for (const item of block.items) {
          children.push(
            para({
              alignment: AlignmentType.BOTH,
              spacing: { after: 60 },
              indent: { start: CM * (3 + (item.depth ?? 0)), hanging: CM },
              children: [...(item.label ? [labelRun(item.label)] : []), ...inline(item.runs ?? [{ text: item.text }])],
            }),
          );
        }
        return;
      }
    }
  };
  for (const block of report.blocks) renderBlock(block);

  // Outline levels 0-2 so Word's navigation pane and table of contents see chapters, sections, subsections.
  const headingStyle = (pt: number, outlineLevel: number) => ({
    run: { font, bold: true, size: pt * 2, sizeComplexScript: pt * 2, color: '000000' },
    paragraph: { spacing: { before: 240, after: 120 }, keepNext: true, outlineLevel },
  });

  const doc = new Document({
    title: m.title,
    styles: {
      default: {
        document: { run: { font, size, sizeComplexScript: size, language } },
        heading1: headingStyle(rtl ? 16 : 14, 0),
        heading2: headingStyle(rtl ? 15 : 12, 1),
        heading3: headingStyle(rtl ? 14 : 10, 2),
      },
    },
    footnotes,
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: 1701, bottom: 1701, left: 1134, right: 1134 },
          },
          // Arabic footnote numbers in Arabic-Indic digits (١، ٢، ٣).
          ...(rtl ? { footnoteProperties: { numberFormat: { type: NumberFormat.HINDI_NUMBERS } } } : {}),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
