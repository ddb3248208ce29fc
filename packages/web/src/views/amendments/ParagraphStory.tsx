/**
 * The story of a paragraph on one page: how it reads now, every amendment
 * with its sponsor, co-sponsors, supporters, objectors and the chair's
 * decision, its brackets, objections, reservations and explanations, every
 * version of its words compared with the one before, and everything in the
 * order it happened; with exports (HTML, Markdown) to keep or send.
 */
import { Fragment, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { crossRefWords, diffWords, formatInteger, paragraphStatus, type MeetingState, type SessionInfo } from '@gavel/shared';
import { draftApi, type ParagraphVersion } from '../../api/drafts';
import { ApiError } from '../../api/http';
import { negotiationApi, saveBlob, type StoryFormat } from '../../api/negotiation';
import { ErrorText } from '../../components/ErrorText';
import { formatDateTime } from '../../i18n';
import { AmendmentCard } from './AmendmentCard';
import { amendmentsAt } from './present';
import { storyTimeline, type TimelineValue } from './timeline';
import { RichWords } from './TrackedText';
import { isolate, useNegotiation } from './useNegotiation';
import { useReportNumber } from '../report/useReportNumber';

export function ParagraphStory({ state, session, doc, paragraphId, onBack }: { state: MeetingState; session: SessionInfo; doc: string; paragraphId: string; onBack: () => void }) {
  const n = useNegotiation(state, session, doc);
  const { t } = useTranslation(undefined, { lng: n.lang });
  // The word for a deletion is the text's own, in its language (loaded if need be).
  const { t: tDoc } = useTranslation(undefined, { lng: n.docLang });
  const id = useId();
  const [versions, setVersions] = useState<ParagraphVersion[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [exporting, setExporting] = useState<StoryFormat | null>(null);

  // The versions come from the text's stored history; reloaded when the ledger moves (a decision may have changed the words).
  const seq = state.seq;
  useEffect(() => {
    let live = true;
    draftApi.history(state.id, doc, paragraphId).then(
      (h) => live && setVersions(h.versions),
      (e: unknown) => live && setLoadError(e instanceof ApiError ? e : new ApiError('internal', String(e))),
    );
    return () => {
      live = false;
    };
  }, [state.id, doc, paragraphId, seq]);

  const number = n.numberOf(paragraphId);
  const reportNumber = useReportNumber(state.id, doc, paragraphId, n.docLang, state.seq);
  // Which numbering: the draft's, and the report's beside it when it differs or is known.
  const label =
    number === null
      ? t('amendments.paragraphUnnumbered')
      : reportNumber === null
        ? t('numbering.draft', { number: formatInteger(number, n.docLang) })
        : t('numbering.draftAndReport', { number: formatInteger(number, n.docLang), report: formatInteger(reportNumber, n.docLang) });
  const status = paragraphStatus(state, doc, paragraphId);
  const content = n.content(paragraphId);
  const amendments = amendmentsAt(state.negotiation, doc, paragraphId);
  const refWords = (pid: string) => crossRefWords(n.numberOf(pid), 'self', n.docLang);
  const timeline = storyTimeline(state, doc, paragraphId, versions ?? [], n.nameOf, { deleteWord: tDoc('amendments.deleteWord'), refWords });
  // Words of the meeting (names, reasons, the text) keep their own direction inside the reader's sentence.
  const word = (v: TimelineValue) => (typeof v === 'object' ? t(v.t) : typeof v === 'number' ? formatInteger(v, n.lang) : isolate(v));

  const exportAs = (format: StoryFormat) => {
    setExporting(format);
    setExportError(null);
    negotiationApi
      .storyFile(state.id, doc, paragraphId, format, n.lang)
      .then(
        (blob) => saveBlob(blob, `paragraph-${number ?? 'unnumbered'}-story.${format === 'md' ? 'md' : 'html'}`),
        (e: unknown) => setExportError(e instanceof ApiError ? e : new ApiError('internal', String(e))),
      )
      .finally(() => setExporting(null));
  };

  return (
    <div className="view paragraph-story" data-testid="paragraph-story">
      <p>
        <button type="button" className="link-button" onClick={onBack} data-testid="story-back">
          <span className="flip" aria-hidden="true">
            ←
          </span>{' '}
          {t('story.back')}
        </button>
      </p>
      <header className="story-head">
        <h2 id={`${id}-title`}>{t('story.title', { paragraph: label })}</h2>
        <span className={`status-badge pstatus-${status}`}>{t(`paragraphs.statuses.${status}`)}</span>
        <div className="story-exports" role="group" aria-label={t('story.export')}>
          <span className="muted">{t('story.export')}</span>
          <button type="button" disabled={exporting !== null} onClick={() => exportAs('html')} data-testid="story-export-html">
            HTML
          </button>
          <button type="button" disabled={exporting !== null} onClick={() => exportAs('md')} data-testid="story-export-md">
            Markdown
          </button>
        </div>
      </header>
      <ErrorText error={exportError} />

      <section className="panel" aria-labelledby={`${id}-now`}>
        <h3 id={`${id}-now`}>{t('story.now')}</h3>
        <p className="paragraph-words" lang={n.docLang} dir="auto" data-testid="story-now">
          {content ? <RichWords paragraph={content} c={n.numbers(paragraphId)} colourOf={n.colourOf} /> : n.loaded ? t('amendments.paragraphGone') : t('app.loading')}
        </p>
      </section>

      {amendments.length ? (
        <section className="panel" aria-labelledby={`${id}-amendments`}>
          <h3 id={`${id}-amendments`}>{t('amendments.title')}</h3>
          <div className="amendment-list">
            {amendments.map((a) => (
              <AmendmentCard key={a.id} n={n} amendment={a} readOnly />
            ))}
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby={`${id}-timeline`}>
        <h3 id={`${id}-timeline`}>{t('story.timeline')}</h3>
        <ErrorText error={loadError} />
        {versions === null && !loadError ? <p className="muted">{t('app.loading')}</p> : null}
        {timeline.length === 0 && versions !== null ? <p className="muted">{t('story.empty')}</p> : null}
        <ol className="timeline" data-testid="story-timeline">
          {timeline.map((e, i) => (
            <li key={i} className={`timeline-entry kind-${e.kind}`}>
              <time dateTime={e.at} className="muted">
                {formatDateTime(e.at, n.lang)}
              </time>
              <span className="timeline-what">{t(`story.entries.${e.key}`, Object.fromEntries(Object.entries(e.values).map(([k, v]) => [k, word(v)])))}</span>
              {e.by ? <span className="timeline-by muted">{t('story.by', { name: isolate(e.by) })}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      {versions && versions.length > 1 ? (
        <section className="panel" aria-labelledby={`${id}-versions`}>
          <h3 id={`${id}-versions`}>{t('story.versions')}</h3>
          <ol className="story-versions">
            {versions.map((v, i) => {
              const before = versions[i - 1];
              return (
                <li key={v.seq}>
                  <p className="muted">
                    {formatDateTime(v.to, n.lang)} · {t('history.by', { names: v.by.join(', ') })}
                  </p>
                  <p className="history-diff" lang={n.docLang} dir="auto">
                    {v.text === null ? (
                      t('history.absent')
                    ) : before?.text ? (
                      diffWords(before.text, v.text).map((p, k) => (
                        <Fragment key={k}>{p.op === 'same' ? p.text : p.op === 'delete' ? <del>{p.text}</del> : <ins>{p.text}</ins>}</Fragment>
                      ))
                    ) : (
                      v.text
                    )}
                  </p>
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
