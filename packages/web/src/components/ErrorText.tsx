import { useTranslation } from 'react-i18next';
import { formatInteger, type Lang } from '@gavel/shared';
import type { ApiError } from '../api/http';

/**
 * An error in the user's language: the message for its stable code (every
 * code has one in the six languages). The server's own words are English,
 * for logs and scripts: they follow in English only; in another language
 * they wait behind a disclosure, for whoever must report the problem, and
 * only the rows of a refused file (numbers, in the user's digits) show.
 */
export function ErrorText({ error }: { error: ApiError | null }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const lang = i18n.language as Lang;
  const rows = Array.isArray(error.details) ? (error.details as { path?: string; message?: string; row?: number }[]) : [];
  const technical = rows.length
    ? rows.map((d) => [d.row !== undefined ? `#${d.row}` : d.path, d.message].filter(Boolean).join(': ')).join('; ')
    : error.message;
  const quiet = error.code === 'network' || error.code === 'internal' || !technical;
  const rowNumbers = rows.flatMap((d) => (d.row !== undefined ? [formatInteger(d.row, lang)] : []));
  return (
    <div className="error" role="alert" data-code={error.code}>
      <span className="error-message">{t(`error.${error.code}`, { defaultValue: t('error.internal') })}</span>
      {!quiet && lang === 'en' ? <span className="error-detail"> {technical}</span> : null}
      {!quiet && lang !== 'en' && rowNumbers.length ? <span className="error-detail"> {t('errorDetail.rows', { rows: rowNumbers.join(t('errorDetail.separator')) })}</span> : null}
      {!quiet && lang !== 'en' ? (
        <details className="error-technical">
          <summary>{t('errorDetail.technical')}</summary>
          <span lang="en" dir="ltr">
            {technical}
          </span>
        </details>
      ) : null}
    </div>
  );
}
