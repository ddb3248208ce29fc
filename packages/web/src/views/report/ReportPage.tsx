/**
 * The compiled report drawn as a page of a UN document: the masthead with
 * the symbol at the end side, the chapters and sections, the paragraphs
 * numbered in the margin, footnote markers raised and the footnotes at the
 * foot. The page is in the report's language and direction whatever the UI's;
 * what the view adds for the secretariat (the mark of a generated paragraph,
 * the link to its source, the writing of a written part) is in the UI's.
 *
 * Every run of the meeting's own words is isolated in its own direction
 * (dir="auto"): a written part in English inside an Arabic report keeps its
 * full stop at its end, while the block, its number and its alignment follow
 * the report.
 */
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { direction, type Lang, type Report, type ReportInline, type ReportItem } from '@gavel/shared';

export type ReportParagraph = Extract<ReportItem, { kind: 'paragraph' }>;
export type WrittenMarker = Extract<ReportItem, { kind: 'written' }>;

export interface ReportPageProps {
  report: Report;
  /** Beside each paragraph: where it comes from (a link, or what it is). */
  renderSource?: (paragraph: ReportParagraph) => ReactNode;
  /** Where a written part begins: the secretariat's Write/Edit, or the editor open there. */
  renderWritten?: (marker: WrittenMarker) => ReactNode;
  /** The written part open in the editor: its paragraphs are shown as being written. */
  writing?: string | null;
}

export function ReportPage({ report, renderSource, renderWritten, writing = null }: ReportPageProps) {
  const { t } = useTranslation();
  return (
    <article className="report-page" lang={report.lang} dir={report.dir} aria-label={t('report.page')} data-testid="report-page">
      <Masthead report={report} />
      <div className="report-body">
        {report.items.map((item, i) => (
          <Fragment key={i}>{drawItem(item, report, { renderSource, renderWritten, writing })}</Fragment>
        ))}
      </div>
      <Footnotes report={report} />
    </article>
  );
}

function Masthead({ report }: { report: Report }) {
  const m = report.masthead;
  return (
    <header className="report-masthead" data-testid="report-masthead">
      <div className="report-masthead-top">
        {m.symbol ? (
          <span className="report-symbol" dir="ltr" data-testid="report-symbol">
            {m.symbol}
          </span>
        ) : null}
      </div>
      <div className="report-masthead-band">
        <div className="report-bodies">
          {m.parentBody ? (
            <p>
              <span dir="auto">{m.parentBody}</span>
            </p>
          ) : null}
          {m.body ? (
            <p className="report-body-name">
              <span dir="auto">{m.body}</span>
            </p>
          ) : null}
        </div>
        <div className="report-distr">
          <p>{m.distribution}</p>
          {m.date ? <p>{m.date}</p> : null}
          {m.language ? <p>{m.language}</p> : null}
          <p className="report-original">{m.original}</p>
        </div>
      </div>
      <h2 className="report-title">
        <span dir="auto">{m.title}</span>
      </h2>
    </header>
  );
}

interface DrawOptions {
  renderSource?: ReportPageProps['renderSource'];
  renderWritten?: ReportPageProps['renderWritten'];
  writing: string | null;
}

function drawItem(item: ReportItem, report: Report, o: DrawOptions): ReactNode {
  switch (item.kind) {
    case 'heading': {
      const Tag = item.level === 1 ? 'h3' : item.level === 2 ? 'h4' : 'h5';
      return (
        <Tag className={`report-heading report-heading-${item.level}`}>
          <span className="report-heading-label">{item.label}</span>
          <span className="report-heading-text" dir="auto">
            <Inlines inlines={item.inlines} report={report} />
          </span>
        </Tag>
      );
    }
    case 'paragraph':
      return <Paragraph paragraph={item} report={report} renderSource={o.renderSource} writing={o.writing} />;
    case 'list':
      return <ReportList entries={item.items} />;
    case 'written':
      return o.renderWritten ? o.renderWritten(item) : null;
    case 'placeholder':
      return (
        <p className="report-placeholder" data-testid="report-placeholder">
          {item.text}
        </p>
      );
    default:
      return null;
  }
}

