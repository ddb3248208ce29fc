/**
 * The report of a meeting assembled in one language (issue 6): the
 * masthead, I. Introduction (written), II. Recommendations (the drafted
 * text as it reads now, adopted paragraphs marked), and the generated
 * chapters III–V from the skeleton, with paragraphs numbered continuously
 * through the whole report and footnotes numbered continuously too.
 *
 * `assembleReport` is pure (tested on its own); `buildReport` reads the
 * meeting and its texts. The renderers (html.ts, markdown.ts) only draw
 * what is assembled here.
 */
import {
  buildReportSkeleton,
  chapterTitle,
  direction,
  formatInteger,
  numberParagraphs,
  renderSentences,
  reportChapterLabel,
  reportDate,
  reportParagraphLabel,
  reportSectionLabel,
  sectionTitle,
  type Lang,
  type MeetingState,
  type ReportSkeleton,
} from '@gavel/shared';
import { formatAgendaLabel, subLetter } from '@gavel/shared/i18n/labels';
import type { DocService } from '../docs/service';
import { readTextForReport, type Inline, type ReadText } from './text';

export type { Inline } from './text';

export interface ReportSubparagraph {
  label: string;
  depth: number;
  inlines: Inline[];
}

export type ReportItem =
  | { kind: 'heading'; level: 1 | 2 | 3; label: string; inlines: Inline[] }
  | {
      kind: 'paragraph';
      n: number;
      label: string;
      inlines: Inline[];
      subparagraphs: ReportSubparagraph[];
      /** Generated from the record (chapters III–V). */
      generated: boolean;
      /** For paragraphs of the recommendations: adopted in the ledger. */
      adopted?: boolean;
      /** The paragraph's id in its text (II) or in the skeleton (III–V). */
      sourceId: string;
    }
  /** The adopted agenda (not numbered). */
  | { kind: 'list'; items: { label: string; text: string; children: { label: string; text: string }[] }[] }
  /** Where a written part has nothing yet (shown as an empty slot, never invented text). */
  | { kind: 'placeholder'; text: string };

export interface ReportFootnote {
  n: number;
  label: string;
  text: string;
}

export interface Report {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  masthead: {
    symbol: string;
    distribution: string;
    date: string;
    original: string;
    body: string;
    parentBody: string;
    title: string;
  };
  items: ReportItem[];
  footnotes: ReportFootnote[];
}

type Words = Record<Lang, string>;

const DISTRIBUTION: Words = {
  en: 'Distr.: General',
  fr: 'Distr. générale',
  es: 'Distr. general',
  ru: 'Distr.: General',
  zh: 'Distr.: General',
  ar: 'Distr.: General',
};

const ORIGINAL: Words = { en: 'Original', fr: 'Original', es: 'Original', ru: 'Original', zh: '原件', ar: 'الأصل' };

/** The name of each language as the masthead of a document in `lang` writes it ("Original: English"). */
const LANGUAGE_NAMES: Record<Lang, Words> = {
  en: { en: 'English', fr: 'anglais', es: 'inglés', ru: 'английский', zh: '英文', ar: 'بالإنكليزية' },
  fr: { en: 'French', fr: 'français', es: 'francés', ru: 'французский', zh: '法文', ar: 'بالفرنسية' },
  es: { en: 'Spanish', fr: 'espagnol', es: 'español', ru: 'испанский', zh: '西班牙文', ar: 'بالإسبانية' },
  ru: { en: 'Russian', fr: 'russe', es: 'ruso', ru: 'русский', zh: '俄文', ar: 'بالروسية' },
  zh: { en: 'Chinese', fr: 'chinois', es: 'chino', ru: 'китайский', zh: '中文', ar: 'بالصينية' },
  ar: { en: 'Arabic', fr: 'arabe', es: 'árabe', ru: 'арабский', zh: '阿拉伯文', ar: 'بالعربية' },
};

const INTRODUCTION: Words = { en: 'Introduction', fr: 'Introduction', es: 'Introducción', ru: 'Введение', zh: '导言', ar: 'مقدمة' };
const RECOMMENDATIONS: Words = {
  en: 'Recommendations of the working group',
  fr: 'Recommandations du groupe de travail',
  es: 'Recomendaciones del grupo de trabajo',
  ru: 'Рекомендации рабочей группы',
  zh: '工作组的建议',
  ar: 'توصيات الفريق العامل',
};
/** Shown where a written part is still empty: a marker for the secretariat, not report text. */
export const NOT_WRITTEN: Words = {
  en: '[To be written by the secretariat]',
  fr: '[À rédiger par le secrétariat]',
  es: '[Texto que redactará la secretaría]',
  ru: '[Текст будет подготовлен секретариатом]',
  zh: '[由秘书处撰写]',
  ar: '[تكتبه الأمانة]',
};

function text(s: string): Inline[] {
  return s ? [{ t: 'text', text: s }] : [];
}

function hasContent(t: ReadText): boolean {
  return t.blocks.some((b) => b.inlines.some((i) => i.t === 'fn' || i.text.trim() !== '') || (b.kind === 'paragraph' && b.subparagraphs.length > 0));
}

