import { useTranslation } from 'react-i18next';
import { currentSpeaker, formatAgendaLabel, type Lang, type MeetingState } from '@gavel/shared';
import { Words } from './Words';
import { Countdown } from './Countdown';
import { speakerLabel } from './speakerLabel';

/** The item under consideration and who has the floor, with the clock: what everyone in the room must see. */
export function CurrentItemCard({ state, now, hideSpeakerOf }: { state: MeetingState; now: number; hideSpeakerOf?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const itemId = state.agenda.currentItemId;
  const item = itemId ? state.agenda.items[itemId] : undefined;
  const current = currentSpeaker(state);
  return (
    <section className="card" aria-labelledby="current-item-heading">
      <h2 id="current-item-heading">{t('console.currentItem')}</h2>
      {item ? (
        <p className="current-item-title" dir="auto" data-testid="current-item">
          {t('console.item', { label: formatAgendaLabel(item.path, lang) })}: <Words value={item.title} />
        </p>
      ) : (
        <p className="muted">{t('console.noCurrentItem')}</p>
      )}
      {current && current.entry.delegationId !== (hideSpeakerOf ?? null) ? (
        <div className="floor-mini">
          <span dir="auto">
            <strong>{speakerLabel(state, current.entry, lang)}</strong> {t('floor.hasFloor')}
          </span>
          <Countdown turn={current.floor} now={now} />
        </div>
      ) : null}
    </section>
  );
}
