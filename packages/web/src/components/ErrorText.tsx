import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http';

/** An error in the user's language, with the server's detail for the secretariat's eyes. */
export function ErrorText({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const details = Array.isArray(error.details)
    ? (error.details as { path?: string; message?: string; row?: number }[])
        .map((d) => [d.row !== undefined ? `#${d.row}` : d.path, d.message].filter(Boolean).join(': '))
        .join('; ')
    : '';
  return (
    <p className="error" role="alert">
      {t(`error.${error.code}`)}
      {error.code !== 'network' && error.code !== 'internal' ? (
        <span className="error-detail" dir="auto"> {details || error.message}</span>
      ) : null}
    </p>
  );
}
