import { useTranslation } from 'react-i18next';
import { formatInteger, type Lang, type Role } from '@gavel/shared';
import { useMeeting } from '../api/MeetingContext';

/**
 * The alarm when the meeting's record fails a check (the server says so, or
 * this device saw a later record than the server now shows): for the
 * secretariat and the chair, who must act on it.
 */
export function RecordAlarm({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const { recordAlarm } = useMeeting();
  if (!recordAlarm || (role !== 'secretariat' && role !== 'chair')) return null;
  const place = t(`record.${recordAlarm.where}`, { seq: recordAlarm.seq === undefined ? '' : formatInteger(recordAlarm.seq, i18n.language as Lang), doc: recordAlarm.doc ?? '' });
  return (
    <div className="record-alarm" role="alert" data-testid="record-alarm">
      <strong>{t('record.alarm')}</strong>
      <p>{t('record.help')}</p>
      <details>
        <summary>{t('record.details')}</summary>
        <p>
          {place}: <span dir="ltr" lang="en">{recordAlarm.reason}</span>
        </p>
      </details>
    </div>
  );
}
