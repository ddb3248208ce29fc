import { useEffect, useState } from 'react';
import { reportNumberOf, reportNumbers, type Lang } from '@gavel/shared';
import { ApiError } from '../../api/http';
import { fetchReport } from './exports';

/**
 * The number a text's paragraph has in the report (null while loading, or
 * when the report does not show it), so that a view numbering the draft can
 * say both. Asked again when the meeting changes (`seq`).
 */
export function useReportNumber(meetingId: string, doc: string, paragraphId: string, lang: Lang, seq: number): number | null {
  const [number, setNumber] = useState<number | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchReport(meetingId, lang, abort.signal).then(
      (report) => setNumber(reportNumberOf(report, doc, paragraphId)),
      // The report cannot be compiled (or the reader may not see it): the draft's number stands alone.
      () => setNumber(null),
    );
    return () => abort.abort();
  }, [meetingId, doc, paragraphId, lang, seq]);
  return number;
}

/** After a change of the meeting, the report is asked this much later: a burst of events asks once. */
const SETTLE_MS = 300;

/**
 * Every paragraph's number in the report by id (`reportNumbers`) while
 * `wanted`: for a text whose footnotes point outside it (a paragraph the
 * report generates in chapter IV), so that the text view prints the number
 * the report prints. `failed` when the report cannot be read. The map keeps
 * its identity while the numbers stay the same, so the text is not numbered
 * again for nothing at each event of the meeting. Asked once the meeting's
 * events settle, and again when the server says when (a reader asking too
 * often is told to come back: 429 with Retry-After).
 */
export function useReportNumbers(meetingId: string, lang: Lang, seq: number, wanted: boolean): { numbers: ReadonlyMap<string, number> | null; failed: boolean } {
  const [state, setState] = useState<{ numbers: ReadonlyMap<string, number> | null; failed: boolean }>({ numbers: null, failed: false });
  const [retry, setRetry] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    const abort = new AbortController();
    let again: ReturnType<typeof setTimeout> | undefined;
    const ask = setTimeout(() => {
      fetchReport(meetingId, lang, abort.signal).then(
        (report) => {
          const fresh = reportNumbers(report);
          setState((old) => (old.numbers && !old.failed && sameNumbers(old.numbers, fresh) ? old : { numbers: fresh, failed: false }));
        },
        (e: unknown) => {
          if (abort.signal.aborted) return;
          setState((old) => ({ numbers: old.numbers, failed: true }));
          const after = retryAfter(e);
          if (after !== null) again = setTimeout(() => setRetry((n) => n + 1), after * 1000);
        },
      );
    }, SETTLE_MS);
    return () => {
      clearTimeout(ask);
      clearTimeout(again);
      abort.abort();
    };
  }, [meetingId, lang, seq, wanted, retry]);
  return state;
}

/** The seconds a refusal asks to wait before asking again (rate_limited, busy), at most a minute; null for another error. */
function retryAfter(e: unknown): number | null {
  if (!(e instanceof ApiError) || (e.code !== 'rate_limited' && e.code !== 'busy')) return null;
  const seconds = Number((e.details as { retryAfter?: unknown } | undefined)?.retryAfter);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) : 1;
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
