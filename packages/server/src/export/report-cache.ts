/**
 * The report as its viewers ask for it (issue 14). While someone types,
 * clients asking over HTTP ask again and again, and those who follow it
 * over their socket are sent each new version (realtime/report.ts): the
 * report is assembled at most once per version of the meeting however many
 * ask, and its JSON answer (with the record's signed head) is serialized,
 * hashed and compressed once per version and sent as it is to all of them.
 *
 * A version is what the report reads, and nothing else: the ledger's seq
 * (the meeting's state: agenda, statements, paragraphs' statuses), the
 * texts' version (DocService.textsVersion: moves with every change a reader
 * of the texts could see, a text stored for the first time included), the
 * language and the edition. So a kept report is the one a fresh build gives
 * (tests/integration/report-cache.property.test.ts). Where the texts'
 * version is unknown (a node following a meeting another node owns),
 * nothing is kept: the report is built for each request, as before.
 *
 * While someone types, the texts' version moves with every keystroke, and
 * viewers asking each at its own moment would each find a new version: the
 * report would be assembled on the event loop for nearly every request,
 * and the typist's keystrokes wait behind it. So a (meeting, language,
 * edition) is built at most once every `everyMs` (config reportEveryMs,
 * 1 s by default): a request for a newer version within that time waits
 * until it has passed, with everyone else asking meanwhile, and all get the
 * build made then. What a viewer sees is never older than its request: the
 * report it gets was built after it asked, or is of the version the meeting
 * still has (it holds everything acknowledged before the request); it may
 * come up to `everyMs` later. A meeting that stands still answers at once.
 *
 * The answer's ETag is a hash of its bytes: a viewer that has them already
 * (If-None-Match) is told 304, whatever made it ask.
 */
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { promisify } from 'node:util';
import { brotliCompress, gzip } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { Lang, Report, SignedHead } from '@gavel/shared';
import type { DocService } from '../docs/service';
import { BROTLI_OPTIONS, COMPRESS_THRESHOLD, GZIP_OPTIONS } from '../http/delivery';

export type Edition = 'draft' | 'final';
export type Encoding = 'br' | 'gzip' | 'identity';
const ENCODINGS: Encoding[] = ['br', 'gzip', 'identity'];

/** Compressed in libuv's threads, off the event loop (keystrokes are not held up by it). */
const compress = { br: promisify(brotliCompress), gzip: promisify(gzip) };

/** The report's JSON answer as sent: its bytes, their hash, and the bytes compressed (each made when first asked for). */
export interface ReportAnswer {
  report: Report;
  etag: string;
  /** The body in the encoding negotiated from Accept-Encoding (identity when it is too small to be worth compressing). */
  body(acceptEncoding: string | undefined): Promise<{ encoding: Encoding; bytes: Buffer }>;
}

/** What the meeting is now: its ledger seq, and how to build its report as it stands. */
export interface Current {
  seq: number;
  build: () => Promise<Report>;
}

interface Kept {
  version: string;
  /** Its place among the builds started (in this cache): a build numbered above a request's arrival read everything acknowledged before it. */
  number: number;
  /** When it started (performance.now()). */
  startedAt: number;
  report: Promise<Report>;
  answer?: Promise<ReportAnswer>;
}

export class ReportCache {
  /** By meeting, language and edition: the last version built (older ones are of no use to anyone). */
  private readonly kept = new Map<string, Kept>();
  /** By meeting, language and edition: the moment the next build may start, which those asking for a new version wait for together. */
  private readonly opening = new Map<string, Promise<void>>();
  private started = 0;
  private readonly turns = new Turns();

  constructor(
    private readonly docs: DocService,
    /**
     * At most one build per (meeting, language, edition) in this many ms
     * (config reportEveryMs): a request for a newer version within that
     * time waits until it has passed, then gets the build made then.
     */
    private readonly everyMs = 0,
    /** How many (meeting, language, edition) are kept at most; the least recently asked goes first. */
    private readonly limit = 24,
  ) {}

  /**
   * The report of meeting `meetingId` in `lang` as it stands now: the one
   * kept if the meeting has not changed since it was built (or it was built
   * after this request came), else built from `current()` (once: everyone
   * asking meanwhile waits for the same build), at most once every
   * `everyMs` while the meeting keeps changing.
   */
  async report(meetingId: string, lang: Lang, edition: Edition, current: () => Promise<Current>): Promise<Report> {
    return (await this.entry(meetingId, lang, edition, current)).report;
  }

