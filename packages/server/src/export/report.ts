/**
 * The report of a meeting assembled in one language (issue 6): the
 * masthead, I. Introduction (written), II. Recommendations (the drafted
 * text as it reads now, adopted paragraphs marked), and the generated
 * chapters III–V from the skeleton with the written parts in their slots
 * (the secretariat's summaries in IV, the adoption in V).
 *
 * One numbering for the whole document: paragraphs are numbered
 * continuously through I–V in the order they stand, generated and written
 * ones interleaved, and footnotes continuously in the order of their
 * markers. Every cross-reference and every reference in a footnote
 * (`{{ref:p_…}}`) is resolved against that numbering: "see paragraph 109
 * below", the direction taken from where the two stand in the report.
 *
 * `assembleReport` is pure (tested on its own): it lays the report out
 * (numbering paragraphs as it goes) and then resolves the references in a
 * second pass. `buildReport` reads the meeting's texts. The renderers
 * (html.ts, markdown.ts, rendered.ts) only draw what is assembled here.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  removeForbiddenCharsDeep,
  buildReportSkeleton,
  chapterTitle,
  documentRef,
  direction,
  noteSegments,
  parseDocName,
  renderSentences,
  reportChapterLabel,
  reportDate,
  reportParagraphLabel,
  reportSectionLabel,
  sectionTitle,
  slotDocName,
  type Lang,
  type MeetingState,
  type ReportSkeleton,
  type SkeletonOptions,
  type ReportInline as Inline,
  type Report,
  type ReportFootnote,
  type ReportItem,
} from '@gavel/shared';
import { crossRefNumber, crossRefWords, footnoteLabel, subparagraphLabel, type Direction } from '@gavel/shared/editor/labels';
import { formatAgendaLabel, subLetter } from '@gavel/shared/i18n/labels';
import type { DocService } from '../docs/service';
import { readTextForReport, type ReadText, type TextBlock, type TextInline } from './text';

export type { ReportInline as Inline, Report, ReportFootnote, ReportItem, ReportSubparagraph } from '@gavel/shared';

type Words = Record<Lang, string>;

const DISTRIBUTION: Words = {
  en: 'Distr.: General',
  fr: 'Distr. générale',
  es: 'Distr. general',
  ru: 'Distr.: General',
  zh: 'Distr.: General',
  ar: 'Distr.: General',
};

/**
 * The masthead's block of lines as the UN prints it (A/65/L.78 and its Arabic
 * version, say): French and Spanish versions write it in their language
 * ("29 janvier 2010 / Français / Original : anglais"); the Arabic, Chinese
 * and Russian versions keep it in English ("29 January 2010 / Arabic /
 * Original: English"). The version's own language is named only when it is
 * not the original.
 */
type MastheadLang = 'en' | 'fr' | 'es';
const MASTHEAD_LANG: Record<Lang, MastheadLang> = { en: 'en', fr: 'fr', es: 'es', ar: 'en', zh: 'en', ru: 'en' };
const ORIGINAL: Record<MastheadLang, string> = { en: 'Original: ', fr: 'Original\u00a0: ', es: 'Original: ' };
/** Each language named in a masthead written in English, French or Spanish: as the original (lower case in French and Spanish) and as the version ("Français"). */
const LANGUAGE_NAMES: Record<Lang, Record<MastheadLang, string>> = {
  en: { en: 'English', fr: 'anglais', es: 'inglés' },
  fr: { en: 'French', fr: 'français', es: 'francés' },
  es: { en: 'Spanish', fr: 'espagnol', es: 'español' },
  ru: { en: 'Russian', fr: 'russe', es: 'ruso' },
  zh: { en: 'Chinese', fr: 'chinois', es: 'chino' },
  ar: { en: 'Arabic', fr: 'arabe', es: 'árabe' },
};
const capitalized = (s: string) => s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);

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

function text(s: string): { t: 'text'; text: string }[] {
  return s ? [{ t: 'text', text: s }] : [];
}

/** A document before the meeting as a list names it: "Background paper prepared by the Secretariat (CTOC/COP/WG.4/2010/2)". */
function blockHasContent(b: TextBlock): boolean {
  const some = (inlines: TextInline[]) => inlines.some((i) => i.t !== 'text' || i.text.trim() !== '');
  return some(b.inlines) || (b.kind === 'paragraph' && b.subparagraphs.length > 0);
}

/**
 * What of a text goes into the report: its headings and paragraphs that hold
 * something. An empty paragraph (the one an empty editor always has, or a
 * line left blank) is not issued and gets no number.
 */
