/**
 * The report as its viewers ask for it (issue 14). While someone types,
 * every open report view asks again within 1.5 s (web: views/report): the
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

interface Kept {
  version: string;
  report: Promise<Report>;
  answer?: { signature: string; answer: Promise<ReportAnswer> };
}

export class ReportCache {
  /** By meeting, language and edition: the last version built (older ones are of no use to anyone). */
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly docs: DocService,
    /** How many (meeting, language, edition) are kept at most; the least recently asked goes first. */
    private readonly limit = 24,
  ) {}

  /**
   * The report of meeting `meetingId` at ledger seq `seq`, in `lang`: the one
   * kept for this version, or built by `build` (once: everyone asking for
   * the same version meanwhile waits for the same build).
   */
  report(meetingId: string, seq: number, lang: Lang, edition: Edition, build: () => Promise<Report>): Promise<Report> {
    return this.entry(meetingId, seq, lang, edition, build).report;
  }

  /** The report's JSON answer (`{ ...report, recordHead }`), made once per version and signed head. */
  async answer(meetingId: string, seq: number, lang: Lang, edition: Edition, head: SignedHead | undefined, build: () => Promise<Report>): Promise<ReportAnswer> {
    const kept = this.entry(meetingId, seq, lang, edition, build);
    const report = await kept.report;
    const signature = head?.signature ?? '';
    if (kept.answer?.signature !== signature) kept.answer = { signature, answer: jsonAnswer(report, head) };
    return kept.answer.answer;
  }

  private entry(meetingId: string, seq: number, lang: Lang, edition: Edition, build: () => Promise<Report>): Kept {
    const texts = this.docs.textsVersion(meetingId);
    // Read before building: whatever changes during the build moves the version, and the next asker builds again.
    const version = `${seq}:${texts}`;
    const k = `${meetingId}\u0000${lang}\u0000${edition}`;
    const kept = this.kept.get(k);
    this.kept.delete(k);
    if (kept?.version === version && texts !== undefined) {
      this.kept.set(k, kept);
      return kept;
    }
    const fresh: Kept = { version, report: build() };
    if (texts === undefined) return fresh;
    this.kept.set(k, fresh);
    // A failed build (the export queue full, say) is not kept: the next asker tries again.
    fresh.report.catch(() => this.kept.get(k) === fresh && this.kept.delete(k));
    if (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!);
    return fresh;
  }
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
