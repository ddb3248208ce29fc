import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatDate,
  formatInteger,
  parseStatementTable,
  venueClock,
  venueDate,
  venueInstant,
  type Lang,
  type MeetingState,
  type StatementTable,
  type TimeCorrection,
  type TimedMoment,
} from '@gavel/shared';
import { DateField, TimeField } from '../../components/DateTimeFields';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { formatVenueTime, formatZone } from '../../components/format';
import { useCommand } from '../../components/useCommand';

/**
 * Recording a meeting after the fact, from the secretariat's notes: when the
 * meeting was opened and the agenda adopted (corrected, with a reason), and
 * the statements with the times they were made, uploaded as CSV or JSON.
 */
export function PastMeeting({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="past-heading" data-testid="past-meeting">
      <h2 id="past-heading">{t('past.title')}</h2>
      <p className="muted">{t('past.intro', { zone: formatZone(state.rules.programme.timeZone) })}</p>
      <MomentTime state={state} moment="opening" />
      <MomentTime state={state} moment="adoption" />
      <EnterStatements state={state} />
    </section>
  );
}

/** When the meeting was opened or the agenda adopted, venue time, with its corrections and a form to add one. */
function MomentTime({ state, moment }: { state: MeetingState; moment: TimedMoment }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const zone = state.rules.programme.timeZone;
  const { run, busy, error } = useCommand();
  const held = moment === 'opening' ? state.opening : state.agenda.adoption;
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState('');
  const label = t(`past.moment_${moment}`);
  if (!held) {
    return (
      <div className="past-moment" data-testid={`moment-${moment}`}>
        <h3>{label}</h3>
        <p className="muted">{t(`past.notYet_${moment}`)}</p>
      </div>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const at = venueInstant(date || venueDate(Date.parse(held.at), zone), time || venueClock(Date.parse(held.at), zone), zone);
    if (!at) return setProblem(t('past.badTime'));
    if (!note.trim()) return setProblem(t('statements.problemNote'));
    setProblem('');
    if (await run({ type: 'agenda.correctTime', moment, at, note: note.trim() })) {
      setDate('');
      setTime('');
      setNote('');
    }
  };
  return (
    <form className="past-moment" data-testid={`moment-${moment}`} onSubmit={submit} aria-label={label}>
      <h3>{label}</h3>
      <p>
        {formatDate(venueDate(Date.parse(held.at), zone), lang)}, <span dir="ltr">{formatVenueTime(held.at, zone, lang, false)}</span>
      </p>
      <TimeCorrections corrections={held.corrections ?? []} zone={zone} />
      <div className="row">
        <Field label={t('statements.date')}>
          {(p) => <DateField id={p.id} testId={`${moment}-date`} value={date || venueDate(Date.parse(held.at), zone)} onChange={setDate} />}
        </Field>
        <Field label={t('past.time')}>
          {(p) => <TimeField id={p.id} testId={`${moment}-time`} value={time || venueClock(Date.parse(held.at), zone).slice(0, 5)} onChange={setTime} />}
        </Field>
        <Field label={t('statements.note')} hint={t('past.noteHint')}>
          {(p) => <input {...p} dir="auto" data-testid={`${moment}-note`} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {t('past.correct')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}

function TimeCorrections({ corrections, zone }: { corrections: TimeCorrection[]; zone: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (corrections.length === 0) return null;
  const when = (iso: string) => `${formatDate(venueDate(Date.parse(iso), zone), lang)}, ${formatVenueTime(iso, zone, lang, false)}`;
  return (
    <ol className="corrections" data-testid="time-corrections">
      {corrections.map((c) => (
        <li key={c.id}>
          <del>{when(c.from)}</del>
          <span className="visually-hidden"> {t('statements.changedTo')} </span> <ins>{when(c.to)}</ins>{' '}
          <span className="muted">{t('statements.correctedBy', { date: formatDate(venueDate(Date.parse(c.at), zone), lang), time: formatVenueTime(c.at, zone, lang, false), name: c.by })}</span>
          <p className="correction-note" dir="auto">
            <span className="field-name">{t('statements.note')}:</span> {c.note}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Statements from notes: a CSV or JSON file read in the browser, every row checked, then entered all at once. */
function EnterStatements({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const [read, setRead] = useState<StatementTable | null>(null);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState('');

  const load = async (file: File | undefined) => {
    setOutcome('');
    if (!file) return setRead(null);
    const format = file.name.toLowerCase().endsWith('.json') || file.type.includes('json') ? 'json' : 'csv';
    setRead(parseStatementTable(state, await file.text(), format));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!read || read.statements.length === 0 || read.errors.length > 0 || !note.trim()) return;
    if (await run({ type: 'statements.enter', statements: read.statements, note: note.trim() })) {
      setOutcome(t('past.entered', { count: formatInteger(read.statements.length, lang) }));
      setRead(null);
      setNote('');
    }
  };

  return (
    <form className="past-statements" onSubmit={submit} aria-labelledby="past-statements-heading">
      <h3 id="past-statements-heading">{t('past.statements')}</h3>
      <p className="muted">{t('past.statementsHint')}</p>
      <pre className="sample" dir="ltr">
        {'item,date,start,end,delegation,capacity,speaker,on_behalf_of\n3,2010-01-27,10:05,10:09:30,Norway,,,\n3,2010-01-27,10:10,10:21,,panellist,Ms. Venla Roth,'}
      </pre>
      <Field label={t('past.file')}>
        {(p) => <input {...p} type="file" data-testid="past-file" accept=".csv,.json,text/csv,application/json" onChange={(e) => void load(e.target.files?.[0])} />}
      </Field>
      <Field label={t('past.source')} hint={t('past.sourceHint')}>
        {(p) => <input {...p} dir="auto" required data-testid="past-note" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {read ? (
        <div role="status" data-testid="past-read">
          <p>{t('past.ready', { count: formatInteger(read.statements.length, lang) })}</p>
          {read.errors.length > 0 ? (
            <div className="error">
              <p>{t('past.errors', { count: formatInteger(read.errors.length, lang) })}</p>
              <ul>
                {read.errors.slice(0, 30).map((er) => (
                  <li key={`${er.row}-${er.problem}`} dir="auto">
                    {er.row > 0 ? `${t('past.row', { row: formatInteger(er.row, lang) })}: ` : ''}
                    {t(`past.problem_${er.problem}`, { value: er.value ?? '' })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
      <button type="submit" className="primary" data-testid="past-enter" disabled={busy || !read || read.statements.length === 0 || read.errors.length > 0}>
        {t('past.enter')}
      </button>
      <ErrorText error={error} />
      {outcome ? (
        <p className="success" role="status">
          {outcome}
        </p>
      ) : null}
    </form>
  );
}
