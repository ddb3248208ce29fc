/**
 * The report view (issue 6), for the secretariat and the chair: the report
 * compiled live as the meeting goes on, in the language chosen, each
 * generated paragraph marked and linked to its source; the exports; the
 * adoption of the report. The secretariat writes the written parts (the
 * introduction, the summaries of the deliberations, additions to the
 * adoption) in place, in the collaborative editor, and the compiled report
 * follows as it types.
 */
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canWriteDoc, direction, formatAgendaLabel, type Actor, type Lang, type MeetingState, type SessionInfo } from '@gavel/shared';
import { DraftEditor } from '../../editor/DraftEditor';
import { DraftStore } from '../../editor/store';
import { ReportPage, type ReportParagraph, type WrittenMarker } from './ReportPage';
import { ReportTools } from './ReportTools';
import { placeHref, sourceKey, sourcePlace, writtenPart } from './sources';
import { useLiveReport } from './useLiveReport';

export function ReportView({ state, session }: { state: MeetingState; session: SessionInfo }) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<Lang>(state.info.language);
  const live = useLiveReport(lang);
  const [writing, setWriting] = useState<string | null>(null);
  const actor: Actor = { role: session.role, name: session.name, delegationId: session.delegationId, codeId: session.codeId };
  const partName = usePartName(state);
  const adoptionRef = useRef<HTMLDivElement>(null);

  // After "Done", back to the button that opened the editor.
  const [returnTo, setReturnTo] = useState<string | null>(null);
  useEffect(() => {
    if (!returnTo) return;
    document.querySelector<HTMLElement>(`[data-testid="report-write"][data-doc="${CSS.escape(returnTo)}"]`)?.focus();
    setReturnTo(null);
  }, [returnTo]);

  const open = (doc: string) => setWriting(doc);
  const done = () => {
    setReturnTo(writing);
    setWriting(null);
  };

  const showAdoption = useCallback(() => {
    adoptionRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    adoptionRef.current?.querySelector<HTMLElement>('button, input')?.focus({ preventScroll: true });
  }, []);

  const renderSource = (p: ReportParagraph) => {
    const place = sourcePlace(p.source);
    const key = sourceKey(p.source);
    const name = place.kind === 'written' ? partName(place.doc) : t(`report.source.${key}`);
    const href = placeHref(place, session.role);
    if (href) {
      return (
        <a className="report-source" href={href} onClick={navigate} title={t('report.sourceTitle', { source: name })} data-testid="source-link" data-source={key}>
          {name}
        </a>
      );
    }
    if (place.kind === 'written' && canWriteDoc(actor, state, place.doc)) {
      return (
        <button
          type="button"
          className="link-button report-source"
          onClick={() => open(place.doc)}
          title={t('report.editAria', { part: name })}
          data-testid="source-link"
          data-source={key}
        >
          {name}
        </button>
      );
    }
    if (place.kind === 'adoption') {
      return (
        <button type="button" className="link-button report-source" onClick={showAdoption} data-testid="source-link" data-source={key}>
          {name}
        </button>
      );
    }
    return (
      <span className="report-source report-source-plain" data-source={key}>
        {place.kind === 'written' ? t('report.writtenBy', { part: name }) : name}
      </span>
    );
  };

  const renderWritten = (marker: WrittenMarker) => {
    if (!canWriteDoc(actor, state, marker.doc)) return null;
    const name = partName(marker.doc);
    if (writing === marker.doc) return <WrittenPartEditor doc={marker.doc} name={name} state={state} session={session} onDone={done} />;
    return <WrittenPartBar marker={marker} name={name} onOpen={() => open(marker.doc)} />;
  };

  return (
    <div className="view report-view">
      <ReportTools state={state} actor={actor} lang={lang} onLang={setLang} adoptionRef={adoptionRef} />
      {/* Not announced: while someone types, the report is compiled again every second or so. */}
      <div className="report-state">{live.report && live.updating ? <span className="muted">{t('report.updating')}</span> : null}</div>
      {live.error ? (
        <p className="error" role="alert" data-testid="report-error">
          {t('report.loadFailed')}{' '}
          <span className="error-detail" dir="auto">
            {live.error.code === 'network' ? t('error.network') : live.error.message}
          </span>
        </p>
      ) : null}
      {live.report ? (
        <ReportPage report={live.report} renderSource={renderSource} renderWritten={renderWritten} writing={writing} />
      ) : live.error ? null : (
        <p className="loading" role="status">
          {t('report.loading')}
        </p>
      )}
    </div>
  );
}

