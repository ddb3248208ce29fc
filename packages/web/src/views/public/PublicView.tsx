import { useTranslation } from 'react-i18next';
import type { MeetingState } from '@gavel/shared';
import { CurrentItemCard } from '../../components/CurrentItemCard';
import { NextSpeakers } from '../../components/NextSpeakers';
import { ParticipantList } from '../../components/ParticipantList';
import { useServerNow } from '../../components/useServerNow';
import { MeetingHeader } from '../MeetingHeader';

/** What is public of the meeting, read-only: where it stands, who speaks, who takes part. */
export function PublicView({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  const now = useServerNow();
  const itemId = state.agenda.currentItemId;
  return (
    <div className="view">
      <MeetingHeader state={state} />
      <p className="muted">{t('shell.publicIntro')}</p>
      <CurrentItemCard state={state} now={now} />
      {itemId ? <NextSpeakers state={state} itemId={itemId} now={now} /> : null}
      <ParticipantList state={state} />
    </div>
  );
}
