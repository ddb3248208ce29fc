/**
 * The report as an Akoma Ntoso 3.0 document (OASIS LegalDocML, namespace
 * http://docs.oasis-open.org/legaldocml/ns/akn/3.0), valid against the
 * schema vendored in ./schema (the tests check it with xmllint).
 *
 * Shape:
 *
 *   akomaNtoso
 *     doc name="report"                 (the schema's type for documents it has no specific model for)
 *       meta
 *         identification source="#secretariat"
 *           FRBRWork / FRBRExpression / FRBRManifestation, IRIs after the
 *           Akoma Ntoso naming convention: /akn/un/doc/report/<date>/<symbol-slug>,
 *           …/<eng|ara|zho|fra|rus|spa>@, …@/!main.xml
 *         references source="#secretariat": TLCOrganization for the secretariat, the body, the parent body
 *       preface xml:lang=…              (docNumber, docStatus "Distr.: General", docDate, the original
 *                                        language, docAuthority (parent body), docProponent (body), docTitle)
 *       mainBody xml:lang=…
 *         chapter (heading level 1) > section (2) > subsection (3), each with num and heading
 *         paragraph  num = the label as the report writes it ("66.", "٦٦-"), content/p;
 *                    class "generated" (from the record) or "written", and "adopted"/"notAdopted"
 *                    for paragraphs of the recommendations
 *           subparagraphs: list > intro (the paragraph's text) + point (num "(a)", content/p), nested by depth
 *           the adopted agenda: a blockList of items (num, p, nested blockList for sub-items) inside
 *                    the paragraph that announces it, as in the printed report
 *         footnotes: authorialNote marker="<label>" placement="bottom" at the reference point
 *
 * The schema allows xml:lang neither on akomaNtoso nor on doc, so it is on
 * preface and mainBody (and FRBRlanguage says it in the metadata).
 *
 * eIds are language-independent, so that the six language versions align:
 * chapters by number (chp_3), sections by letter (sec_B), subsections by
 * number (subsec_2), paragraphs by their number in the report (para_67),
 * points by letter, notes by their number (fnt_9):
 * chp_3__sec_B__para_67, chp_2__sec_D__subsec_1__para_50__list_1__point_a.
 *
 * Written slots (`written`) draw nothing. An empty written part
 * (`placeholder`) is kept as `hcontainer name="placeholder"` (content/p
 * class="placeholder"), so that a report exported before the secretariat has
 * written everything says where text is missing; a consumer drops it by its
 * name. (The schema allows no bare `p` between hierarchical elements, hence
 * the container.) A list that no paragraph announces, which the assembled
 * report does not produce today, would go in `hcontainer name="list"`.
 *
 * The work's author is the body (FRBRauthor href="#body"); an expression in
 * another language than the original is the secretariat's translation
 * (FRBRtranslation fromLanguage=…, by="#secretariat").
 *
 * Everything from the meeting is text: escaped, and characters XML 1.0 does
 * not allow (control characters, lone surrogates, U+FFFE/U+FFFF) removed.
 * Pure: the same report and metadata give the same document.
 */
import type { Lang, ReportInline as Inline, Report, ReportItem, ReportSubparagraph } from '@gavel/shared';

export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
export const AKN_MEDIA_TYPE = 'application/akn+xml';

/** What the document's metadata needs beyond the report itself. */
export interface AknMeta {
  /** The report's date as YYYY-MM-DD (the last day of the meeting): the date of the work and of this expression. */
  date: string;
  /** The language the report is drafted in: the other languages are marked as translations from it. */
  originalLanguage: Lang;
  /** When this file was made, YYYY-MM-DD or an ISO date-time (the manifestation's date). */
  generated: string;
  /** The work's number in its IRI when the report has no document symbol yet (e.g. the meeting's id). */
  fallbackNumber?: string;
}

/** ISO 639-2 codes, as the Akoma Ntoso naming convention writes languages in IRIs and FRBRlanguage. */
const ISO639_2: Record<Lang, string> = { ar: 'ara', zh: 'zho', en: 'eng', fr: 'fra', ru: 'rus', es: 'spa' };