export function contentOf(t: ReadText | undefined): TextBlock[] {
  return t ? t.blocks.filter(blockHasContent) : [];
}

export interface ReportInputs {
  state: MeetingState;
  lang: Lang;
  /**
   * The texts read, by document name: `introduction`, `recommendations`, and
   * the written parts of the slots of IV and V (`summary:<item>:introduction`,
   * `summary:<item>:presentations`, `summary:<item>`, `adoption`). A text
   * not given was never written.
   */
  texts: Readonly<Record<string, ReadText | undefined>>;
  /** The skeleton for `lang` (built here if not given). */
  skeleton?: ReportSkeleton;
}

/** An inline before the second pass: a footnote holds its note, a cross-reference its target paragraph's id. */
type PendingInline = { t: 'text'; text: string } | { t: 'bracket'; text: string } | { t: 'note'; note: string } | { t: 'ref'; target: string };
type PendingHeading = Omit<Extract<ReportItem, { kind: 'heading' }>, 'inlines'> & { inlines: PendingInline[] };
type PendingParagraph = Omit<Extract<ReportItem, { kind: 'paragraph' }>, 'inlines' | 'subparagraphs'> & {
  inlines: PendingInline[];
  subparagraphs: { label: string; depth: number; inlines: PendingInline[] }[];
};
type PendingItem = PendingHeading | PendingParagraph | Exclude<ReportItem, { kind: 'heading' | 'paragraph' }>;

/** Assembles the report from what was read. Pure. */
export function assembleReport(inputs: ReportInputs): Report {
  const { state, lang, texts } = inputs;
  const skeleton = inputs.skeleton ?? buildReportSkeleton(state, lang);
  const items: PendingItem[] = [];
  let n = 1;

  const hold = holdDirection(state.info.language, lang);
  const pending = (t: ReadText, inlines: TextInline[]): PendingInline[] =>
    inlines.map((i) => (i.t === 'fn' ? { t: 'note', note: hold(t.footnotes[i.index - 1]?.note ?? '') } : i.t === 'ref' ? i : { t: i.t, text: hold(i.text) }));

  /**
   * Adds a text's headings and paragraphs, numbering the paragraphs in the
   * report's sequence; returns how many paragraphs it added. `nested`: inside
   * a section of the report (IV), so the text's own headings come one level down.
   */
  const addText = (doc: string, t: ReadText, blocks: TextBlock[], options: { adoptedMarks: boolean; nested: boolean }): number => {
    let count = 0;
    for (const b of blocks) {
      if (b.kind === 'paragraph') {
        items.push({
          kind: 'paragraph',
          n,
          label: reportParagraphLabel(n, lang),
          inlines: pending(t, b.inlines),
          subparagraphs: b.subparagraphs.map((s) => ({ ...s, inlines: pending(t, s.inlines) })),
          generated: false,
          ...(options.adoptedMarks ? { adopted: b.status === 'adopted' } : {}),
          sourceId: b.id,
          source: { kind: 'text', doc, paragraphId: b.id },
        });
        n++;
        count++;
      } else {
        const level = options.nested || b.kind === 'subsection' ? 3 : 2;
        items.push({ kind: 'heading', level, label: b.label, inlines: pending(t, b.inlines) });
      }
    }
    return count;
  };

  /** A written part: its marker, then its paragraphs (in the language they were written in). */
  const addWritten = (doc: string, nested: boolean, needed: boolean) => {
    const t = texts[doc];
    const blocks = contentOf(t);
    const marker: Extract<ReportItem, { kind: 'written' }> = { kind: 'written', doc, count: 0 };
    items.push(marker);
    if (t && blocks.length > 0) marker.count = addText(doc, t, blocks, { adoptedMarks: false, nested });
    else if (needed) items.push({ kind: 'placeholder', text: NOT_WRITTEN[lang] });
  };

  // I. Introduction
  items.push({ kind: 'heading', level: 1, label: reportChapterLabel(1, lang), inlines: text(INTRODUCTION[lang]) });
  addWritten('introduction', false, true);

  // II. Recommendations: the negotiated text, not a written part of the report.
  items.push({ kind: 'heading', level: 1, label: reportChapterLabel(2, lang), inlines: text(RECOMMENDATIONS[lang]) });
  const recommendations = texts.recommendations;
  const recommended = contentOf(recommendations);
  if (recommendations && recommended.length > 0) addText('recommendations', recommendations, recommended, { adoptedMarks: true, nested: false });
  else items.push({ kind: 'placeholder', text: NOT_WRITTEN[lang] });

  // III–V: generated paragraphs and, in their slots, the written parts.
  for (const chapter of skeleton.chapters) {
    items.push({ kind: 'heading', level: 1, label: reportChapterLabel(chapter.number, lang), inlines: text(chapterTitle(chapter.id, lang)) });
    const emit = (block: ReportSkeleton['chapters'][number]['blocks'][number], nested: boolean) => {
      if (block.kind === 'paragraph') {
        items.push({
          kind: 'paragraph',
          n,
          label: reportParagraphLabel(n, lang),
          inlines: text(renderSentences(block.sentences, lang)),
          subparagraphs: [],
          generated: true,
          sourceId: block.id,
          source: block.source,
        });
        n++;
      } else if (block.kind === 'agenda_list') {
        items.push({
          kind: 'list',
          items: block.items.map(({ ref, children }) => ({
            label: lang === 'ar' ? `${formatAgendaLabel(ref.path, lang)}-` : `${formatAgendaLabel(ref.path, lang)}.`,
            text: ref.title,
            children: children.map((c) => ({ label: `(${subLetter(c.path[c.path.length - 1], lang)})`, text: c.title })),
          })),
        });
      } else if (block.kind === 'documents_list') {
        items.push({
          kind: 'list',
          items: block.documents.map((d, i) => ({ label: subparagraphLabel(i + 1, 0, lang), text: documentRef(d, lang), children: [] })),
        });
      } else if (block.kind === 'slot') {
        addWritten(slotDocName(block), nested, false);
      }
    };
    for (const section of chapter.sections) {
      items.push({ kind: 'heading', level: 2, label: reportSectionLabel(section.number, lang), inlines: text(sectionTitle(section.heading, lang)) });
      for (const block of section.blocks) emit(block, true);
    }
    for (const block of chapter.blocks) emit(block, false);
  }

  const resolved = resolveReferences(items, lang, state.info.language);
  return { lang, dir: direction(lang), masthead: mastheadLines(skeleton.masthead, lang), ...resolved, fallbacks: skeleton.fallbacks };
}