  /** The report's JSON answer (`{ ...report, recordHead }` with the record's signed head), made once per build. */
  async answer(meetingId: string, lang: Lang, edition: Edition, current: () => Promise<Current>, head: () => Promise<SignedHead | undefined>): Promise<ReportAnswer> {
    const kept = await this.entry(meetingId, lang, edition, current);
    // Once per build: the head asked after it (it names at least what the report holds), then the JSON.
    // (Asked per request, it would move with every keystroke stored meanwhile, and the JSON with it.)
    if (!kept.answer) {
      const made = kept.report.then(async (report) => jsonAnswer(report, await head()));
      kept.answer = made;
      // A head that could not be read is not kept: the next asker tries again.
      made.catch(() => kept.answer === made && (kept.answer = undefined));
    }
    const answer = await kept.answer;
    // Everyone who waited for this build has it at the same moment: they are answered one per turn, the sockets read between two.
    await this.turns.take();
    return answer;
  }

  private async entry(meetingId: string, lang: Lang, edition: Edition, current: () => Promise<Current>): Promise<Kept> {
    const arrived = this.started;
    const k = `${meetingId}\u0000${lang}\u0000${edition}`;
    for (;;) {
      const { seq, build } = await current();
      const texts = this.docs.textsVersion(meetingId);
      // Read before building: whatever changes during the build moves the version, and the next asker builds again.
      const version = `${seq}:${texts}`;
      if (texts === undefined) return { version, number: 0, startedAt: 0, report: build() };
      const kept = this.kept.get(k);
      if (kept && (kept.version === version || kept.number > arrived)) {
        this.kept.delete(k);
        this.kept.set(k, kept);
        return kept;
      }
      const wait = kept ? kept.startedAt + this.everyMs - performance.now() : 0;
      if (wait <= 0) return this.start(k, version, build);
      let opens = this.opening.get(k);
      if (!opens) {
        opens = new Promise<void>((resolve) => setTimeout(resolve, wait)).finally(() => this.opening.delete(k));
        this.opening.set(k, opens);
      }
      await opens;
    }
  }

  private start(k: string, version: string, build: () => Promise<Report>): Kept {
    const fresh: Kept = { version, number: ++this.started, startedAt: performance.now(), report: build() };
    this.kept.delete(k);
    this.kept.set(k, fresh);
    // A failed build (the export queue full, say) is not kept: the next asker tries again.
    fresh.report.catch(() => this.kept.get(k) === fresh && this.kept.delete(k));
    if (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!);
    return fresh;
  }
}

/**
 * Lets one caller through per turn of the event loop (setImmediate: after
 * the poll for I/O). Thirty answers ready at once, sent in a row, would hold
 * a keystroke that arrives meanwhile behind all thirty.
 */
export class Turns {
  private readonly waiting: (() => void)[] = [];
  take(): Promise<void> {
    return new Promise((resolve) => {
      // The first in line starts the releases; each release schedules the next while some wait.
      if (this.waiting.push(resolve) === 1) setImmediate(this.release);
    });
  }
  private readonly release = () => {
    this.waiting.shift()?.();
    if (this.waiting.length > 0) setImmediate(this.release);
  };
}

/** Serialized once (in a turn of its own, after the assembly's); compressed once per encoding asked for (the settings of http/delivery.ts). */
async function jsonAnswer(report: Report, head: SignedHead | undefined): Promise<ReportAnswer> {
  await nextTurn();
  const identity = Buffer.from(JSON.stringify({ ...report, recordHead: head }));
  const etag = `W/"${createHash('sha256').update(identity).digest('base64url')}"`;
  const encoded = new Map<Encoding, Promise<Buffer>>([['identity', Promise.resolve(identity)]]);
  return {
    report,
    etag,
    async body(acceptEncoding) {
      const asked = (acceptEncoding && identity.byteLength >= COMPRESS_THRESHOLD && negotiate(acceptEncoding, ENCODINGS)) || 'identity';
      let bytes = encoded.get(asked);
      if (!bytes) {
        bytes = asked === 'br' ? compress.br(identity, BROTLI_OPTIONS) : compress.gzip(identity, GZIP_OPTIONS);
        encoded.set(asked, bytes);
      }
      return { encoding: asked, bytes: await bytes };
    },
  };
}

/** Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 13.1.2). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
