import { useTranslation } from 'react-i18next';
import { direction, type MeetingState } from '@gavel/shared';
import { MeetingHeader } from '../MeetingHeader';

/**
 * The projector view: large type, high contrast, no controls, in the
 * meeting's language whatever the language of the browser that shows it.
 */
export function RoomScreen({ state }: { state: MeetingState }) {
  const lang = state.info.language;
  const { t } = useTranslation(undefined, { lng: lang });
  return (
    <div className="room-screen" lang={lang} dir={direction(lang)}>
      <MeetingHeader state={state} lang={lang} />
      <h1 className="room-title" dir="auto">
        {state.info.title}
      </h1>
      <p className="room-waiting">{t('screen.waiting')}</p>
    </div>
  );
}
