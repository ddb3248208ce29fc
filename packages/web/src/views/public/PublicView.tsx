import { useTranslation } from 'react-i18next';
import type { MeetingState } from '@gavel/shared';
import { ParticipantList } from '../../components/ParticipantList';
import { MeetingHeader } from '../MeetingHeader';

export function PublicView({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return (
    <div className="view">
      <MeetingHeader state={state} />
      <p className="muted">{t('shell.publicIntro')}</p>
      <ParticipantList state={state} />
    </div>
  );
}