/** Follows a link within the app without reloading it; a new tab or window is the browser's. */
function navigate(e: MouseEvent<HTMLAnchorElement>): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  history.pushState(null, '', e.currentTarget.getAttribute('href'));
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.scrollTo(0, 0);
}

/** The name of a written part of the report, in the UI's language ("Summary of the discussion, item 3"). */
function usePartName(state: MeetingState): (doc: string) => string {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (doc: string) => {
    const part = writtenPart(doc);
    const item = part.itemId ? state.agenda.items[part.itemId] : undefined;
    return t(`report.part.${part.kind}`, { item: item ? formatAgendaLabel(item.path, lang) : '' });
  };
}

/** Where a written part begins, for the secretariat: what it is, and the button that opens it for writing. */
function WrittenPartBar({ marker, name, onOpen }: { marker: WrittenMarker; name: string; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language as Lang;
  const empty = marker.count === 0;
  return (
    // Placed as the page runs (under the heading, at its start side); its words are the UI's.
    <div className="report-written-bar" data-testid="report-written" data-doc={marker.doc}>
      <span className="report-written-name" lang={uiLang} dir={direction(uiLang)}>
        {name}
      </span>
      <button
        type="button"
        lang={uiLang}
        dir={direction(uiLang)}
        onClick={onOpen}
        aria-label={t(empty ? 'report.writeAria' : 'report.editAria', { part: name })}
        data-testid="report-write"
        data-doc={marker.doc}
      >
        {t(empty ? 'report.write' : 'report.edit')}
      </button>
    </div>
  );
}

/**
 * A written part open for writing, in place: the text's own collaborative
 * editor (in the language the meeting drafts in). The compiled paragraphs
 * follow it in the page, renumbered as the text changes.
 */
function WrittenPartEditor({ doc, name, state, session, onDone }: { doc: string; name: string; state: MeetingState; session: SessionInfo; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language as Lang;
  const [store] = useState(() => new DraftStore());
  const section = useRef<HTMLElement>(null);

  // The caret goes into the text as soon as it can be typed in.
  useEffect(() => {
    const root = section.current;
    if (!root) return;
    const focusWhenWritable = () => {
      const content = root.querySelector<HTMLElement>('[data-testid="draft-content"][data-writable="true"]');
      if (!content) return false;
      content.focus();
      return true;
    };
    if (focusWhenWritable()) return;
    const observer = new MutationObserver(() => {
      if (focusWhenWritable()) observer.disconnect();
    });
    observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-writable'], childList: true });
    const stop = setTimeout(() => observer.disconnect(), 10_000);
    return () => {
      observer.disconnect();
      clearTimeout(stop);
    };
  }, []);

  return (
    <section
      ref={section}
      className="report-writer"
      lang={uiLang}
      dir={direction(uiLang)}
      aria-label={t('report.writing', { part: name })}
      data-testid="report-writer"
      data-doc={doc}
      onKeyDown={(e) => {
        // Escape leaves the editor (not while a footnote or reference dialog is open in it).
        if (e.key === 'Escape' && !(e.target as HTMLElement).closest('dialog')) {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <div className="report-writer-head">
        <h4>{t('report.writing', { part: name })}</h4>
        <button type="button" className="primary" onClick={onDone} data-testid="report-write-done">
          {t('report.done')}
        </button>
      </div>
      <p className="hint">{t('report.writerHint')}</p>
      <DraftEditor docName={doc} state={state} lang={state.info.language} mode="edit" store={store} userName={session.name} writerNote={t('report.writerNote')} />
    </section>
  );
}