export interface ReportInputs {
  state: MeetingState;
  lang: Lang;
  /** I. Introduction as written (empty text → placeholder). */
  introduction: ReadText;
  /** II. Recommendations as drafted now. */
  recommendations: ReadText;
  /** The skeleton for `lang` (built here if not given). */
  skeleton?: ReportSkeleton;
}

/** Assembles the report from what was read. Pure. */
export function assembleReport(inputs: ReportInputs): Report {
  const { state, lang } = inputs;
  const skeleton = inputs.skeleton ?? buildReportSkeleton(state, lang);
  const items: ReportItem[] = [];
  const footnotes: ReportFootnote[] = [];
  let n = 1;

  /** Adds a written text's blocks, renumbering its paragraphs and footnotes into the report's sequences. */
  const addText = (t: ReadText, adoptedMarks: boolean) => {
    const base = footnotes.length;
    const shift = (inlines: Inline[]): Inline[] => inlines.map((i) => (i.t === 'fn' ? { t: 'fn', index: i.index + base } : i));
    for (const b of t.blocks) {
      if (b.kind === 'paragraph') {
        items.push({
          kind: 'paragraph',
          n,
          label: reportParagraphLabel(n, lang),
          inlines: shift(b.inlines),
          subparagraphs: b.subparagraphs.map((s) => ({ ...s, inlines: shift(s.inlines) })),
          generated: false,
          ...(adoptedMarks ? { adopted: b.status === 'adopted' } : {}),
          sourceId: b.id,
        });
        n++;
      } else {
        items.push({ kind: 'heading', level: b.kind === 'section' ? 2 : 3, label: b.label, inlines: shift(b.inlines) });
      }
    }
    t.footnotes.forEach((f, i) => footnotes.push({ n: base + i + 1, label: formatInteger(base + i + 1, lang), text: f.text }));
  };

  // I. Introduction
  items.push({ kind: 'heading', level: 1, label: reportChapterLabel(1, lang), inlines: text(INTRODUCTION[lang]) });
  if (hasContent(inputs.introduction)) addText(inputs.introduction, false);
  else items.push({ kind: 'placeholder', text: NOT_WRITTEN[lang] });

  // II. Recommendations
  items.push({ kind: 'heading', level: 1, label: reportChapterLabel(2, lang), inlines: text(RECOMMENDATIONS[lang]) });
  if (hasContent(inputs.recommendations)) addText(inputs.recommendations, true);
  else items.push({ kind: 'placeholder', text: NOT_WRITTEN[lang] });

  // III–V, numbered after I and II. Written slots hold nothing yet (counted as 0 paragraphs).
  const numbering = numberParagraphs(skeleton, lang, { start: n });
  for (const chapter of skeleton.chapters) {
    items.push({ kind: 'heading', level: 1, label: reportChapterLabel(chapter.number, lang), inlines: text(chapterTitle(chapter.id, lang)) });
    const emit = (block: ReportSkeleton['chapters'][number]['blocks'][number]) => {
      if (block.kind === 'paragraph') {
        const num = numbering.paragraphs.get(block.id);
        if (!num) return;
        items.push({
          kind: 'paragraph',
          n: num.n,
          label: num.label,
          inlines: text(renderSentences(block.sentences, lang)),
          subparagraphs: [],
          generated: true,
          sourceId: block.id,
        });
      } else if (block.kind === 'agenda_list') {
        items.push({
          kind: 'list',
          items: block.items.map(({ ref, children }) => ({
            label: lang === 'ar' ? `${formatAgendaLabel(ref.path, lang)}-` : `${formatAgendaLabel(ref.path, lang)}.`,
            text: ref.title,
            children: children.map((c) => ({ label: `(${subLetter(c.path[c.path.length - 1], lang)})`, text: c.title })),
          })),
        });
      }
      // Slots (written summaries, the adoption of the report) hold nothing yet.
    };
    for (const section of chapter.sections) {
      items.push({ kind: 'heading', level: 2, label: reportSectionLabel(section.number, lang), inlines: text(sectionTitle(section.heading, lang)) });
      section.blocks.forEach(emit);
    }
    chapter.blocks.forEach(emit);
  }

  const m = skeleton.masthead;
  return {
    lang,
    dir: direction(lang),
    masthead: {
      symbol: m.symbol,
      distribution: DISTRIBUTION[lang],
      date: m.endDate ? reportDate(m.endDate, lang) : '',
      original: `${ORIGINAL[lang]}: ${LANGUAGE_NAMES[m.originalLanguage][lang]}`,
      body: m.body,
      parentBody: m.parentBody,
      title: m.title,
    },
    items,
    footnotes,
  };
}

/** Reads the meeting's texts and assembles its report in `lang`. */
export async function buildReport(docs: DocService, meetingId: string, state: MeetingState, lang: Lang): Promise<Report> {
  const introduction = await readTextForReport(docs, state, meetingId, 'introduction', lang, 0);
  const introParagraphs = hasContent(introduction) ? introduction.blocks.filter((b) => b.kind === 'paragraph').length : 0;
  const recommendations = await readTextForReport(docs, state, meetingId, 'recommendations', lang, introParagraphs);
  return assembleReport({ state, lang, introduction, recommendations });
}
