/**
 * The side panel of the text view: status at a glance (with jumps), the
 * selected paragraph (status, history; the chair sets the status or reopens
 * an adopted paragraph with a reason), the pen, and the secretariat's import.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  can,
  delegationName,
  diffWords,
  formatInteger,
  PARAGRAPH_STATUSES,
  paragraphStatus,
  type Actor,
  type Lang,
  type MeetingState,
  type ParagraphStatus,
} from '@gavel/shared';
import type { ImportNote, NoParagraphsReason } from '@gavel/shared/editor/import';
import { ApiError } from '../../api/http';
import { useReportNumber } from '../report/useReportNumber';
import { ErrorText } from '../../components/ErrorText';
import { useCommand } from '../../components/useCommand';
import { useDialogs } from '../../components/Dialogs';
import { formatDateTime } from '../../i18n';
import { penHolderName } from '../../editor/penName';
import { useDraft, type DraftStore } from '../../editor/store';
import { draftApi, type ParagraphHistory } from '../../api/drafts';
import { groupByStatus, nextWithStatus, paragraphsInScope, type GlanceParagraph, type Scope } from './glance';

/** Scrolls to a paragraph and makes it the selected one. */
export function jumpTo(store: DraftStore, paragraphId: string): void {
  store.set({ selected: paragraphId });
  const el = document.querySelector<HTMLElement>(`.draft-edit [data-pid="${CSS.escape(paragraphId)}"]`);
  el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}

function useGlance(store: DraftStore, state: MeetingState, docName: string): GlanceParagraph[] {
  const { reading } = useDraft(store);
  return useMemo(
    () => (reading?.units ?? []).map((u) => ({ id: u.id, number: u.number, status: paragraphStatus(state, docName, u.id) })),
    [reading, state, docName],
  );
}