const SECRETARIAT: Record<Lang, string> = {
  ar: 'الأمانة',
  zh: '秘书处',
  en: 'Secretariat',
  fr: 'Secrétariat',
  ru: 'Секретариат',
  es: 'Secretaría',
};

/** Characters XML 1.0 allows, less the C1 controls it discourages; anything else is dropped. */
const NOT_XML = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text from the meeting as XML character data or an attribute value: only characters XML allows, markup escaped. */
/**
 * The direction marks (LRM, RLM) the report holds written runs between for
 * the page (report.ts), and the isolates around words shown in another
 * language (skeleton.ts fallbackMark): XML carries the text, not its
 * display, so they go.
 */
const DIRECTION_MARKS = /[\u200E\u200F\u2066-\u2069]/g;

export function escapeXml(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(NOT_XML, '')
    .replace(DIRECTION_MARKS, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Attribute value: escaped, and line breaks and tabs as references so that attribute normalization keeps them. */
function attr(s: string): string {
  return escapeXml(s).replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** A piece of an IRI: lower case, letters and digits joined by hyphens, percent-encoded beyond ASCII. */
function slug(s: string): string {
  const words = s
    .normalize('NFC')
    .toLowerCase()
    .replace(NOT_XML, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return encodeURIComponent(words.join('-'));
}

/** a, b, …, z, aa, ab, … for the n-th (1-based) point or section. */
function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

// ---------------------------------------------------------------------------
// The body as a tree: headings open containers, paragraphs go in the innermost.

type Level = 1 | 2 | 3;

interface ContainerNode {
  kind: 'container';
  level: Level;
  eId: string;
  label: string;
  inlines: Inline[];
  children: BodyNode[];
  /** How many children of each eId prefix so far (sec, subsec, hcontainer). */
  counts: Map<string, number>;
}

interface ParagraphNode {
  kind: 'paragraph';
  eId: string;
  item: Extract<ReportItem, { kind: 'paragraph' }>;
  /** Unnumbered lists that follow the paragraph (the adopted agenda after "adopted the following agenda:"). */
  lists: Extract<ReportItem, { kind: 'list' }>[];
}

interface PlaceholderNode {
  kind: 'placeholder';
  eId: string;
  /** The text of a placeholder, or the items of a list that no paragraph announces. */
  text?: string;
  list?: Extract<ReportItem, { kind: 'list' }>;
}

type BodyNode = ContainerNode | ParagraphNode | PlaceholderNode;

const CONTAINER_TAG: Record<Level, 'chapter' | 'section' | 'subsection'> = { 1: 'chapter', 2: 'section', 3: 'subsection' };

function buildTree(items: ReportItem[]): BodyNode[] {
  const root: BodyNode[] = [];
  const rootCounts = new Map<string, number>();
  const stack: ContainerNode[] = [];
  const next = (counts: Map<string, number>, prefix: string) => {
    const k = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, k);
    return k;
  };
  const scope = () => {
    const top = stack[stack.length - 1];
    return top ? { children: top.children, counts: top.counts, eId: top.eId } : { children: root, counts: rootCounts, eId: '' };
  };
  const join = (parent: string, own: string) => (parent ? `${parent}__${own}` : own);

  for (const item of items) {
    switch (item.kind) {
      case 'heading': {
        while (stack.length > 0 && stack[stack.length - 1].level >= item.level) stack.pop();
        const s = scope();
        const own =
          item.level === 1
            ? `chp_${next(s.counts, 'chp')}`
            : item.level === 2
              ? `sec_${letters(next(s.counts, 'sec')).toUpperCase()}`
              : `subsec_${next(s.counts, 'subsec')}`;
        const node: ContainerNode = { kind: 'container', level: item.level, eId: join(s.eId, own), label: item.label, inlines: item.inlines, children: [], counts: new Map() };
        s.children.push(node);
        stack.push(node);
        break;
      }
      case 'paragraph': {
        const s = scope();
        s.children.push({ kind: 'paragraph', eId: join(s.eId, `para_${item.n}`), item, lists: [] });
        break;
      }
      case 'list': {
        const s = scope();
        const last = s.children[s.children.length - 1];
        if (last?.kind === 'paragraph') last.lists.push(item);
        else s.children.push({ kind: 'placeholder', eId: join(s.eId, `hcontainer_${next(s.counts, 'hcontainer')}`), list: item });
        break;
      }
      case 'placeholder': {
        const s = scope();
        s.children.push({ kind: 'placeholder', eId: join(s.eId, `hcontainer_${next(s.counts, 'hcontainer')}`), text: item.text });
        break;
      }
      case 'written':
        break;
    }
  }
  return root;
}

// ---------------------------------------------------------------------------
// Serialization.

class Writer {
  private readonly usedIds = new Set<string>();

  constructor(private readonly report: Report) {}

  /** A unique eId: `base`, or `base_2`, `base_3`… if taken (a footnote referenced twice). */
  id(base: string): string {
    let eId = base;
    for (let k = 2; this.usedIds.has(eId); k++) eId = `${base}_${k}`;
    this.usedIds.add(eId);
    return eId;
  }

  inlines(inlines: Inline[]): string {
    return inlines
      .map((i) => {
        if (i.t === 'text') return escapeXml(i.text).replace(/\n/g, '<eol/>');
        // Akoma Ntoso has no element of its own for a negotiation's bracket: its generic named inline.
        if (i.t === 'bracket') return `<inline name="bracket">${escapeXml(i.text)}</inline>`;
        const note = this.report.footnotes.find((f) => f.n === i.index) ?? this.report.footnotes[i.index - 1];
        const marker = note?.label ?? String(i.index);
        const body = note ? escapeXml(note.text).replace(/\n/g, '<eol/>') : '';
        return `<authorialNote eId="${attr(this.id(`fnt_${i.index}`))}" marker="${attr(marker)}" placement="bottom"><p>${body}</p></authorialNote>`;
      })
      .join('');
  }

  blockList(list: Extract<ReportItem, { kind: 'list' }>, eId: string, indent: string): string {
    const id = this.id(eId);
    const items = list.items.map((it, k) => {
      const itemId = this.id(`${id}__item_${k + 1}`);
      const children = it.children.length
        ? `\n${indent}    <blockList eId="${attr(this.id(`${itemId}__list_1`))}">${it.children
            .map(
              (c, j) =>
                `\n${indent}      <item eId="${attr(this.id(`${itemId}__list_1__item_${j + 1}`))}"><num>${escapeXml(c.label)}</num><p>${escapeXml(c.text)}</p></item>`,
            )
            .join('')}\n${indent}    </blockList>\n${indent}  `
        : '';
      return `\n${indent}  <item eId="${attr(itemId)}"><num>${escapeXml(it.label)}</num><p>${escapeXml(it.text)}</p>${children}</item>`;
    });
    return `${indent}<blockList eId="${attr(id)}">${items.join('')}\n${indent}</blockList>`;
  }

  /** Points of one level (same depth) with their deeper points nested in a list of their own. */
  points(subs: ReportSubparagraph[], parent: string, indent: string): string {
    const out: string[] = [];
    let k = 0;
    for (let i = 0; i < subs.length; ) {
      const s = subs[i];
      let j = i + 1;
      while (j < subs.length && subs[j].depth > s.depth) j++;
      const deeper = subs.slice(i + 1, j);
      const eId = this.id(`${parent}__point_${letters(++k)}`);
      if (deeper.length === 0) {
        out.push(`${indent}<point eId="${attr(eId)}"><num>${escapeXml(s.label)}</num><content><p>${this.inlines(s.inlines)}</p></content></point>`);
      } else {
        out.push(
          `${indent}<point eId="${attr(eId)}"><num>${escapeXml(s.label)}</num>\n${this.list(s.inlines, deeper, eId, `${indent}  `)}\n${indent}</point>`,
        );
      }
      i = j;
    }
    return out.join('\n');
  }

  /** A list of points, introduced by `intro` (the paragraph's or point's own text). */
  list(intro: Inline[], subs: ReportSubparagraph[], parent: string, indent: string): string {
    const eId = this.id(`${parent}__list_1`);
    const introXml = intro.length ? `${indent}  <intro><p>${this.inlines(intro)}</p></intro>\n` : '';
    return `${indent}<list eId="${attr(eId)}">\n${introXml}${this.points(subs, eId, `${indent}  `)}\n${indent}</list>`;
  }

  paragraph(node: ParagraphNode, indent: string): string {
    const { item } = node;
    const eId = this.id(node.eId);
    const classes = [item.generated ? 'generated' : 'written', ...(item.adopted === true ? ['adopted'] : item.adopted === false ? ['notAdopted'] : [])];
    const open = `${indent}<paragraph eId="${attr(eId)}" class="${classes.join(' ')}">\n${indent}  <num>${escapeXml(item.label)}</num>\n`;
    const lists = node.lists.map((l, k) => this.blockList(l, `${eId}__list_${k + (item.subparagraphs.length ? 2 : 1)}`, `${indent}    `));
    let inner: string;
    if (item.subparagraphs.length === 0) {
      inner = `${indent}  <content>\n${indent}    <p>${this.inlines(item.inlines)}</p>\n${lists.map((l) => `${l}\n`).join('')}${indent}  </content>\n`;
    } else {
      inner = `${this.list(item.inlines, item.subparagraphs, eId, `${indent}  `)}\n`;
      if (lists.length) inner += `${indent}  <wrapUp>\n${lists.join('\n')}\n${indent}  </wrapUp>\n`;
    }
    return `${open}${inner}${indent}</paragraph>`;
  }

  node(node: BodyNode, indent: string): string {
    switch (node.kind) {
      case 'paragraph':
        return this.paragraph(node, indent);
      case 'placeholder': {
        const eId = this.id(node.eId);
        const body = node.list
          ? this.blockList(node.list, `${eId}__list_1`, `${indent}    `)
          : `${indent}    <p class="placeholder">${escapeXml(node.text ?? '')}</p>`;
        return `${indent}<hcontainer eId="${attr(eId)}" name="${node.list ? 'list' : 'placeholder'}">\n${indent}  <content>\n${body}\n${indent}  </content>\n${indent}</hcontainer>`;
      }
      case 'container': {
        const tag = CONTAINER_TAG[node.level];
        const eId = this.id(node.eId);
        const head = `${indent}<${tag} eId="${attr(eId)}">\n${indent}  <num>${escapeXml(node.label)}</num>\n${indent}  <heading>${this.inlines(node.inlines)}</heading>\n`;
        return `${head}${node.children.map((c) => `${this.node(c, `${indent}  `)}\n`).join('')}${indent}</${tag}>`;
      }
    }
  }
}

/** The IRIs of the work, this expression and this manifestation. */
export function aknIris(report: Report, meta: AknMeta): { work: string; expression: string; manifestation: string; original: string } {
  const number = slug(report.masthead.symbol) || slug(meta.fallbackNumber ?? '') || 'report';
  const work = `/akn/un/doc/report/${meta.date}/${number}`;
  return {
    work,
    expression: `${work}/${ISO639_2[report.lang]}@`,
    manifestation: `${work}/${ISO639_2[report.lang]}@.akn`,
    original: `${work}/${ISO639_2[meta.originalLanguage]}@`,
  };
}

/** The report as an Akoma Ntoso 3.0 XML document (UTF-8). */
export function renderAkomaNtoso(report: Report, meta: AknMeta): string {
  if (!ISO_DATE.test(meta.date)) throw new Error(`renderAkomaNtoso: date must be YYYY-MM-DD, got ${JSON.stringify(meta.date)}`);
  if (!ISO_DATE.test(meta.generated) && !ISO_DATE_TIME.test(meta.generated)) {
    throw new Error(`renderAkomaNtoso: generated must be an ISO date or date-time, got ${JSON.stringify(meta.generated)}`);
  }
  const { lang, masthead: m } = report;
  const iri = aknIris(report, meta);
  const language = ISO639_2[lang];
  const w = new Writer(report);
  for (const reserved of ['secretariat', 'body', 'parentBody', 'masthead', 'bodies', 'longTitle']) w.id(reserved);

  const bodyName = escapeXml(m.body).trim();
  const parentName = escapeXml(m.parentBody).trim();
  const organizations = [
    `<TLCOrganization eId="secretariat" href="/akn/ontology/organization/un/secretariat" showAs="${attr(SECRETARIAT[lang])}"/>`,
    ...(bodyName ? [`<TLCOrganization eId="body" href="/akn/ontology/organization/un/${slug(m.body) || 'body'}" showAs="${attr(m.body.trim())}"/>`] : []),
    ...(parentName
      ? [`<TLCOrganization eId="parentBody" href="/akn/ontology/organization/un/${slug(m.parentBody) || 'parent-body'}" showAs="${attr(m.parentBody.trim())}"/>`]
      : []),
  ];
  const author = bodyName ? '#body' : '#secretariat';
  const translation =
    lang === meta.originalLanguage
      ? ''
      : `\n          <FRBRtranslation href="${iri.original}" fromLanguage="${ISO639_2[meta.originalLanguage]}" by="#secretariat"/>`;
  const symbol = m.symbol.trim() ? `\n          <FRBRalias name="symbol" value="${attr(m.symbol.trim())}"/>` : '';

  const masthead = [
    ...(m.symbol.trim() ? [`<p class="symbol"><docNumber>${escapeXml(m.symbol.trim())}</docNumber></p>`] : []),
    ...(m.distribution ? [`<p class="distribution"><docStatus>${escapeXml(m.distribution)}</docStatus></p>`] : []),
    `<p class="date"><docDate date="${meta.date}">${escapeXml(m.date || meta.date)}</docDate></p>`,
    ...(m.language ? [`<p class="language">${escapeXml(m.language)}</p>`] : []),
    ...(m.original ? [`<p class="originalLanguage">${escapeXml(m.original)}</p>`] : []),
  ];
  const bodies = [
    ...(parentName ? [`<p class="parentBody"><docAuthority refersTo="#parentBody">${parentName}</docAuthority></p>`] : []),
    ...(bodyName ? [`<p class="body"><docProponent refersTo="#body">${bodyName}</docProponent></p>`] : []),
  ];

  const tree = buildTree(report.items);
  const body = tree.length
    ? tree.map((n) => w.node(n, '      ')).join('\n')
    : `      <hcontainer eId="${w.id('hcontainer_1')}" name="placeholder"><content><p class="placeholder"/></content></hcontainer>`;

  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${AKN_NAMESPACE}">
  <doc name="report">
    <meta>
      <identification source="#secretariat">
        <FRBRWork>
          <FRBRthis value="${iri.work}/!main"/>
          <FRBRuri value="${iri.work}"/>${symbol}
          <FRBRdate date="${meta.date}" name="report"/>
          <FRBRauthor href="${author}"/>
          <FRBRcountry value="un"/>
          <FRBRname value="report"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="${iri.expression}/!main"/>
          <FRBRuri value="${iri.expression}"/>
          <FRBRdate date="${meta.date}" name="report"/>
          <FRBRauthor href="${lang === meta.originalLanguage ? author : '#secretariat'}"/>
          <FRBRlanguage language="${language}"/>${translation}
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="${iri.expression}/!main.xml"/>
          <FRBRuri value="${iri.manifestation}"/>
          <FRBRdate date="${meta.generated}" name="generation"/>
          <FRBRauthor href="#secretariat"/>
          <FRBRformat value="${AKN_MEDIA_TYPE}"/>
        </FRBRManifestation>
      </identification>
      <references source="#secretariat">
${organizations.map((o) => `        ${o}`).join('\n')}
      </references>
    </meta>
    <preface xml:lang="${lang}">
      <container eId="masthead" name="masthead">
${masthead.map((p) => `        ${p}`).join('\n')}
      </container>${
        bodies.length
          ? `
      <container eId="bodies" name="bodies">
${bodies.map((p) => `        ${p}`).join('\n')}
      </container>`
          : ''
      }
      <longTitle eId="longTitle">
        <p><docTitle>${escapeXml(m.title)}</docTitle></p>
      </longTitle>
    </preface>
    <mainBody xml:lang="${lang}">
${body}
    </mainBody>
  </doc>
</akomaNtoso>
`;
}
