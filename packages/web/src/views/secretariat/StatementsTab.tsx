import { Fragment, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, TimeField } from '../../components/DateTimeFields';
import {
  agendaInOrder,
  delegationName,
  formatAgendaLabel,
  formatDate,
  formatDuration,
  formatInteger,
  localizedText,
  SPEAKER_KINDS,
  speakerDelegationName,
  venueDate,
  type Capacity,
  type Lang,
  type MeetingState,
  type Statement,
  type StatementFacts,
} from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { formatSignedDuration, formatVenueTime, formatZone, itemHeading } from '../../components/format';
import { SpeakingTimeChart } from '../../components/SpeakingTimeChart';
import { useCommand } from '../../components/useCommand';
import { PastMeeting } from './PastMeeting';
import {
  correctionChanges,
  correctionDraft,
  correctionSteps,
  type CorrectedField,
  type CorrectionDraft,
  type CorrectionProblem,
} from './corrections';

const COLUMNS = 9;

/**
 * The statements log, item by item: the record of who spoke, when and how
 * long. It is never rewritten: a correction is added, with its reason, and
 * the history of corrections stays under the statement.
 */
export function StatementsTab({ state, initialItemId }: { state: MeetingState; initialItemId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const pickerId = useId();
  const items = agendaInOrder(state.agenda);
  const [picked, setPicked] = useState(initialItemId ?? '');
  const lastSpoken = state.statements.at(-1)?.itemId;
  // Until the secretariat picks one: the item under consideration, else the last one spoken on.
  const itemId = (picked && state.agenda.items[picked] ? picked : '') || state.agenda.currentItemId || lastSpoken || items[0]?.id || '';
  const item = state.agenda.items[itemId];
  const statements = state.statements.filter((s) => s.itemId === itemId);
  const zone = state.rules.programme.timeZone;

  // Numbers in speaking order; a statement recorded in error keeps its row but has no number.
  let n = 0;
  const numbered = statements.map((s) => ({ s, order: s.voided ? null : ++n }));
  let lastDate = '';

  return (
    <div className="stack statements-log">
      <section className="card" aria-labelledby="statements-heading">
        <h2 id="statements-heading">{t('statements.title')}</h2>
        <p className="muted">{t('statements.intro')}</p>
        {items.length === 0 ? (
          <p className="muted">{t('statements.noAgenda')}</p>
        ) : (
          <div className="field statements-picker">
            <label htmlFor={pickerId}>{t('statements.item')}</label>
            <select id={pickerId} data-testid="statements-item" value={itemId} onChange={(e) => setPicked(e.target.value)}>
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {itemHeading(i, lang)}
                  {i.id === state.agenda.currentItemId ? ` — ${t('statements.current')}` : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        {item ? (
          <>
            <p className="muted">
              {t('statements.summary', { count: formatInteger(numbered.filter((x) => x.order !== null).length, lang) })}{' '}
              {t('statements.venueTime', { zone: formatZone(zone) })}
            </p>
            {statements.length === 0 ? (
              <p className="muted">{t('statements.none')}</p>
            ) : (
              <div className="table-scroll">
                <table className="table statements-table" data-testid="statements-table">
                  <caption className="visually-hidden">
                    {t('statements.caption', { label: formatAgendaLabel(item.path, lang), title: localizedText(item.title, lang, state.info.language) })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t('statements.order')}
                      </th>
                      <th scope="col">{t('statements.delegation')}</th>
                      <th scope="col">{t('statements.speaker')}</th>
                      <th scope="col">{t('statements.onBehalfOf')}</th>
                      <th scope="col">{t('statements.capacity')}</th>
                      <th scope="col">{t('statements.start')}</th>
                      <th scope="col">{t('statements.end')}</th>
                      <th scope="col" className="num">
                        {t('statements.duration')}
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">{t('statements.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  {numbered.map(({ s, order }) => {
                    const date = venueDate(Date.parse(s.startedAt), zone);
                    const dateRow = date !== lastDate;
                    lastDate = date;
                    return (
                      <Fragment key={s.id}>
                        {dateRow ? (
                          <tbody className="date-group">
                            <tr>
                              <th scope="rowgroup" colSpan={COLUMNS}>
                                {formatDate(date, lang)}
                              </th>
                            </tr>
                          </tbody>
                        ) : null}
                        <StatementRows state={state} statement={s} order={order} />
                      </Fragment>
                    );
                  })}
                </table>
              </div>
            )}
          </>
        ) : null}
      </section>
      <PastMeeting state={state} />
      <SpeakingTimeChart state={state} />
    </div>
  );
}

/** How a fact of a statement reads in the log. */
function useFactText(state: MeetingState) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const zone = state.rules.programme.timeZone;
  const none = '—';
  return (field: CorrectedField, facts: StatementFacts): string => {
    switch (field) {
      case 'itemId': {
        const item = state.agenda.items[facts.itemId];
        return item ? itemHeading(item, lang) : none;
      }
      case 'delegationId':
        return speakerDelegationName(state, facts, lang) ?? none;
      case 'speakerName':
        return facts.speakerName ?? none;
      case 'onBehalfOf':
        return facts.onBehalfOf ?? none;
      case 'capacity':
        return t(`kinds.${facts.capacity}`);
      case 'startedAt':
      case 'endedAt':
        return formatVenueTime(facts[field], zone, lang);
      case 'durationMs':
        return formatSignedDuration(facts.durationMs, lang);
      case 'voided':
        return facts.voided ? t('statements.voidedYes') : t('statements.voidedNo');
    }
  };
}