/** The masthead as a document of the meeting prints it in `lang` (the report, the list of participants). */
export function mastheadLines(m: ReportSkeleton['masthead'], lang: Lang): Report['masthead'] {
  const written = MASTHEAD_LANG[lang];
  // The English block of an Arabic version held in its direction ("29 January 2027", not "January 2027 29").
  const line = holdDirection(written, lang);
  return {
    symbol: m.symbol,
    distribution: line(DISTRIBUTION[lang]),
    date: line(m.endDate ? reportDate(m.endDate, written) : ''),
    language: line(lang === m.originalLanguage ? '' : capitalized(LANGUAGE_NAMES[lang][written])),
    original: line(`${ORIGINAL[written]}${LANGUAGE_NAMES[m.originalLanguage][written]}`),
    body: m.body,
    parentBody: m.parentBody,
    title: m.title,
  };
}

/**
 * Written text keeps its own direction in an edition that runs the other
 * way (English paragraphs in the Arabic edition, say): each run is held
 * between two marks of its direction (LRM or RLM), so that its closing full
 * stop stays at its end in every format (HTML, PDF, Word, XML) instead of
 * taking the page's direction and jumping to the other side. (Not after a
 * footnote marker: a run of a lone mark after a footnote reference makes
 * LibreOffice 7.4 loop for ever on opening the DOCX.)
 */
function holdDirection(textLang: Lang, lang: Lang): (text: string) => string {
  if (direction(textLang) === direction(lang)) return (text) => text;
  const mark = direction(textLang) === 'rtl' ? '\u200F' : '\u200E';
  return (text) => (text ? `${mark}${text}${mark}` : text);
}

/**
 * The second pass: every paragraph's place in the report (its number, and
 * where it stands) is known, so references read as the report numbers them;
 * footnotes get their numbers (in `lang`) in the order their markers appear.
 * References stand inside written text, so their words are in the language
 * the texts are written in (`textLang`, the meeting's), not the export's:
 * an English footnote says "see paragraph 109 below" in every edition. A
 * reference to a paragraph the report does not have (a deleted one, say)
 * reads "paragraph ?", as in the editor.
 */
