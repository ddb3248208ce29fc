import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { delegationName, type Lang, type SessionInfo } from '@gavel/shared';
import { MeetingConnection, type EndReason } from './api/connection';
import { api } from './api/http';
import { MeetingContext, useMeeting } from './api/MeetingContext';
import { loadSession, saveSession, type StoredSession } from './api/session';
import { signInLink } from './api/signInLink';
import { LanguagePicker } from './components/LanguagePicker';
import { useView, VIEWS_FOR_ROLE, type View } from './routes';
import { ChairConsole } from './views/chair/ChairConsole';
import { DelegationView } from './views/delegation/DelegationView';
import { PublicView } from './views/public/PublicView';
import { ReportView } from './views/report/ReportView';
import { RoomScreen } from './views/screen/RoomScreen';
import { SetupView } from './views/secretariat/SetupView';
import { SignIn } from './views/SignIn';
import { TextView } from './views/text/TextView';
import { ParagraphStory } from './views/amendments/ParagraphStory';
import { useStoryAddress } from './views/amendments/storyRoute';

export function App() {
  const { t } = useTranslation();
  // A slip's link opens the sign-in with its code, even over a session this browser already has.
  const [stored, setStored] = useState<StoredSession | null>(() => (signInLink() ? null : loadSession()));
  const [notice, setNotice] = useState<string | undefined>();

  const end = (reason?: EndReason) => {
    if (stored && !reason) void api.signOut(stored.token).catch(() => undefined);
    saveSession(null);
    setStored(null);
    setNotice(reason === 'revoked' ? t('signIn.revoked') : reason === 'expired' ? t('signIn.expired') : undefined);
  };

  if (!stored) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(s) => {
          saveSession(s);
          setNotice(undefined);
          setStored(s);
        }}
      />
    );
  }
  return <ConnectedApp key={stored.token} stored={stored} onEnd={end} />;
}

function ConnectedApp({ stored, onEnd }: { stored: StoredSession; onEnd: (reason?: EndReason) => void }) {
  const [connection, setConnection] = useState<MeetingConnection | null>(null);
  useEffect(() => {
    const c = new MeetingConnection(stored.token, onEnd);
    setConnection(c);
    return () => c.close();
    // The connection lives as long as the session (the key of this component).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored.token]);
  if (!connection) return null;
  return (
    <MeetingContext.Provider value={connection}>
      <Shell session={stored.session} onSignOut={() => onEnd()} />
    </MeetingContext.Provider>
  );
}

function Shell({ session, onSignOut }: { session: SessionInfo; onSignOut: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { state, status } = useMeeting();
  const [view, go] = useView(session.role);
  // The story of a paragraph has its own address (/story/<text>/<paragraph>), over whatever view is open.
  const story = useStoryAddress();

  if (!state) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (view === 'screen') return <RoomScreen state={state} />;
  // The text view's name lives with the text's strings (text.view).
  const viewName = (v: View) => (v === 'text' ? t('text.view') : t(`views.${v}`));

  const delegation = session.delegationId ? state.delegations[session.delegationId] : undefined;
  const who = delegation
    ? t('app.signedInFor', { name: session.name, role: t(`roles.${session.role}`), delegation: delegationName(delegation, lang) })
    : t('app.signedInAs', { name: session.name, role: t(`roles.${session.role}`) });

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="top-bar">
        <div className="top-bar-title">
          <span className="brand">{t('app.name')}</span>
          <span className="top-bar-meeting" dir="auto">
            {state.info.body}
          </span>
        </div>
        <nav aria-label={t('app.name')} className="view-nav">
          {VIEWS_FOR_ROLE[session.role].map((v: View) => (
            <a
              key={v}
              href={`/${v}`}
              aria-current={v === view && !story ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(v);
              }}
            >
              {viewName(v)}
            </a>
          ))}
        </nav>
        <div className="top-bar-user">
          <span className={`status status-${status}`} role="status">
            {status === 'online' ? t('app.online') : t('app.offline')}
          </span>
          <span className="who" dir="auto" data-testid="who">
            {who}
          </span>
          <LanguagePicker />
          <button type="button" onClick={onSignOut}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <h1 className="visually-hidden">{story ? t('story.heading') : viewName(view)}</h1>
        {story ? (
          <ParagraphStory
            state={state}
            session={session}
            doc={story.doc}
            paragraphId={story.paragraphId}
            onBack={() => (history.length > 1 ? history.back() : go('text'))}
          />
        ) : null}
        {story ? null : view === 'setup' ? <SetupView state={state} /> : null}
        {!story && view === 'chair' ? <ChairConsole state={state} /> : null}
        {!story && view === 'delegation' ? <DelegationView state={state} session={session} /> : null}
        {!story && view === 'public' ? <PublicView state={state} /> : null}
        {!story && view === 'text' ? <TextView state={state} session={session} /> : null}
        {!story && view === 'report' ? <ReportView state={state} session={session} /> : null}
      </main>
    </>
  );
}
