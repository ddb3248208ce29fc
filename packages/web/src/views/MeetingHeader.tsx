import { useTranslation } from 'react-i18next';
import { venueWords, type Lang, type MeetingState } from '@gavel/shared';
import { formatDateRange } from '../i18n';
import { Words } from '../components/Words';

/** The meeting's name, place and dates, in the given language (the UI's by default). */
export function MeetingHeader({ state, lang }: { state: MeetingState; lang?: Lang }) {
  const { i18n } = useTranslation();
  const l = lang ?? (i18n.language as Lang);
  const { info } = state;
  return (
    <header className="meeting-header">
      <p className="body-name" dir="auto">
        <Words value={info.body} lang={l} original={info.language} />
      </p>
      <p className="meeting-meta">
        <span dir="auto">
          <Words value={venueWords(info.venue)} lang={l} original={info.language} />
        </span>
        {' · '}
        <span>{formatDateRange(info.startDate, info.endDate, l)}</span>
        {info.symbol ? (
          <>
            {' · '}
            <span dir="ltr" className="symbol">
              {info.symbol}
            </span>
          </>
        ) : null}
      </p>
    </header>
  );
}
