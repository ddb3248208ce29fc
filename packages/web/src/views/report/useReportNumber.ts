import { useEffect, useState } from 'react';
import { reportNumberOf, type Lang } from '@gavel/shared';
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