function StatementRows({ state, statement: s, order }: { state: MeetingState; statement: Statement; order: number | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [editing, setEditing] = useState<null | 'correct' | 'void'>(null);
  const correctButton = useRef<HTMLButtonElement>(null);
  const voidButton = useRef<HTMLButtonElement>(null);
  const text = useFactText(state);
  const steps = correctionSteps(s);
  const who = text('delegationId', s) === '—' ? (s.speakerName ?? '—') : text('delegationId', s);
  const orderText = order === null ? '—' : formatInteger(order, lang);
  const close = () => {
    const opener = editing === 'void' ? voidButton : correctButton;
    setEditing(null);
    // Back to the button that opened the form, for the keyboard.
    setTimeout(() => opener.current?.focus(), 0);
  };

  return (
    <tbody className={`statement${s.voided ? ' voided' : ''}`} data-testid="statement">
      <tr>
        <td className="num">{orderText}</td>
        <th scope="row" dir="auto">
          {text('delegationId', s)}
          {s.voided ? <span className="badge badge-void">{t('statements.voidBadge')}</span> : null}
          {steps.length > 0 && !s.voided ? <span className="badge badge-corrected">{t('statements.corrected')}</span> : null}
          {s.entered ? (
            <span className="badge badge-entered" title={s.entered.note}>
              {t('statements.entered')}
            </span>
          ) : null}
        </th>
        <td dir="auto">{text('speakerName', s)}</td>
        <td dir="auto">{text('onBehalfOf', s)}</td>
        <td>
          <span className={`kind-badge kind-${s.capacity}`}>{t(`kinds.${s.capacity}`)}</span>
        </td>
        <td>
          <span dir="ltr">{text('startedAt', s)}</span>
        </td>
        <td>
          <span dir="ltr">{text('endedAt', s)}</span>
        </td>
        <td className="num">
          <span dir="ltr">{text('durationMs', s)}</span>
        </td>
        <td className="row-actions">
          <button
            ref={correctButton}
            type="button"
            data-testid="correct"
            aria-expanded={editing === 'correct'}
            aria-label={t('statements.correctWho', { order: orderText, name: who })}
            onClick={() => setEditing(editing === 'correct' ? null : 'correct')}
          >
            {t('statements.correct')}
          </button>
          <button
            ref={voidButton}
            type="button"
            data-testid="void"
            className={s.voided ? undefined : 'danger'}
            aria-expanded={editing === 'void'}
            aria-label={t(s.voided ? 'statements.restoreWho' : 'statements.voidWho', { order: orderText, name: who })}
            onClick={() => setEditing(editing === 'void' ? null : 'void')}
          >
            {s.voided ? t('statements.restore') : t('statements.void')}
          </button>
        </td>
      </tr>
      {steps.length > 0 ? (
        <tr className="corrections-row">
          <td />
          <td colSpan={COLUMNS - 1}>
            <History state={state} statement={s} />
          </td>
        </tr>
      ) : null}
      {editing ? (
        <tr className="correction-editor-row">
          <td colSpan={COLUMNS}>
            <CorrectionForm state={state} statement={s} mode={editing} title={t('statements.correctTitle', { order: orderText, name: who })} onDone={close} />
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

/** The corrections of a statement, each as "original → corrected", with who, when and why. */
function History({ state, statement }: { state: MeetingState; statement: Statement }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const text = useFactText(state);
  const zone = state.rules.programme.timeZone;
  const steps = correctionSteps(statement);
  const changed = (before: ReactNode, after: ReactNode) => (
    <>
      <del>{before}</del>
      <span className="visually-hidden"> {t('statements.changedTo')} </span>
      <ins>{after}</ins>
    </>
  );
  return (
    <div className="corrections">
      <p className="corrections-title">{t('statements.history', { count: formatInteger(steps.length, lang) })}</p>
      <ol>
        {steps.map(({ correction, before, after, fields }) => (
          <li key={correction.id} data-testid="correction">
            <span className="muted">
              {t('statements.correctedBy', {
                date: formatDate(venueDate(Date.parse(correction.at), zone), lang),
                time: formatVenueTime(correction.at, zone, lang, false),
                name: correction.by,
              })}
            </span>
            <ul className="correction-fields">
              {fields.map((f) => (
                <li key={f}>
                  <span className="field-name">{t(`statements.field_${f}`)}:</span>{' '}
                  {f === 'voided' ? (
                    <strong>{after.voided ? t('statements.wasVoided') : t('statements.wasRestored')}</strong>
                  ) : (
                    changed(<span dir="auto">{text(f, before)}</span>, <span dir="auto">{text(f, after)}</span>)
                  )}
                </li>
              ))}
            </ul>
            <p className="correction-note" dir="auto">
              <span className="field-name">{t('statements.note')}:</span> {correction.note}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}

const PROBLEM_TEXT: Record<CorrectionProblem, string> = {
  nothing_changed: 'statements.problemNothing',
  bad_time: 'statements.problemTime',
  bad_duration: 'statements.problemDuration',
  note_missing: 'statements.problemNote',
};

function CorrectionForm({
  state,
  statement: s,
  mode,
  title,
  onDone,
}: {
  state: MeetingState;
  statement: Statement;
  mode: 'correct' | 'void';
  title: string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const headingId = useId();
  const zone = state.rules.programme.timeZone;
  const [initial] = useState(() =>
    correctionDraft(s, zone, (ms) => formatDuration(Math.round(ms / 1000) * 1000, lang)),
  );
  const [draft, setDraft] = useState<CorrectionDraft>(() => (mode === 'void' ? { ...initial, voided: !s.voided } : initial));
  const [problem, setProblem] = useState<CorrectionProblem | null>(null);
  const set = <K extends keyof CorrectionDraft>(key: K, value: CorrectionDraft[K]) => {
    setProblem(null);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = correctionChanges(s, draft, initial, zone);
    if ('problem' in result) return setProblem(result.problem);
    if (await run({ type: 'statements.correct', statementId: s.id, changes: result.changes, note: draft.note.trim() })) onDone();
  };

  const items = agendaInOrder(state.agenda);
  const delegations = Object.values(state.delegations);
  const gone = s.delegationId && !state.delegations[s.delegationId];

  return (
    <form
      className="correction-form"
      onSubmit={submit}
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onDone();
      }}
    >
      <h3 id={headingId}>{title}</h3>
      {mode === 'void' ? (
        <p className="notice">{s.voided ? t('statements.restoreExplain') : t('statements.voidExplain')}</p>
      ) : null}
      {mode === 'correct' ? (
        <>
          <div className="row">
            <Field label={t('statements.field_itemId')}>
              {(p) => (
                <select {...p} autoFocus value={draft.itemId} onChange={(e) => set('itemId', e.target.value)}>
                  {items.map((i) => (
                    <option key={i.id} value={i.id}>
                      {itemHeading(i, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('statements.field_capacity')}>
              {(p) => (
                <select {...p} value={draft.capacity} onChange={(e) => set('capacity', e.target.value as Capacity)}>
                  {SPEAKER_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kinds.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="row">
            <Field label={t('statements.field_delegationId')}>
              {(p) => (
                <select {...p} data-testid="correct-delegation" value={draft.delegationId} onChange={(e) => set('delegationId', e.target.value)}>
                  <option value="">{t('statements.noDelegation')}</option>
                  {gone ? <option value={s.delegationId!}>{speakerDelegationName(state, s, lang) ?? '?'}</option> : null}
                  {delegations.map((d) => (
                    <option key={d.id} value={d.id}>
                      {delegationName(d, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('statements.field_speakerName')}>
              {(p) => <input {...p} dir="auto" value={draft.speakerName} onChange={(e) => set('speakerName', e.target.value)} />}
            </Field>
            <Field label={t('statements.field_onBehalfOf')} hint={t('statements.onBehalfHint')}>
              {(p) => <input {...p} dir="auto" value={draft.onBehalfOf} onChange={(e) => set('onBehalfOf', e.target.value)} />}
            </Field>
          </div>
          <div className="row">
            <Field label={t('statements.date')}>
              {(p) => <DateField id={p.id} testId="correct-date" required value={draft.date} onChange={(v) => set('date', v)} />}
            </Field>
            <Field label={t('statements.field_startedAt')}>
              {(p) => <TimeField id={p.id} seconds value={draft.start} onChange={(v) => set('start', v)} />}
            </Field>
            <Field label={t('statements.field_endedAt')}>
              {(p) => <TimeField id={p.id} seconds value={draft.end} onChange={(v) => set('end', v)} />}
            </Field>
            <Field label={t('statements.field_durationMs')} hint={t('statements.durationHint')}>
              {(p) => (
                <input {...p} autoComplete="off" data-testid="correct-duration" value={draft.duration} onChange={(e) => set('duration', e.target.value)} />
              )}
            </Field>
          </div>
        </>
      ) : null}
      <label className="inline">
        <input type="checkbox" data-testid="correct-void" checked={draft.voided} onChange={(e) => set('voided', e.target.checked)} />
        {t('statements.voidedField')}
      </label>
      <Field label={t('statements.note')} hint={t('statements.noteHint')}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            dir="auto"
            required
            data-testid="correct-note"
            autoFocus={mode === 'void'}
            maxLength={1000}
            value={draft.note}
            onChange={(e) => set('note', e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('statements.addCorrection')}
        </button>
        <button type="button" onClick={onDone}>
          {t('actions.cancel')}
        </button>
      </div>
      {problem ? (
        <p className="error" role="alert">
          {t(PROBLEM_TEXT[problem])}
        </p>
      ) : null}
      <ErrorText error={error} />
    </form>
  );
}
