import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { WS, type Lang, type Report, type TextsChanged } from '@gavel/shared';
import { ApiError } from '../../api/http';
import { useConnection } from '../../api/MeetingContext';
import { fetchReport } from './exports';
import { Refetcher } from './refetch';

export interface LiveReport {
  /** The last report compiled; kept on screen while the next one is compiled. */
  report: Report | null;
  /** The last attempt failed (the report above is then the one before). */
  error: ApiError | null;
  /** A compilation is under way. */
  updating: boolean;
}

/**
 * The report compiled by the server in `lang`, compiled again a moment after
 * each event of the meeting (`seq`) and each change of a text, and at once
 * when another language is asked for. Answers that come back out of order
 * are dropped, so that the report on screen is always the newest asked for.
 */
export function useLiveReport(meetingId: string, lang: Lang, seq: number): LiveReport {
  const connection = useConnection();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [updating, setUpdating] = useState(true);
  const issued = useRef(0);
  const applied = useRef(0);
  const langRef = useRef(lang);
  langRef.current = lang;

  const load = useCallback(() => {
    const id = ++issued.current;
    setUpdating(true);
    fetchReport(meetingId, langRef.current)
      .then(
        (r) => {
          if (id <= applied.current) return;
          applied.current = id;
          setReport(r);
          setError(null);
        },
        (e: unknown) => {
          if (id <= applied.current) return;
          applied.current = id;
          setError(e instanceof ApiError ? e : new ApiError('internal', String(e)));
        },
      )
      .finally(() => {
        if (id === issued.current) setUpdating(false);
      });
  }, [meetingId]);

  const refetcher = useMemo(() => new Refetcher(load), [load]);
  useEffect(() => () => refetcher.cancel(), [refetcher]);

  // A new language: at once.
  useEffect(() => refetcher.runNow(), [lang, refetcher]);

  // An event of the meeting (the first render's state is what the first compilation reads).
  const seen = useRef(seq);
  useEffect(() => {
    if (seen.current === seq) return;
    seen.current = seq;
    refetcher.poke();
  }, [seq, refetcher]);

  // A text changed (someone typing in the recommendations or in a written part); amendments are not in the report.
  useEffect(() => {
    const { socket } = connection;
    const onChanged = (change: TextsChanged) => {
      if (typeof change?.doc === 'string' && change.doc.startsWith('amendment:')) return;
      refetcher.poke();
    };
    // Back from a disconnection: what changed meanwhile was not announced.
    const onConnect = () => refetcher.poke();
    socket.on(WS.textsChanged, onChanged);
    socket.on('connect', onConnect);
    return () => {
      socket.off(WS.textsChanged, onChanged);
      socket.off('connect', onConnect);
    };
  }, [connection, refetcher]);

  return { report, error, updating };
}