export function StatusGlance({ store, state, docName, docLang }: { store: DraftStore; state: MeetingState; docName: string; docLang: Lang }) {
  const { t } = useTranslation();
  const paragraphs = useGlance(store, state, docName);
  const { selected } = useDraft(store);
  const groups = groupByStatus(paragraphs);
  return (
    <section className="panel status-glance" aria-labelledby="glance-title" data-testid="status-glance">
      <h2 id="glance-title">{t('paragraphs.atAGlance')}</h2>
      <ul className="glance-list">
        {groups.map((g) => (
          <li key={g.status} className={`glance-row pstatus-${g.status}`} data-testid={`glance-${g.status}`}>
            <span className="status-swatch" aria-hidden="true" />
            <span className="glance-label">{t(`paragraphs.statuses.${g.status}`)}</span>
            <span className="count">{formatInteger(g.paragraphs.length, docLang)}</span>
            {g.paragraphs.length > 0 ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  const next = nextWithStatus(paragraphs, g.status, selected);
                  if (next) jumpTo(store, next.id);
                }}
              >
                {t('paragraphs.next')}
              </button>
            ) : null}
            {g.paragraphs.length > 0 ? (
              <div className="glance-chips">
                {g.paragraphs.slice(0, 60).map((p) =>
                  p.number === null ? null : (
                    <button
                      key={p.id}
                      type="button"
                      className="chip"
                      aria-label={t('paragraphs.jump', { number: formatInteger(p.number, docLang) })}
                      aria-current={p.id === selected ? 'true' : undefined}
                      onClick={() => jumpTo(store, p.id)}
                    >
                      {formatInteger(p.number, docLang)}
                    </button>
                  ),
                )}
                {g.paragraphs.length > 60 ? <span className="muted">…</span> : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function SelectedParagraph({
  store,
  state,
  docName,
  docLang,
  actor,
}: {
  store: DraftStore;
  state: MeetingState;
  docName: string;
  docLang: Lang;
  actor: Actor;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const runner = useCommand();
  const { reading, selected } = useDraft(store);
  const [status, setStatus] = useState<ParagraphStatus>('under_consideration');
  const [scope, setScope] = useState<Scope>('paragraph');
  const [reason, setReason] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const ids = useId();
  useEffect(() => {
    setShowHistory(false);
    setReason('');
    runner.clearError();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);

  const unit = selected ? reading?.units.find((u) => u.id === selected) : undefined;
  if (!selected || !unit) {
    return (
      <section className="panel" aria-labelledby={`${ids}-title`}>
        <h2 id={`${ids}-title`}>{t('paragraphs.selectedNone')}</h2>
        <p className="muted">{t('paragraphs.selectHint')}</p>
      </section>
    );
  }
  const current = paragraphStatus(state, docName, unit.id);
  const record = state.paragraphs[docName]?.[unit.id];
  const label = unit.number === null ? t('paragraphs.unnumbered') : formatInteger(unit.number, docLang);
  const mayDecide = can(actor, { type: 'paragraph.setStatus', doc: docName, paragraphIds: [unit.id], status }, state);
  const targets = reading ? paragraphsInScope(reading.items, unit.id, scope) : [unit.id];
  const lastChange = record?.changes.at(-1);

  return (
    <section className={`panel selected-paragraph pstatus-${current}`} aria-labelledby={`${ids}-title`} data-testid="selected-paragraph">
      <h2 id={`${ids}-title`}>{t('paragraphs.selected', { number: label })}</h2>
      {unit.number !== null ? <Numberings state={state} docName={docName} paragraphId={unit.id} number={unit.number} docLang={docLang} /> : null}
      <p>
        <span className={`status-badge pstatus-${current}`} data-testid="selected-status">
          {t(`paragraphs.statuses.${current}`)}
        </span>{' '}
        {record ? <span className="muted">{t('paragraphs.since', { time: formatDateTime(record.since, lang), by: record.by })}</span> : null}
      </p>
      {lastChange?.reopened ? <p className="muted">{t('paragraphs.reopenedBecause', { reason: lastChange.note })}</p> : null}
      {docName === 'recommendations' && can(actor, { type: 'screen.show', mode: 'text', paragraphId: unit.id }, state) ? (
        state.screen.mode === 'text' && state.screen.paragraphId === unit.id ? (
          <p className="muted" data-testid="on-screen">
            {t('room.shown')}
          </p>
        ) : (
          <button
            type="button"
            disabled={runner.busy}
            data-testid="show-on-screen"
            onClick={() => void runner.run({ type: 'screen.show', mode: 'text', paragraphId: unit.id })}
          >
            {t('room.showParagraph')}
          </button>
        )
      ) : null}

      {mayDecide && current !== 'adopted' ? (
        <form
          className="stack-s"
          onSubmit={(e) => {
            e.preventDefault();
            void runner.run({ type: 'paragraph.setStatus', doc: docName, paragraphIds: targets, status });
          }}
        >
          <div className="row">
            <div className="field">
              <label htmlFor={`${ids}-status`}>{t('paragraphs.setStatus')}</label>
              <select id={`${ids}-status`} value={status} onChange={(e) => setStatus(e.target.value as ParagraphStatus)} data-testid="status-select">
                {PARAGRAPH_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`paragraphs.statuses.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${ids}-scope`}>{t('paragraphs.scope')}</label>
              <select id={`${ids}-scope`} value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
                <option value="paragraph">{t('paragraphs.scopeParagraph')}</option>
                <option value="subsection">{t('paragraphs.scopeSubsection')}</option>
                <option value="section">{t('paragraphs.scopeSection')}</option>
              </select>
            </div>
          </div>
          <button type="submit" className="primary" disabled={runner.busy} data-testid="status-apply">
            {targets.length > 1 ? t('paragraphs.applyMany', { count: targets.length }) : t('paragraphs.apply')}
          </button>
        </form>
      ) : null}

      {mayDecide && current === 'adopted' ? (
        <form
          className="stack-s"
          onSubmit={(e) => {
            e.preventDefault();
            void runner.run({ type: 'paragraph.reopen', doc: docName, paragraphId: unit.id, reason }).then((r) => r && setReason(''));
          }}
        >
          <p className="muted">{t('paragraphs.adoptedReadOnly')}</p>
          <div className="field">
            <label htmlFor={`${ids}-reason`}>{t('paragraphs.reopenReason')}</label>
            <input id={`${ids}-reason`} value={reason} required maxLength={1000} onChange={(e) => setReason(e.target.value)} data-testid="reopen-reason" />
          </div>
          <button type="submit" disabled={runner.busy || !reason.trim()} data-testid="reopen">
            {t('paragraphs.reopen')}
          </button>
        </form>
      ) : null}
      <ErrorText error={runner.error} />

      <button type="button" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)} data-testid="history-toggle">
        {showHistory ? t('history.close') : t('history.open')}
      </button>
      {showHistory ? <HistoryPanel meetingId={state.id} docName={docName} paragraphId={unit.id} docLang={docLang} /> : null}
    </section>
  );
}

function HistoryPanel({ meetingId, docName, paragraphId, docLang }: { meetingId: string; docName: string; paragraphId: string; docLang: Lang }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [history, setHistory] = useState<ParagraphHistory | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [chosen, setChosen] = useState(0);
  useEffect(() => {
    let live = true;
    draftApi.history(meetingId, docName, paragraphId).then(
      (h) => {
        if (!live) return;
        setHistory(h);
        // Compare the version before the last with now, when there is one.
        setChosen(Math.max(0, h.versions.length - 2));
      },
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [meetingId, docName, paragraphId]);

  if (error) return <p className="error">{t('history.failed')}</p>;
  if (!history) return <p className="muted">{t('app.loading')}</p>;
  const now = history.versions.at(-1);
  const then = history.versions[chosen];
  return (
    <div className="history" data-testid="history">
      <h3>{t('history.title')}</h3>
      {history.versions.length === 0 ? <p className="muted">{t('history.none')}</p> : null}
      <ol className="history-versions">
        {history.versions.map((v, i) => (
          <li key={v.seq}>
            <label className="inline">
              <input type="radio" name={`history-${paragraphId}`} checked={i === chosen} onChange={() => setChosen(i)} />
              <span>
                {formatDateTime(v.to, lang)} · {t('history.by', { names: v.by.join(', ') })}
                {v.number !== null ? ` · ${t('history.numbered', { number: formatInteger(v.number, docLang) })}` : ''}
                {i === history.versions.length - 1 ? ` · ${t('history.now')}` : ''}
              </span>
            </label>
          </li>
        ))}
      </ol>
      {then && now ? (
        <div className="history-diff" lang={docLang} dir="auto" data-testid="history-diff">
          <p className="muted">{t('history.compared', { time: formatDateTime(then.to, lang) })}</p>
          {then.text === null ? (
            <p>{t('history.absent')}</p>
          ) : then === now ? (
            <p>{now.text}</p>
          ) : (
            <p>
              {diffWords(then.text, now.text ?? '').map((part, i) =>
                part.op === 'same' ? (
                  <span key={i}>{part.text}</span>
                ) : part.op === 'delete' ? (
                  <del key={i}>{part.text}</del>
                ) : (
                  <ins key={i}>{part.text}</ins>
                ),
              )}
            </p>
          )}
        </div>
      ) : null}
      {history.statusChanges.length > 0 ? (
        <>
          <h3>{t('history.statusChanges')}</h3>
          <ul className="history-status">
            {history.statusChanges.map((c, i) => (
              <li key={i}>
                {formatDateTime(c.at, lang)}: {t(`paragraphs.statuses.${c.status}`)} ({c.by}){c.note ? ` — ${c.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** Who holds the pen; the chair and the secretariat hand it to an access code and take it back. */
export function PenPanel({ state, actor }: { state: MeetingState; actor: Actor }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const runner = useCommand();
  const holder = state.pen.holder;
  const candidates = Object.values(state.codes).filter((c) => !c.revokedAt && c.role !== 'viewer' && c.id !== holder?.codeId);
  const [codeId, setCodeId] = useState('');
  const mayHand = can(actor, { type: 'pen.takeBack' }, state);
  const selectId = useId();
  const codeName = (c: (typeof candidates)[number]) => {
    const delegation = c.delegationId ? state.delegations[c.delegationId] : undefined;
    const who = delegation ? delegationName(delegation, lang) : t(`roles.${c.role}`);
    return c.label && c.label !== who ? `${c.label} (${who})` : who;
  };
  return (
    <section className="panel pen-panel" aria-labelledby={`${selectId}-title`} data-testid="pen-panel">
      <h2 id={`${selectId}-title`}>{t('pen.title')}</h2>
      <p data-testid="pen-holder">{holder ? t('pen.heldBy', { name: penHolderName(state, holder, lang, t) }) : t('pen.withChair')}</p>
      {mayHand ? (
        <form
          className="stack-s"
          onSubmit={(e) => {
            e.preventDefault();
            if (codeId) void runner.run({ type: 'pen.hand', codeId }).then((r) => r && setCodeId(''));
          }}
        >
          <div className="field">
            <label htmlFor={selectId}>{t('pen.handTo')}</label>
            <select id={selectId} value={codeId} onChange={(e) => setCodeId(e.target.value)} data-testid="pen-code">
              <option value="">—</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {codeName(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={!codeId || runner.busy} data-testid="pen-hand">
              {t('pen.hand')}
            </button>
            {holder ? (
              <button type="button" disabled={runner.busy} onClick={() => void runner.run({ type: 'pen.takeBack' })} data-testid="pen-take-back">
                {t('pen.takeBack')}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
      <ErrorText error={runner.error} />
    </section>
  );
}

/** Which numbering the number above is (the draft's), and the paragraph's number in the report. */
function Numberings({ state, docName, paragraphId, number, docLang }: { state: MeetingState; docName: string; paragraphId: string; number: number; docLang: Lang }) {
  const { t } = useTranslation();
  const report = useReportNumber(state.id, docName, paragraphId, docLang, state.seq);
  const draft = formatInteger(number, docLang);
  return (
    <p className="muted" data-testid="numberings">
      {report === null ? t('numbering.draft', { number: draft }) : t('numbering.draftAndReport', { number: draft, report: formatInteger(report, docLang) })}
    </p>
  );
}

/** What the import guessed, line by line, for the secretariat to check in the text. */
function ImportNotes({ notes }: { notes: ImportNote[] }) {
  const { t, i18n } = useTranslation();
  if (notes.length === 0) return null;
  const lang = i18n.language as Lang;
  return (
    <div className="import-notes" data-testid="import-notes">
      <p>{t('text.importNotes', { count: formatInteger(notes.length, lang) })}</p>
      <ul>
        {notes.map((n, i) => (
          <li key={i}>
            <span className="muted">{t('text.importLine', { line: formatInteger(n.line, lang) })}:</span> {t(`text.importNote_${n.code}`)}{' '}
            <q dir="auto">{n.text}</q>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The secretariat starts the text from its own draft (DOCX or plain text). */
export function ImportPanel({ state, docName }: { state: MeetingState; docName: string }) {
  const { t } = useTranslation();
  const dialogs = useDialogs();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [notes, setNotes] = useState<ImportNote[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const id = useId();
  // A refusal for want of paragraphs says why, with the lines it read as headings.
  const refusal = error?.details as { reason?: NoParagraphsReason; notes?: ImportNote[] } | undefined;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <details>
        <summary id={`${id}-title`}>{t('text.importTitle')}</summary>
        <form
          className="stack-s"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!file) return;
            const go = await dialogs.confirm({ title: t('text.importTitle'), message: t('text.importConfirm'), confirm: t('dialog.replaceText'), danger: true });
            if (!go) return;
            setBusy(true);
            setError(null);
            setDone(null);
            setNotes([]);
            draftApi
              .importDraft(state.id, docName, file)
              .then(
                (r) => {
                  setDone(r.paragraphs);
                  setNotes(r.notes);
                },
                (e: unknown) => setError(e instanceof ApiError ? e : new ApiError('internal', String(e))),
              )
              .finally(() => setBusy(false));
          }}
        >
          <p className="hint">{t('text.importHint')}</p>
          <input
            type="file"
            accept=".docx,.txt,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-label={t('text.importFile')}
          />
          <button type="submit" disabled={!file || busy}>
            {t('text.importButton')}
          </button>
          {done !== null ? <p className="success">{t('text.imported', { count: done })}</p> : null}
          <ErrorText error={error} />
          {refusal?.reason ? <p className="error">{t(`text.noParagraphs_${refusal.reason}`)}</p> : null}
          <ImportNotes notes={refusal?.notes ?? notes} />
        </form>
      </details>
    </section>
  );
}
