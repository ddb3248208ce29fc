/**
 * Above the report: the language it is shown and exported in, the exports
 * (the report in each format, the meeting's ledger), the adoption of the
 * report (recorded by the chair or the secretariat, reopened with a reason),
 * and the secretariat's choice of a section III.D Documentation.
 */
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateTimeFields';
import { can, formatDate, LANGUAGE_AUTONYMS, LANGUAGES, venueDate, type Actor, type Lang, type MeetingState } from '@gavel/shared';
import { ApiError } from '../../api/http';
import { ErrorText } from '../../components/ErrorText';
import { useCommand } from '../../components/useCommand';
import { useServerNow } from '../../components/useServerNow';
import { download, ledgerUrl, PARTICIPANTS_FORMATS, participantsUrl, REPORT_FORMATS, reportUrl, type ParticipantsFormat, type ReportFormat } from './exports';

export function ReportTools({
  state,
  actor,
  lang,
  onLang,
  adoptionRef,
}: {
  state: MeetingState;
  actor: Actor;
  lang: Lang;
  onLang: (lang: Lang) => void;
  adoptionRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation();
  const langId = useId();
  return (
    <section className="report-tools" aria-label={t('report.tools')}>
      <div className="report-tools-row">
        <div className="report-tool">
          <label htmlFor={langId}>{t('report.language')}</label>
          <select id={langId} value={lang} onChange={(e) => onLang(e.target.value as Lang)} data-testid="report-lang">
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_AUTONYMS[l]}
              </option>
            ))}
          </select>
        </div>
        <Downloads meetingId={state.id} lang={lang} symbol={state.info.symbol} participants={actor.role === 'secretariat' || actor.role === 'chair'} />
      </div>
      <div className="report-tools-row">
        <Adoption state={state} actor={actor} adoptionRef={adoptionRef} />
        {can(actor, { type: 'report.configure', documentation: true }, state) ? <Documentation state={state} /> : null}
      </div>
    </section>
  );
}

type Busy = ReportFormat | 'ledger' | `participants-${ParticipantsFormat}` | null;