function Paragraph({
  paragraph: p,
  report,
  renderSource,
  writing,
}: {
  paragraph: ReportParagraph;
  report: Report;
  renderSource?: ReportPageProps['renderSource'];
  writing: string | null;
}) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language as Lang;
  const source = renderSource?.(p);
  const beingWritten = writing !== null && p.source.kind === 'text' && p.source.doc === writing;
  const classes = ['report-para', p.generated ? 'is-generated' : 'is-text', p.adopted ? 'is-adopted' : '', beingWritten ? 'is-writing' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      id={`report-para-${p.n}`}
      data-testid="report-paragraph"
      data-n={p.n}
      data-label={p.label}
      data-generated={String(p.generated)}
      data-source-kind={p.source.kind}
      data-doc={p.source.kind === 'text' ? p.source.doc : undefined}
    >
      <p className="report-para-text">
        <span className="report-num">{p.label}</span>
        <span dir="auto">
          <Inlines inlines={p.inlines} report={report} />
        </span>
      </p>
      {p.subparagraphs.map((s, i) => (
        <p key={i} className="report-sub" style={{ paddingInlineStart: `${2.2 * (Math.max(0, s.depth) + 1)}rem` }}>
          <span className="report-sub-label">{s.label}</span>
          <span dir="auto">
            <Inlines inlines={s.inlines} report={report} />
          </span>
        </p>
      ))}
      {p.generated || p.adopted || source ? (
        // In the page's end margin; the marks are the UI's, in its language and direction.
        <div className="report-para-marks">
          <div className="report-marks" lang={uiLang} dir={direction(uiLang)}>
            {p.generated ? (
              <span className="report-tag report-tag-generated" title={t('report.generatedTitle')} data-testid="generated-tag">
                {t('report.generated')}
              </span>
            ) : null}
            {p.adopted ? (
              <span className="report-tag report-tag-adopted" title={t('report.adoptedTitle')} data-testid="adopted-tag">
                {t('report.adopted')}
              </span>
            ) : null}
            {source}
          </div>
        </div>
      ) : null}
    </div>
  );
}

function Inlines({ inlines, report }: { inlines: ReportInline[]; report: Report }) {
  const { t } = useTranslation();
  return (
    <>
      {inlines.map((inline, i) => {
        if (inline.t === 'bracket') {
          return (
            <span key={i} className="report-bracket">
              {inline.text}
            </span>
          );
        }
        if (inline.t === 'text') {
          const lines = inline.text.split('\n');
          return (
            <Fragment key={i}>
              {lines.map((line, j) => (
                <Fragment key={j}>
                  {j > 0 ? <br /> : null}
                  {line}
                </Fragment>
              ))}
            </Fragment>
          );
        }
        const label = report.footnotes[inline.index - 1]?.label ?? String(inline.index);
        return (
          <sup key={i} className="report-fnref">
            <a
              id={`report-fnref-${inline.index}`}
              href={`#report-fn-${inline.index}`}
              aria-label={t('report.footnoteRef', { number: label })}
              onClick={(e) => {
                e.preventDefault();
                jump(`report-fn-${inline.index}`);
              }}
            >
              {label}
            </a>
          </sup>
        );
      })}
    </>
  );
}

/** Moves to an element of the page without touching the address (the app's views live in it). */
function jump(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.focus({ preventScroll: true });
}

function Footnotes({ report }: { report: Report }) {
  const { t } = useTranslation();
  if (report.footnotes.length === 0) return null;
  return (
    <footer className="report-footnotes" aria-label={t('report.footnotes')}>
      <ol>
        {report.footnotes.map((f) => (
          <li key={f.n} id={`report-fn-${f.n}`} tabIndex={-1} data-testid="report-footnote">
            <a
              className="report-fn-label"
              href={`#report-fnref-${f.n}`}
              aria-label={t('report.backToFootnoteRef', { number: f.label })}
              onClick={(e) => {
                e.preventDefault();
                jump(`report-fnref-${f.n}`);
              }}
            >
              {f.label}
            </a>
            <span dir="auto">{f.text}</span>
          </li>
        ))}
      </ol>
    </footer>
  );
}

type ListEntry = { label: string; text: string; children?: ListEntry[] };

/** An unnumbered list of the report (the adopted agenda with its sub-items, the documentation). */
function ReportList({ entries }: { entries: readonly ListEntry[] }) {
  return (
    <ol className="report-list">
      {entries.map((entry, i) => (
        <li key={i}>
          <span className="report-list-label">{entry.label}</span>
          <span className="report-list-text" dir="auto">
            {entry.text}
          </span>
          {entry.children?.length ? <ReportList entries={entry.children} /> : null}
        </li>
      ))}
    </ol>
  );
}
