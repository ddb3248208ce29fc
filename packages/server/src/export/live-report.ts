/**
 * The report as it stands, for whoever shows it live: the report view's
 * request (GET …/report, http/report.ts) and those who follow it over their
 * socket (realtime/report.ts). One cache for both (export/report-cache.ts):
 * a version of the meeting is assembled, serialized and compressed once,
 * whichever way it is asked for.
 */
import type { Lang, MeetingState, Report } from '@gavel/shared';
import type { AppContext } from '../http/context';
import { buildReport } from './report';
import { ReportCache, type Current, type Edition, type ReportAnswer } from './report-cache';

export class LiveReports {
  private readonly cache: ReportCache;

  constructor(private readonly ctx: Pick<AppContext, 'docs' | 'meetings' | 'exports' | 'record' | 'config'>) {
    this.cache = new ReportCache(ctx.docs, ctx.config.reportEveryMs);
  }

  /** The report (kept, or built once for everyone asking), `fallback` the state to read if the meeting cannot be read when it is built. */
  report(meetingId: string, lang: Lang, edition: Edition, fallback?: MeetingState): Promise<Report> {
    return this.cache.report(meetingId, lang, edition, this.current(meetingId, lang, edition, fallback));
  }

  /** The report's JSON answer with the record's signed head (made once per build). */
  answer(meetingId: string, lang: Lang, edition: Edition, fallback?: MeetingState): Promise<ReportAnswer> {
    return this.cache.answer(meetingId, lang, edition, this.current(meetingId, lang, edition, fallback), () => this.ctx.record.signedHead(meetingId));
  }

  /** The meeting as it is when the report is built (which may be a moment after the request, see ReportCache). */
  private current(meetingId: string, lang: Lang, edition: Edition, fallback?: MeetingState): () => Promise<Current> {
    return async () => {
      const now = (await this.ctx.meetings.state(meetingId)) ?? fallback;
      if (!now) throw new Error(`no meeting ${meetingId}`);
      // One report assembled at a time (export/limits.ts): a flood waits in line, or is told to come back.
      return { seq: now.seq, build: () => this.ctx.exports.build.run(() => buildReport(this.ctx.docs, meetingId, now, lang, { words: edition })) };
    };
  }
}
