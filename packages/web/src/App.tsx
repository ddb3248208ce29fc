import { lazy, Suspense, useEffect, useState } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { delegationName, type Lang, type SessionInfo } from '@gavel/shared';
import { MeetingConnection, type EndReason } from './api/connection';
import { api } from './api/http';
import { MeetingContext, useMeeting } from './api/MeetingContext';
import { Words } from './components/Words';
import { loadSession, saveSession, type StoredSession } from './api/session';
import { signInLink } from './api/signInLink';
import { RecordAlarm } from './components/RecordAlarm';
import { LanguagePicker } from './components/LanguagePicker';
import { useView, VIEWS_FOR_ROLE, type View } from './routes';
import { DelegationView } from './views/delegation/DelegationView';
import { SignIn } from './views/SignIn';
import { useStoryAddress } from './views/amendments/storyRoute';

// Every view but the delegation's (the one opened on phones) is loaded when
// first opened, so that a delegate's first load carries no editor, no set-up
// and no report. Each is one chunk with what only it uses.
const ChairConsole = lazy(() => import('./views/chair/ChairConsole').then((m) => ({ default: m.ChairConsole })));
const SetupView = lazy(() => import('./views/secretariat/SetupView').then((m) => ({ default: m.SetupView })));
const PublicView = lazy(() => import('./views/public/PublicView').then((m) => ({ default: m.PublicView })));
const TextView = lazy(() => import('./views/text/TextView').then((m) => ({ default: m.TextView })));
const ReportView = lazy(() => import('./views/report/ReportView').then((m) => ({ default: m.ReportView })));
const RoomScreen = lazy(() => import('./views/screen/RoomScreen').then((m) => ({ default: m.RoomScreen })));
const ParagraphStory = lazy(() => import('./views/amendments/ParagraphStory').then((m) => ({ default: m.ParagraphStory })));

/**
 * The app before the user's strings are loaded: it reads the session and opens
 * the meeting's connection at once, so that the socket's handshakes and the
 * dictionary's download overlap (a round trip saved on a phone); what shows
 * text waits for the strings (Suspense, here and in main.tsx).
 */
export function App() {
  // A slip's link opens the sign-in with its code, even over a session this browser already has.
  const [stored, setStored] = useState<StoredSession | null>(() => (signInLink() ? null : loadSession()));
  const [notice, setNotice] = useState<string | undefined>();

  const end = (reason?: EndReason) => {
    if (stored && !reason) void api.signOut(stored.token).catch(() => undefined);
    saveSession(null);
    setStored(null);
    setNotice(reason === 'revoked' ? i18next.t('signIn.revoked') : reason === 'expired' ? i18next.t('signIn.expired') : undefined);
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
      <Suspense fallback={null}>
        <Shell session={stored.session} onSignOut={() => onEnd()} />
      </Suspense>
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

  const loading = (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
  if (!state) return loading;
  if (view === 'screen') {
    return (
      <Suspense fallback={loading}>
        <RoomScreen state={state} />
      </Suspense>
    );
  }
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
            <Words value={state.info.body} />
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
      <RecordAlarm role={session.role} />
      <main id="main" tabIndex={-1}>
        <h1 className="visually-hidden">{story ? t('story.heading') : viewName(view)}</h1>
        <Suspense fallback={loading}>
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
        </Suspense>
      </main>
    </>
  );
}