/** The report's downloads, the ledger, and (for the chair and the secretariat) the list of participants. */
function Downloads({ meetingId, lang, symbol, participants }: { meetingId: string; lang: Lang; symbol: string; participants: boolean }) {
  const { t } = useTranslation();
  const labelId = useId();
  const [busy, setBusy] = useState<Busy>(null);
  const [failure, setFailure] = useState<{ what: string; error: ApiError } | null>(null);
  const base = (symbol || 'report').replace(/[^A-Za-z0-9.-]+/g, '_');

  const get = async (what: Busy & string, name: string, path: string, fallback: string) => {
    setBusy(what);
    setFailure(null);
    try {
      await download(path, fallback);
    } catch (e) {
      setFailure({ what: name, error: e instanceof ApiError ? e : new ApiError('internal', String(e)) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="report-tool report-downloads" role="group" aria-labelledby={labelId}>
      <span id={labelId} className="report-tool-label">
        {t('report.download')}
      </span>
      <div className="report-buttons">
        {REPORT_FORMATS.map(({ format, name }) => (
          <button
            key={format}
            type="button"
            disabled={busy !== null}
            aria-busy={busy === format}
            title={t('report.downloadAs', { format: name })}
            data-testid={`export-${format}`}
            onClick={() => void get(format, name, reportUrl(meetingId, format, lang), `${base}.${lang}.${format}`)}
          >
            {busy === format ? t('report.preparing') : name}
          </button>
        ))}
        <button
          type="button"
          className="report-ledger"
          disabled={busy !== null}
          aria-busy={busy === 'ledger'}
          title={t('report.ledgerTitle')}
          data-testid="export-ledger"
          onClick={() => void get('ledger', t('report.ledger'), ledgerUrl(meetingId), `${base}.ledger.jsonl`)}
        >
          {busy === 'ledger' ? t('report.preparing') : t('report.ledger')}
        </button>
      </div>
      {participants ? (
        <div className="report-buttons report-participants" role="group" aria-label={t('report.participantsList')}>
          <span className="report-tool-label">{t('report.participantsList')}</span>
          {PARTICIPANTS_FORMATS.map(({ format, name }) => (
            <button
              key={format}
              type="button"
              disabled={busy !== null}
              aria-busy={busy === `participants-${format}`}
              title={t('report.participantsListAs', { format: name })}
              data-testid={`participants-${format}`}
              onClick={() =>
                void get(`participants-${format}`, `${t('report.participantsList')} (${name})`, participantsUrl(meetingId, format, lang), `${base}.participants.${lang}.${format}`)
              }
            >
              {busy === `participants-${format}` ? t('report.preparing') : name}
            </button>
          ))}
        </div>
      ) : null}
      {failure ? (
        <p className="error report-download-error" role="alert" data-testid="download-error">
          {t('report.downloadFailed', { format: failure.what })}{' '}
          <span className="error-detail" dir="auto">
            {failure.error.code === 'network' ? t('error.network') : failure.error.message}
          </span>
        </p>
      ) : null}
    </div>
  );
}

function Adoption({ state, actor, adoptionRef }: { state: MeetingState; actor: Actor; adoptionRef: RefObject<HTMLDivElement | null> }) {
  const { t, i18n } = useTranslation();
  const uiLang = i18n.language as Lang;
  const runner = useCommand();
  const now = useServerNow(60_000);
  const dateId = useId();
  const reasonId = useId();
  const today = venueDate(now, state.rules.programme.timeZone);
  const [date, setDate] = useState('');
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const adoption = state.report.adoption;
  const mayAdopt = can(actor, { type: 'report.adopt' }, state);
  const mayReopen = can(actor, { type: 'report.reopen', reason: 'x' }, state);

  const adopt = async (e: FormEvent) => {
    e.preventDefault();
    await runner.run({ type: 'report.adopt', date: date || today });
  };
  const reopen = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return;
    const done = await runner.run({ type: 'report.reopen', reason: reason.trim() });
    if (done) {
      setReopening(false);
      setReason('');
    }
  };

  return (
    <div className="report-tool report-adoption" ref={adoptionRef} data-testid="report-adoption">
      <span className="report-tool-label">{t('report.adoption')}</span>
      {adoption ? (
        <div className="report-adoption-state">
          <span className="report-adopted" data-testid="report-adopted">
            {t('report.adoptedOn', { date: formatDate(adoption.date, uiLang) })}
          </span>
          {mayReopen && !reopening ? (
            <button type="button" onClick={() => setReopening(true)} data-testid="report-reopen">
              {t('report.reopen')}
            </button>
          ) : null}
        </div>
      ) : mayAdopt ? (
        <form className="report-adopt-form" onSubmit={adopt}>
          <label htmlFor={dateId} className="visually-hidden">
            {t('report.adoptionDate')}
          </label>
          <DateField id={dateId} value={date || today} onChange={setDate} required testId="report-adoption-date" />
          <button type="submit" className="primary" disabled={runner.busy} data-testid="report-adopt">
            {t('report.adopt')}
          </button>
        </form>
      ) : (
        <span className="muted">{t('report.notAdopted')}</span>
      )}
      {adoption && reopening ? (
        <form className="report-reopen-form" onSubmit={reopen}>
          <label htmlFor={reasonId}>{t('report.reopenReason')}</label>
          <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} autoFocus data-testid="report-reopen-reason" />
          <button type="submit" className="danger" disabled={runner.busy || !reason.trim()} data-testid="report-reopen-confirm">
            {t('report.reopenConfirm')}
          </button>
          <button type="button" onClick={() => setReopening(false)}>
            {t('actions.cancel')}
          </button>
        </form>
      ) : null}
      <ErrorText error={runner.error} />
    </div>
  );
}

function Documentation({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const runner = useCommand();
  const id = useId();
  // Ticked at once, as asked, until the server's answer says what holds (the same, or not on refusal).
  const [asked, setAsked] = useState<boolean | null>(null);
  const change = async (documentation: boolean) => {
    setAsked(documentation);
    await runner.run({ type: 'report.configure', documentation });
    setAsked(null);
  };
  return (
    <div className="report-tool report-documentation">
      <label className="inline" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={asked ?? state.report.documentation}
          disabled={runner.busy}
          onChange={(e) => void change(e.target.checked)}
          data-testid="report-documentation"
        />
        {t('report.documentation')}
      </label>
      <ErrorText error={runner.error} />
    </div>
  );
}
