import { useTranslation } from 'react-i18next';
import { delegationName, type Lang, type MeetingState, type SessionInfo } from '@gavel/shared';
import { ParticipantList } from '../../components/ParticipantList';
import { MeetingHeader } from '../MeetingHeader';

/** A delegation's own view: built for a phone as much as a laptop. */
export function DelegationView({ state, session }: { state: MeetingState; session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const mine = session.delegationId ? state.delegations[session.delegationId] : undefined;
  return (
    <div className="view">
      <MeetingHeader state={state} />
      {mine ? (
        <p className="lead" data-testid="my-delegation">
          {t('shell.youRepresent', { name: delegationName(mine, i18n.language as Lang) })}
        </p>
      ) : null}
      <ParticipantList state={state} highlight={session.delegationId} />
    </div>
  );
}
