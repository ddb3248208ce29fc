import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localizedText, toLocalized, venueWords, type Lang } from '@gavel/shared';
import { api, ApiError, type MeetingSummary } from '../api/http';
import type { StoredSession } from '../api/session';
import { signInLink } from '../api/signInLink';
import { ErrorText } from '../components/ErrorText';
import { Field } from '../components/Field';
import { LanguagePicker } from '../components/LanguagePicker';
import { formatDate } from '../i18n';

export function SignIn({ onSignedIn, notice }: { onSignedIn: (s: StoredSession) => void; notice?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [meetings, setMeetings] = useState<MeetingSummary[] | null>(null);
  const fromSlip = signInLink();
  const [meetingId, setMeetingId] = useState(() => fromSlip?.meetingId || new URLSearchParams(location.search).get('meeting') || '');
  const [code, setCode] = useState(fromSlip?.code ?? '');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    api
      .meetings()
      .then((r) => {
        setMeetings(r.meetings);
        setMeetingId((current) => current || (r.meetings.length === 1 ? r.meetings[0].id : ''));
      })
      .catch((e: ApiError) => setError(e));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(meetingId, code.trim(), name.trim()));
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-top">
        <p className="brand">{t('app.name')}</p>
        <LanguagePicker />
      </div>
      <form className="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {notice ? (
          <p className="notice" role="alert">
            {notice}
          </p>
        ) : null}
        {meetings && meetings.length === 0 ? <p className="muted">{t('signIn.noMeetings')}</p> : null}
        <Field label={t('signIn.meeting')}>
          {(p) => (
            <select {...p} value={meetingId} onChange={(e) => setMeetingId(e.target.value)} required>
              <option value="">{t('signIn.chooseMeeting')}</option>
              {(meetings ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {localizedText(m.body, lang, m.language)} — {localizedText(venueWords(toLocalized(m.venue, m.language)), lang, m.language)} · {formatDate(m.startDate, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('signIn.code')} hint={t('signIn.codeHint')}>
          {(p) => (
            <input
              {...p}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="one-time-code"
              autoCapitalize="characters"
              spellCheck={false}
              dir="ltr"
              required
            />
          )}
        </Field>
        <Field label={t('signIn.name')} hint={t('signIn.nameHint')}>
          {(p) => (
            // With the code from a slip, the name is all that is left to type.
            // eslint-disable-next-line jsx-a11y/no-autofocus
            <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" autoFocus={Boolean(fromSlip)} required />
          )}
        </Field>
        <button type="submit" className="primary big" disabled={busy || !meetingId}>
          {t('signIn.submit')}
        </button>
        <ErrorText error={error} />
      </form>
      <p className="muted tagline">{t('app.tagline')}</p>
    </main>
  );
}
