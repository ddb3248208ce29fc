import { useEffect, useState } from 'react';
import { WS, type Lang, type Report, type ReportPush } from '@gavel/shared';
import { ApiError } from '../../api/http';
import { useConnection } from '../../api/MeetingContext';
import { readReportPush } from './push';

export interface LiveReport {
  /** The last report compiled; kept on screen while the next one is compiled. */
  report: Report | null;
  /** The last attempt failed (the report above is then the one before). */
  error: ApiError | null;
  /** The report in the language asked for has not come yet. */
  updating: boolean;
}

/**
 * The report compiled by the server in `lang`, as it stands and again each
 * time the meeting changes: the view follows it over the meeting's socket
 * (`report:watch`), and the server pushes each new version to everyone who
 * follows it (server realtime/report.ts), at most once a second while
 * someone types. Pushes are applied in the order they came.
 */
export function useLiveReport(lang: Lang): LiveReport {
  const connection = useConnection();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [updating, setUpdating] = useState(true);

  useEffect(() => {
    const { socket } = connection;
    let received = 0;
    let applied = 0;
    setUpdating(true);
    const onReport = (push: ReportPush) => {
      if (push?.lang !== lang) return;
      const n = ++received;
      readReportPush(push).then(
        (r) => {
          if (n <= applied) return;
          applied = n;
          setReport(r);
          setError(null);
          setUpdating(false);
        },
        (e: unknown) => setError(new ApiError('internal', String(e))),
      );
    };
    // Followed again after each reconnection: the server forgets a socket that left.
    const follow = () =>
      socket.emit(WS.reportWatch, lang, (result) => {
        if (result.ok) return;
        setError(new ApiError(result.error.code, result.error.message, result.error.details));
        setUpdating(false);
      });
    socket.on(WS.report, onReport);
    socket.on('connect', follow);
    if (socket.connected) follow();
    return () => {
      socket.off(WS.report, onReport);
      socket.off('connect', follow);
      if (socket.connected) socket.emit(WS.reportWatch, null, () => undefined);
    };
  }, [connection, lang]);

  return { report, error, updating };
}
