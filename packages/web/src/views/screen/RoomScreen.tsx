import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currentSpeaker,
  direction,
  floorRemainingMs,
  floorTurns,
  formatAgendaLabel,
  formatDuration,
  formatInteger,
  LANGUAGES,
  MAIN_SCREEN,
  nextSpeakers,
  isScreenId,
  screenMessageText,
  screenOf,
  speakersQueue,
  type Lang,
  type MeetingState,
  type ScreenMessage,
} from '@gavel/shared';
import { Countdown } from '../../components/Countdown';
import { speakerLabel } from '../../components/speakerLabel';
import { useServerNow } from '../../components/useServerNow';
import { ParagraphOnScreen } from '../text/ParagraphOnScreen';
import { NegotiationOnScreen } from '../amendments/NegotiationOnScreen';
import { MeetingHeader } from '../MeetingHeader';
import { Words } from '../../components/Words';

/** How many of the next speakers the room sees: ten fit a 1920×1080 projector in large type. */
const NEXT_ON_SCREEN = 10;

/**
 * Which screen this projector is (/screen?screen=2; the main one without) and
 * in which language (?lang=fr; the meeting's without), read once: a projector
 * is set up once and left alone.
 */
function useScreenAddress(meetingLang: Lang): { screen: string; lang: Lang } {
  const [asked] = useState(() => new URLSearchParams(location.search));
  const named = asked.get('screen');
  const screen = isScreenId(named) ? named : MAIN_SCREEN;
  const lang = (LANGUAGES as readonly string[]).includes(asked.get('lang') ?? '') ? (asked.get('lang') as Lang) : meetingLang;
  return { screen, lang };
}

/**
 * The projector view: large type, high contrast, no controls, in the
 * meeting's language whatever the language of the browser that shows it.
 */
export function RoomScreen({ state }: { state: MeetingState }) {
  const { screen, lang } = useScreenAddress(state.info.language);
  const { t } = useTranslation(undefined, { lng: lang });
  const now = useServerNow();
  const shown = screenOf(state, screen);
  const itemId = state.agenda.currentItemId;
  const item = itemId ? state.agenda.items[itemId] : undefined;
  const current = currentSpeaker(state);
  const waiting = itemId ? speakersQueue(state, itemId, now).length : 0;
  const upcoming = itemId ? nextSpeakers(state, itemId, NEXT_ON_SCREEN, now) : [];
  const itemTitle = item ? (
    <h1 className="room-item" dir="auto" data-testid="room-item">
      <span className="room-item-label">{t('room.item', { label: formatAgendaLabel(item.path, lang) })}</span>
      <span className="room-item-title">
        <Words value={item.title} lang={lang} />
      </span>
    </h1>
  ) : null;

  return (
    <div className={`room-screen room-mode-${shown.mode}`} lang={lang} dir={direction(lang)} data-screen={screen}>
      <MeetingHeader state={state} lang={lang} />
      {shown.message && shown.mode !== 'message' ? (
        <p className="room-band" role="status" data-testid="room-band" dir="auto">
          {messageIn(shown.message, lang, t, state.info.language)}
        </p>
      ) : null}
      {shown.mode === 'message' ? (
        <RoomMessage state={state} message={shown.message} lang={lang} />
      ) : shown.mode === 'text' && shown.paragraphId ? (
        <>
          {itemTitle}
          <ParagraphOnScreen state={state} paragraphId={shown.paragraphId} lang={lang} />
          <NegotiationOnScreen state={state} paragraphId={shown.paragraphId} lang={lang} />
        </>
      ) : !item ? (
        <>
          <h1 className="room-title" dir="auto">
            <Words value={state.info.title} lang={lang} />
          </h1>
          <p className="room-waiting">{t('screen.waiting')}</p>
        </>
      ) : (
        <div className="room-floor-grid">
          <div className="room-now">
            {itemTitle}
            {current ? (
              <section className={`room-speaker kind-${current.entry.kind}`} data-testid="room-speaker">
                <div>
                  <p className="room-caption room-kind">{t(`kinds.${current.entry.kind}`)}</p>
                  <p className="room-speaker-name" dir="auto">
                    {speakerLabel(state, current.entry, lang)}
                  </p>
                  {current.entry.kind !== 'panellist' && current.entry.speakerName ? (
                    <p className="room-caption" dir="auto" data-testid="room-speaker-person">
                      {current.entry.speakerName}
                    </p>
                  ) : null}
                  {current.entry.onBehalfOf ? (
                    <p className="room-caption" dir="auto">
                      {t('room.onBehalf', { group: current.entry.onBehalfOf })}
                    </p>
                  ) : null}
                </div>
                <Countdown turn={current.floor} now={now} lang={lang} size="huge" />
                {floorTurns(current.floor.interrupted).map((held) => (
                  <p key={held.entryId} className="room-held" data-testid="room-held" dir="auto">
                    {t('day.heldOnScreen', {
                      name: speakerLabel(state, state.speakers.entries[held.entryId], lang),
                      time: formatDuration(Math.max(0, floorRemainingMs(held, now)), lang),
                    })}
                  </p>
                ))}
              </section>
            ) : null}
          </div>
          {upcoming.length > 0 ? (
            <section className="room-next" data-testid="room-next">
              <h2>{t('room.next')}</h2>
              <ol>
                {upcoming.map((l) => (
                  <li key={l.entry.id} dir="auto" className={`kind-${l.entry.kind}`} data-testid="room-next-speaker">
                    <span className="room-next-name">{speakerLabel(state, l.entry, lang)}</span>
                    {l.entry.kind !== 'statement' ? <span className="room-next-kind">{t(`kinds.${l.entry.kind}`)}</span> : null}
                  </li>
                ))}
              </ol>
              {waiting > upcoming.length ? (
                <p className="room-caption">{t('day.moreWaiting', { count: formatInteger(waiting - upcoming.length, lang) })}</p>
              ) : null}
            </section>
          ) : null}
        </div>
      )}
    </div>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function messageIn(message: ScreenMessage, lang: Lang, t: Translate, fallback: Lang | null): string | null {
  return screenMessageText(message, lang, (key, values) => t(`day.${key}`, { ...values, lng: lang }), fallback);
}

/**
 * A message alone on the screen, large in the screen's language and below
 * it in the other languages it exists in (all six for Gavel's own messages).
 */
function RoomMessage({ state, message, lang }: { state: MeetingState; message: ScreenMessage | null; lang: Lang }) {
  const { t, i18n } = useTranslation(undefined, { lng: lang });
  // Gavel's own messages are said in all six languages: their dictionaries are fetched on demand, so ask for them all.
  const [, setLoaded] = useState(0);
  useEffect(() => {
    void i18n.loadLanguages([...LANGUAGES]).then(() => setLoaded((n) => n + 1));
  }, [i18n]);
  if (!message) {
    return (
      <h1 className="room-title" dir="auto">
        <Words value={state.info.title} lang={lang} />
      </h1>
    );
  }
  const others = LANGUAGES.filter((l) => l !== lang && (message.kind === 'text' || i18n.hasResourceBundle(l, 'translation')))
    .map((l) => ({ l, words: messageIn(message, l, t, null) }))
    .filter((o): o is { l: Lang; words: string } => o.words !== null);
  return (
    <section className="room-message" data-testid="room-message">
      <p className="room-message-main" dir="auto">
        {messageIn(message, lang, t, state.info.language)}
      </p>
      {others.length > 0 ? (
        <ul className="room-message-others">
          {others.map(({ l, words }) => (
            <li key={l} lang={l} dir={direction(l)}>
              {words}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
