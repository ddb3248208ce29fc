import { useTranslation } from 'react-i18next';
import {
  currentSpeaker,
  direction,
  formatAgendaLabel,
  nextSpeakers,
  type MeetingState,
} from '@gavel/shared';
import { Countdown } from '../../components/Countdown';
import { speakerLabel } from '../../components/speakerLabel';
import { useServerNow } from '../../components/useServerNow';
import { ParagraphOnScreen } from '../text/ParagraphOnScreen';
import { NegotiationOnScreen } from '../amendments/NegotiationOnScreen';
import { MeetingHeader } from '../MeetingHeader';

/**
 * The projector view: large type, high contrast, no controls, in the
 * meeting's language whatever the language of the browser that shows it.
 */
export function RoomScreen({ state }: { state: MeetingState }) {
  const lang = state.info.language;
  const { t } = useTranslation(undefined, { lng: lang });
  const now = useServerNow();
  const itemId = state.agenda.currentItemId;
  const item = itemId ? state.agenda.items[itemId] : undefined;
  const current = currentSpeaker(state);
  const upcoming = itemId ? nextSpeakers(state, itemId, 4, now) : [];

  return (
    <div className="room-screen" lang={lang} dir={direction(lang)}>
      <MeetingHeader state={state} lang={lang} />
      {item ? (
        <h1 className="room-item" dir="auto" data-testid="room-item">
          <span className="room-item-label">{t('room.item', { label: formatAgendaLabel(item.path, lang) })}</span>
          <span className="room-item-title">{item.title}</span>
        </h1>
      ) : state.screen.mode === 'text' ? null : (
        <>
          <h1 className="room-title" dir="auto">
            {state.info.title}
          </h1>
          <p className="room-waiting">{t('screen.waiting')}</p>
        </>
      )}
      {state.screen.mode === 'text' && state.screen.paragraphId ? (
        <>
          <ParagraphOnScreen state={state} paragraphId={state.screen.paragraphId} lang={lang} />
          <NegotiationOnScreen state={state} paragraphId={state.screen.paragraphId} lang={lang} />
        </>
      ) : null}
      {current && state.screen.mode === 'speakers' ? (
        <section className={`room-speaker kind-${current.entry.kind}`} data-testid="room-speaker">
          <div>
            <p className="room-caption">{t(`kinds.${current.entry.kind}`)}</p>
            <p className="room-speaker-name" dir="auto">
              {speakerLabel(state, current.entry, lang)}
            </p>
            {current.entry.onBehalfOf ? (
              <p className="room-caption" dir="auto">
                {t('room.onBehalf', { group: current.entry.onBehalfOf })}
              </p>
            ) : null}
          </div>
          <Countdown turn={current.floor} now={now} lang={lang} size="huge" />
        </section>
      ) : null}
      {upcoming.length > 0 && state.screen.mode === 'speakers' ? (
        <section className="room-next">
          <h2>{t('room.next')}</h2>
          <ol>
            {upcoming.map((l) => (
              <li key={l.entry.id} dir="auto">
                {speakerLabel(state, l.entry, lang)}
                {l.entry.kind !== 'statement' ? <span className="room-caption"> · {t(`kinds.${l.entry.kind}`)}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
