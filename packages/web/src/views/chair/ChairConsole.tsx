import { useTranslation } from 'react-i18next';
import type { MeetingState } from '@gavel/shared';
import { ParticipantList } from '../../components/ParticipantList';
import { MeetingHeader } from '../MeetingHeader';

/** The chair's console. Agenda, speakers and the clock come with the chairing work. */
export function ChairConsole({ state }: { state: MeetingState }) {
  const { t } = useTranslation();
  return (
    <div className="view">
      <MeetingHeader state={state} />
      <p className="muted">{t('shell.comingSoon')}</p>
      <ParticipantList state={state} />
    </div>
  );
}
