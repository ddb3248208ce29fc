import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateTimeFields';
import {
  LANGUAGE_AUTONYMS,
  LANGUAGES,
  MEETING_WORDS,
  type Localized,
  type MeetingInfo,
  type MeetingInfoPatch,
  type MeetingState,
  type MeetingWord,
} from '@gavel/shared';
import { ErrorText } from '../../components/ErrorText';
import { Field } from '../../components/Field';
import { StatePicker } from '../../components/StatePicker';
import { useCommand } from '../../components/useCommand';
import { LocalizedField } from '../../components/Words';

/** Every language named, so that one emptied is removed (words are merged per language). */
function allLanguages(words: Localized): Localized {
  return Object.fromEntries(LANGUAGES.map((l) => [l, words[l]?.trim() ?? ''])) as Localized;
}

export function MeetingTab({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const { run, busy, error } = useCommand();
  const [draft, setDraft] = useState<MeetingInfo>(state.info);
  const [status, setStatus] = useState('');

  const changes = Object.fromEntries(
    Object.entries(draft)
      .filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(state.info[k as keyof MeetingInfo]))
      .map(([k, v]) => [k, (MEETING_WORDS as readonly string[]).includes(k) ? allLanguages(v as Localized) : v]),
  ) as MeetingInfoPatch;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (Object.keys(changes).length === 0) return setStatus(t('meeting.noChanges'));
    if (await run({ type: 'meeting.update', changes })) setStatus(t('meeting.saved'));
  };

  const words = (key: MeetingWord, wide = false) => (
    <LocalizedField
      label={t(`meeting.${key}`)}
      value={draft[key]}
      onChange={(v) => setDraft({ ...draft, [key]: v })}
      meetingLang={draft.language}
      required={key !== 'parentBody' && key !== 'instrument'}
      multiline={wide}
      official={key === 'body' || key === 'parentBody'}
      testId={`meeting-${key}`}
    />
  );

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="meeting-heading">
      <h2 id="meeting-heading">{t('meeting.details')}</h2>
      {words('body')}
      {words('parentBody', true)}
      {words('title', true)}
      {words('venue')}
      {words('instrument', true)}
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
        <Field label={t('meeting.symbol')}>
          {(props) => <input {...props} dir="ltr" value={draft.symbol} onChange={(e) => setDraft({ ...draft, symbol: e.target.value })} />}
        </Field>
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
