/**
 * The report over HTTP (issue 6): GET /api/meetings/{id}/report?format=html|md|docx|pdf|json|xml&lang=…
 * compiles the report as it stands now, in the language asked. `json` is the
 * assembled `Report` itself (shared/report/assembled.ts), for the report
 * view; `xml` is Akoma Ntoso 3.0 (export/akn.ts). Thin: the work is in export/.
 *
 * GET /api/meetings/{id}/participants?format=html|docx|pdf&lang=… is the list
 * of participants (export/participants.ts), for the chair and the
 * secretariat (it names persons), counted and queued like the report.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, isLang, type Lang, type Report } from '@gavel/shared';
import { matchesEtag } from '../export/report-cache';
import type { LiveReports } from '../export/live-report';
import type { ExportKind } from '../export/limits';
import { renderReportHtml } from '../export/html';
import { renderReportMarkdown } from '../export/markdown';
import { toRenderedReport } from '../export/rendered';
import { AKN_MEDIA_TYPE, renderAkomaNtoso } from '../export/akn';
import { sha256 } from '../auth/secrets';
import { bearer, requireMember, type AppContext } from './context';
import { route } from './route';

export const REPORT_FORMATS = ['html', 'md', 'docx', 'pdf', 'json', 'xml'] as const;

export const PARTICIPANTS_FORMATS = ['html', 'docx', 'pdf'] as const;

const ReportParams = z.object({ id: z.string().max(64) }).strict();
const langField = z.string().refine(isLang, 'not one of the six languages (ar, zh, en, fr, ru, es)').optional();
const ReportQuery = z
  .object({
    format: z.enum(REPORT_FORMATS, { error: `unsupported format; supported formats: ${REPORT_FORMATS.join(', ')}` }).default('html'),
    lang: langField,
    /**
     * `final`: for circulation: no "[en: …]" marks, and refused (invalid_state,
     * listing them) while typed words lack a translation into `lang`, unless
     * `accept=fallbacks` says the secretariat accepts them as they are.
     */
    edition: z.enum(['draft', 'final']).default('draft'),
    accept: z.literal('fallbacks').optional(),
  })
  .strict();
const ParticipantsQuery = ReportQuery.extend({
  format: z.enum(PARTICIPANTS_FORMATS, { error: `unsupported format; supported formats: ${PARTICIPANTS_FORMATS.join(', ')}` }).default('html'),
}).strict();

/** Refuses a final edition with words not translated into `lang`, unless the secretariat accepts them. */
function checkFinal<R extends Report>(report: R, query: { edition: 'draft' | 'final'; accept?: 'fallbacks' }, lang: Lang): R {
  if (query.edition === 'final' && report.fallbacks.length > 0 && query.accept !== 'fallbacks') {
    throw new DomainError(
      'invalid_state',
      `${report.fallbacks.length} typed words have no ${lang} translation; give them (set-up, Translations) or accept them with accept=fallbacks`,
      { fallbacks: report.fallbacks },
    );
  }
  return report;
}

/**
 * A document of the meeting as DOCX, PDF or HTML: rendered one at a time,
 * printed in the shared Chromium. `assemble` takes its own turn in the
 * export queue (or finds the report kept).
 */
async function sendDocument(
  ctx: AppContext,
  reply: FastifyReply,
  format: (typeof PARTICIPANTS_FORMATS)[number],
  assemble: () => Promise<Report>,
  filename: string,
): Promise<FastifyReply> {
  // One document rendered at a time (export/limits.ts): a flood waits in line, or is told to come back.
  const build = async <T>(render: (report: Report) => T | Promise<T>) => {
    const report = await assemble();
    return ctx.exports.build.run(async () => render(report));
  };
  const attach = (ext: string) => reply.header('Content-Disposition', `attachment; filename="${filename}.${ext}"`);
  if (format === 'docx') {
    // Built in the export thread (export/worker.ts): the event loop only assembles the report.
    const docx = await build((report) => ctx.exports.docx.render(toRenderedReport(report)));
    return attach('docx').type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').send(docx);
  }
  if (format === 'pdf') {
    const html = await build((report) => renderReportHtml(report, { notes: 'page' }));
    const pdf = await ctx.exports.pdf.run(() => ctx.exports.printer.print(html));
    return attach('pdf').type('application/pdf').send(pdf);
  }
  reply.header('Content-Disposition', `inline; filename="${filename}.html"`);
  return reply.type('text/html; charset=utf-8').send(await build((report) => renderReportHtml(report)));
}