function resolveReferences(pending: PendingItem[], lang: Lang, textLang: Lang): { items: ReportItem[]; footnotes: ReportFootnote[] } {
  const where = new Map<string, { n: number; at: number }>();
  pending.forEach((item, at) => {
    if (item.kind === 'paragraph' && !where.has(item.sourceId)) where.set(item.sourceId, { n: item.n, at });
  });
  const footnotes: ReportFootnote[] = [];
  const words = (target: string, at: number, self: string | null, bare?: true): string => {
    const w = where.get(target);
    if (bare) return crossRefNumber(w?.n ?? null, textLang);
    const dir: Direction = target === self ? 'self' : w === undefined || w.at > at ? 'below' : 'above';
    return crossRefWords(w?.n ?? null, dir, textLang);
  };
  const resolve = (inlines: PendingInline[], at: number, self: string | null): Inline[] => {
    const out: Inline[] = [];
    const push = (s: string) => {
      if (!s) return;
      const last = out[out.length - 1];
      if (last?.t === 'text') last.text += s;
      else out.push({ t: 'text', text: s });
    };
    for (const i of inlines) {
      if (i.t === 'text') push(i.text);
      else if (i.t === 'bracket') out.push({ t: 'bracket', text: i.text });
      else if (i.t === 'ref') push(words(i.target, at, self));
      else {
        const number = footnotes.length + 1;
        const note = noteSegments(i.note)
          .map((s) => ('text' in s ? s.text : words(s.ref, at, self, s.bare)))
          .join('');
        footnotes.push({ n: number, label: footnoteLabel(number, lang), text: note });
        out.push({ t: 'fn', index: number });
      }
    }
    return out;
  };
  const items = pending.map((item, at): ReportItem => {
    if (item.kind === 'heading') return { ...item, inlines: resolve(item.inlines, at, null) };
    if (item.kind === 'paragraph') {
      return {
        ...item,
        inlines: resolve(item.inlines, at, item.sourceId),
        subparagraphs: item.subparagraphs.map((s) => ({ ...s, inlines: resolve(s.inlines, at, item.sourceId) })),
      };
    }
    return item;
  });
  return { items, footnotes };
}

/** The written parts a skeleton's slots hold, by document name, in order. */
function slotDocs(skeleton: ReportSkeleton): string[] {
  const out: string[] = [];
  for (const chapter of skeleton.chapters) {
    for (const block of [...chapter.sections.flatMap((s) => s.blocks), ...chapter.blocks]) if (block.kind === 'slot') out.push(slotDocName(block));
  }
  return out;
}

/** The agenda items that have a section in IV. */
function sectionItems(skeleton: ReportSkeleton): string[] {
  return skeleton.chapters.flatMap((c) => c.sections.flatMap((s) => (s.heading.kind === 'agenda_item' ? [s.heading.item.itemId] : [])));
}

/**
 * Reads the meeting's texts and assembles its report in `lang`. A text that
 * was never written (nothing stored) is not opened, so reading the report
 * loads and creates nothing. An item whose summary the secretariat wrote has
 * its section in IV even if nobody made a statement on it.
 */
export async function buildReport(
  docs: DocService,
  meetingId: string,
  state: MeetingState,
  lang: Lang,
  options: Pick<SkeletonOptions, 'words'> = {},
): Promise<Report> {
  const stored = new Set(await docs.storedNames(meetingId));
  const texts: Record<string, ReadText | undefined> = {};
  const read = async (doc: string) => {
    if (doc in texts) return texts[doc];
    texts[doc] = stored.has(doc) ? await readTextForReport(docs, state, meetingId, doc, lang) : undefined;
    return texts[doc];
  };

  let skeleton = buildReportSkeleton(state, lang, options);
  // Summaries written for items the skeleton leaves out (taken up without statements).
  const shown = new Set(sectionItems(skeleton));
  const written = new Set<string>();
  for (const name of stored) {
    const ref = parseDocName(name);
    if (ref?.kind !== 'summary' || shown.has(ref.itemId) || state.agenda.items[ref.itemId]?.parentId !== null) continue;
    if (contentOf(await read(name)).length > 0) written.add(ref.itemId);
  }
  if (written.size > 0) skeleton = buildReportSkeleton(state, lang, { ...options, itemIds: [...shown, ...written] });

  await Promise.all(['introduction', 'recommendations', ...slotDocs(skeleton)].map(read));
  // The assembly in a turn of its own: what arrived while the texts were read (a keystroke) goes first.
  await nextTurn();
  // Whatever the record holds, the exports carry no character XML or HTML forbids (shared core/schema.ts).
  return removeForbiddenCharsDeep(assembleReport({ state, lang, texts, skeleton }));
}
