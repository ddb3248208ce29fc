import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateTimeFields';
import { LANGUAGE_AUTONYMS, LANGUAGES, type MeetingInfo, type MeetingInfoPatch, type MeetingState } from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { StatePicker } from '../../components/StatePicker';
import { useCommand } from '../../components/useCommand';

type TextKey = 'body' | 'parentBody' | 'title' | 'venue' | 'symbol';

export function MeetingTab({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [draft, setDraft] = useState<MeetingInfo>(state.info);
  const [status, setStatus] = useState('');

  const changes = Object.fromEntries(
    Object.entries(draft).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(state.info[k as keyof MeetingInfo])),
  ) as MeetingInfoPatch;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(changes).length === 0) return setStatus(t('meeting.noChanges'));
    if (await run({ type: 'meeting.update', changes })) setStatus(t('meeting.saved'));
  };

  const text = (key: TextKey, wide = false) => (
    <Field label={t(`meeting.${key}`)}>
      {(props) =>
        wide ? (
          <textarea {...props} rows={2} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
        ) : (
          <input {...props} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
        )
      }
    </Field>
  );

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="meeting-heading">
      <h2 id="meeting-heading">{t('meeting.details')}</h2>
      {text('body')}
      {text('parentBody', true)}
      {text('title', true)}
      {text('venue')}
      <div className="row">
        <Field label={t('meeting.startDate')}>
          {(props) => (
            <DateField id={props.id} required value={draft.startDate} onChange={(v) => setDraft({ ...draft, startDate: v })} />
          )}
        </Field>
        <Field label={t('meeting.endDate')}>
          {(props) => (
            <DateField id={props.id} required value={draft.endDate} onChange={(v) => setDraft({ ...draft, endDate: v })} />
          )}
        </Field>
      </div>
      <div className="row">
        {text('symbol')}
        <Field label={t('meeting.language')}>
          {(props) => (
            <select
              {...props}
              value={draft.language}
              onChange={(e) => setDraft({ ...draft, language: e.target.value as MeetingInfo['language'] })}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_AUTONYMS[l]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Field label={t('meeting.chairName')}>
          {(props) => (
            <input
              {...props}
              value={draft.chair.name}
              onChange={(e) => setDraft({ ...draft, chair: { ...draft.chair, name: e.target.value } })}
            />
          )}
        </Field>
        <StatePicker
          label={t('meeting.chairCountry')}
          value={draft.chair.m49}
          onChange={(m49) => setDraft({ ...draft, chair: m49 ? { ...draft.chair, m49 } : { name: draft.chair.name } })}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('meeting.save')}
        </button>
        {status && !error ? <span role="status">{status}</span> : null}
      </div>
      <ErrorText error={error} />
    </form>
  );
}