/** The meeting and the language of an export, after the session's rate and membership are checked. */
async function exportOf(ctx: AppContext, request: FastifyRequest, id: string, lang: string | undefined, kind: ExportKind = 'export') {
  // Every export counts against the session's rate, before anything else, so that a flood is refused cheaply;
  // a token that is no session is refused just after.
  await ctx.exports.take(sha256(bearer(request) ?? request.ip), kind);
  const who = await requireMember(ctx, request, id);
  const state = await ctx.meetings.state(id);
  if (!state) throw new DomainError('not_found', `no meeting ${id}`);
  return { who, state, lang: lang && isLang(lang) ? lang : state.info.language };
}

export function reportRoutes(app: FastifyInstance, ctx: AppContext, reports: LiveReports): void {
  // Assembled once per version of the meeting, whoever asks and however (export/live-report.ts).
  route(app, { method: 'GET', url: '/api/meetings/:id/report', auth: 'member', params: ReportParams, query: ReportQuery }, async ({ params: { id }, query, request, reply }) => {
    // The app's own reading (JSON, kept per version) counts apart from the files people download.
    const { state, lang } = await exportOf(ctx, request, id, query.lang, query.format === 'json' ? 'view' : 'export');
    const { edition } = query;
    const assemble = async () => checkFinal(await reports.report(id, lang, edition, state), query, lang);
    const base = (state.info.symbol || `report-${id}`).replace(/[^A-Za-z0-9.-]+/g, '_');
    const attach = (r: typeof reply, ext: string) => r.header('Content-Disposition', `attachment; filename="${base}.${lang}.${ext}"`);
    reply.header('Content-Language', lang);
    reply.header('Cache-Control', 'no-store');
    if (query.format === 'docx' || query.format === 'pdf') return sendDocument(ctx, reply, query.format, assemble, `${base}.${lang}`);
    if (query.format === 'json') {
      // The report view's answer: the same bytes for every viewer of this version, and 304 to one that has them.
      // The record's signed head goes with the report: a copy kept by a delegation proves what the record held.
      const answer = await reports.answer(id, lang, edition, state);
      checkFinal(answer.report, query, lang);
      reply.header('Cache-Control', 'private, no-cache').header('ETag', answer.etag).header('Vary', 'Accept-Encoding');
      if (matchesEtag(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
      const { encoding, bytes } = await answer.body(request.headers['accept-encoding']);
      if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
      return reply.type('application/json; charset=utf-8').send(bytes);
    }
    const report = await assemble();
    const head = await ctx.record.signedHead(id);
    if (query.format === 'xml') {
      // Akoma Ntoso 3.0 (export/akn.ts); the work is dated by the meeting's last day.
      const xml = renderAkomaNtoso(report, {
        date: state.info.endDate,
        originalLanguage: state.info.language,
        generated: new Date().toISOString(),
        fallbackNumber: id,
      });
      return attach(reply, 'xml').type(`${AKN_MEDIA_TYPE}; charset=utf-8`).send(xml);
    }
    if (query.format === 'md') {
      reply.header('Content-Disposition', `inline; filename="${base}.${lang}.md"`);
      return reply.type('text/markdown; charset=utf-8').send(`${renderReportMarkdown(report)}\n<!-- gavel-record-head ${headToken(head)} -->\n`);
    }
    reply.header('Content-Disposition', `inline; filename="${base}.${lang}.html"`);
    const html = renderReportHtml(report).replace('<head>', `<head>\n<meta name="gavel-record-head" content="${headToken(head)}">`);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  route(
    app,
    { method: 'GET', url: '/api/meetings/:id/participants', auth: 'member', params: ReportParams, query: ParticipantsQuery },
    async ({ params: { id }, query, request, reply }) => {
      const { who, state, lang } = await exportOf(ctx, request, id, query.lang);
      // It names persons and their functions: for those who run the meeting.
      if (who.actor.role !== 'secretariat' && who.actor.role !== 'chair') {
        throw new DomainError('forbidden', 'only the chair and the secretariat export the list of participants');
      }
      // Loaded with the first list asked for (it holds the UI's words in six languages), not at start.
      const { buildParticipantsList, infSymbol } = await import('../export/participants');
      const assemble = () => ctx.exports.build.run(async () => checkFinal(buildParticipantsList(state, lang, { words: query.edition }), query, lang));
      const base = (infSymbol(state.info.symbol) || `participants-${id}`).replace(/[^A-Za-z0-9.-]+/g, '_');
      reply.header('Content-Language', lang);
      reply.header('Cache-Control', 'no-store');
      return sendDocument(ctx, reply, query.format, assemble, `${base}.${lang}`);
    },
  );
}

/** The signed head as one base64 token (JSON inside), for a meta tag or a comment. */
function headToken(head: unknown): string {
  return Buffer.from(JSON.stringify(head ?? null)).toString('base64');
}
