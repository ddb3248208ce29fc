/**
 * The report pushed to those who follow it (issue 14): `report:watch` with a
 * language (or null to stop). Thirty report views refetching after each
 * change made thirty requests a second while someone typed, each parsed,
 * authenticated and answered on the event loop the typist's keystrokes
 * share; now the server builds the report once (export/live-report.ts, at
 * most once every reportEveryMs while the meeting changes) and sends its
 * compressed bytes, framed once (realtime/frames.ts), to all of them.
 *
 * Who may follow it: any participant's socket, for its own meeting (the
 * socket's session), as any participant may GET the report; the draft
 * edition only (the final one is asked for by the secretariat, over HTTP).
 * Each follow counts against the session's export rate, as a request does.
 *
 * What a follower gets is never older than what it asked for: after
 * `report:watch`, and after every change stored (a text's update relayed, an
 * event recorded), the report is asked of the cache, which answers with a
 * build started after the ask (or the version the meeting still has). The
 * pushes of one (meeting, language) are made one after another, so a
 * follower gets them in the order they were built.
 */
import type { FastifyBaseLogger } from 'fastify';
import { WS, type Lang, type ReportPush } from '@gavel/shared';
import type { AppContext } from '../http/context';
import type { LiveReports } from '../export/live-report';
import type { GavelServer, GavelSocket } from './gateway';
import { handle } from './handle';
import { announcedDoc } from './texts';

/** One (meeting, language) followed: its socket.io room, and whether a newer report is to be sent. */
interface Followed {
  meetingId: string;
  lang: Lang;
  room: string;
  /** Something changed (or someone started following) since the last report was asked for. */
  dirty: boolean;
  running: boolean;
  /** Sockets that started following and have not been sent a report asked for after they did, with the ETag of the report sent to them meanwhile. */
  fresh: Map<string, string | undefined>;
  /** The ETag of the last report sent to the whole room. */
  sent?: string;
  /** Ends the pause between two pushes early (someone started following). */
  wake?: () => void;
}

const roomOf = (meetingId: string, lang: Lang) => `report:${meetingId}:${lang}`;

export class ReportFollowers {
  /** By meeting, then language. */
  private readonly followed = new Map<string, Map<Lang, Followed>>();
  /** The room each socket follows. */
  private readonly following = new WeakMap<GavelSocket, Followed>();
  private closed = false;
  private readonly offs: (() => unknown)[];

  constructor(
    private readonly io: GavelServer,
    private readonly ctx: Pick<AppContext, 'docs' | 'meetings' | 'exports' | 'config'>,
    private readonly reports: LiveReports,
    private readonly log: FastifyBaseLogger,
  ) {
    // Every change the report may read: a meeting's text (never an amendment's draft), an event recorded.
    this.offs = [
      ctx.docs.onRelay((meetingId, docName) => announcedDoc(docName) && this.changed(meetingId)),
      ctx.meetings.onEvents((meetingId) => this.changed(meetingId)),
    ];
  }

  /** The socket's `report:watch`. */
  attach(socket: GavelSocket): void {
    handle<'report:watch', { ok: true }>(socket, this.log, WS.reportWatch, async ([lang], reply) => {
      // Counted as a reading of the report in the app is (it may cost a build); stopping is free.
      if (lang !== null) await this.ctx.exports.take(socket.data.tokenHash, 'view');
      // From here on without a pause (the adapter's rooms are in memory): two follows of one socket cannot interleave.
      const before = this.following.get(socket);
      if (before) {
        this.following.delete(socket);
        before.fresh.delete(socket.id);
        void socket.leave(before.room);
      }
      if (lang !== null) {
        const meetingId = socket.data.session.meetingId;
        void socket.join(roomOf(meetingId, lang));
        const f = this.of(meetingId, lang);
        this.following.set(socket, f);
        f.fresh.set(socket.id, undefined);
        this.poke(f);
        f.wake?.();
      }
      reply({ ok: true });
    });
  }

  close(): void {
    this.closed = true;
    for (const off of this.offs) off();
    for (const byLang of this.followed.values()) for (const f of byLang.values()) f.wake?.();
  }

  private of(meetingId: string, lang: Lang): Followed {
    let byLang = this.followed.get(meetingId);
    if (!byLang) this.followed.set(meetingId, (byLang = new Map()));
    let f = byLang.get(lang);
    if (!f) byLang.set(lang, (f = { meetingId, lang, room: roomOf(meetingId, lang), dirty: false, running: false, fresh: new Map() }));
    return f;
  }

  private changed(meetingId: string): void {
    for (const f of this.followed.get(meetingId)?.values() ?? []) this.poke(f);
  }

  private poke(f: Followed): void {
    f.dirty = true;
    if (!f.running) void this.run(f);
  }

  private followers(f: Followed): number {
    return this.io.sockets.adapter.rooms.get(f.room)?.size ?? 0;
  }

  /** Sends the report while something changed, one push after another, at most one every reportEveryMs (but at once to a new follower). */
  private async run(f: Followed): Promise<void> {
    f.running = true;
    try {
      while (f.dirty && !this.closed && this.followers(f) > 0) {
        f.dirty = false;
        const started = performance.now();
        // Those who followed before this ask get its answer; those who come during it, the next.
        const served = [...f.fresh.keys()];
        let failed = false;
        try {
          const answer = await this.reports.answer(f.meetingId, f.lang, 'draft');
          const { encoding, bytes } = await answer.body('gzip');
          const push: ReportPush = { lang: f.lang, etag: answer.etag, encoding: encoding === 'gzip' ? 'gzip' : 'identity', body: bytes };
          if (answer.etag !== f.sent) {
            f.sent = answer.etag;
            this.io.to(f.room).emit(WS.report, push);
            for (const id of f.fresh.keys()) f.fresh.set(id, answer.etag);
          } else {
            const lacking = served.filter((id) => f.fresh.has(id) && f.fresh.get(id) !== answer.etag);
            if (lacking.length > 0) this.io.to(lacking).emit(WS.report, push);
          }
          for (const id of served) f.fresh.delete(id);
        } catch (err) {
          // The export queue full, say: tried again after the pause.
          this.log.warn({ err, meetingId: f.meetingId, lang: f.lang }, 'sending the report to its followers failed');
          f.dirty = true;
          failed = true;
        }
        // The cache builds at most once in that time, but keeps nothing on a node that follows a meeting another owns.
        // A new follower ends the pause, unless the build failed (tried again a period later).
        const pause = failed ? this.ctx.config.reportEveryMs : started + this.ctx.config.reportEveryMs - performance.now();
        if (f.dirty && pause > 0 && (failed || f.fresh.size === 0)) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pause);
            f.wake = () => {
              if (failed && !this.closed) return;
              clearTimeout(timer);
              resolve();
            };
          });
          f.wake = undefined;
        }
      }
    } finally {
      f.running = false;
      if (this.followers(f) === 0) {
        const byLang = this.followed.get(f.meetingId);
        byLang?.delete(f.lang);
        if (byLang?.size === 0) this.followed.delete(f.meetingId);
      }
    }
  }
}
