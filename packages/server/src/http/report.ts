/**
 * The report over HTTP (issue 6): GET /api/meetings/{id}/report?format=html|md|docx&lang=…
 * compiles the report as it stands now, in the language asked. Thin: the work is in export/.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError, isLang, parseOrFail } from '@gavel/shared';
import { buildReport } from '../export/report';
import { renderReportHtml } from '../export/html';
import { renderReportMarkdown } from '../export/markdown';
import { renderDocx } from '../export/docx';
import { toRenderedReport } from '../export/rendered';
import { findChromium, renderPdf } from '../export/pdf';
import { requireMember, type AppContext } from './context';

export const REPORT_FORMATS = ['html', 'md', 'docx', 'pdf'] as const;

const ReportParams = z.object({ id: z.string().max(64) }).strict();
const ReportQuery = z
  .object({
    format: z.enum(REPORT_FORMATS, { error: `unsupported format; supported formats: ${REPORT_FORMATS.join(', ')}` }).default('html'),
    lang: z.string().refine(isLang, 'not one of the six languages (ar, zh, en, fr, ru, es)').optional(),
  })
  .strict();

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/meetings/:id/report', async (request, reply) => {
    const { id } = parseOrFail(ReportParams, request.params, 'path');
    const query = parseOrFail(ReportQuery, request.query, 'query');
    await requireMember(ctx, request, id);
    const state = await ctx.meetings.state(id);
    if (!state) throw new DomainError('not_found', `no meeting ${id}`);
    const lang = query.lang && isLang(query.lang) ? query.lang : state.info.language;
    const report = await buildReport(ctx.docs, id, state, lang);
    const base = (state.info.symbol || `report-${id}`).replace(/[^A-Za-z0-9.-]+/g, '_');
    reply.header('Content-Language', lang);
    reply.header('Cache-Control', 'no-store');
    if (query.format === 'docx') {
      reply.header('Content-Disposition', `attachment; filename="${base}.${lang}.docx"`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .send(await renderDocx(toRenderedReport(report)));
    }
    if (query.format === 'pdf') {
      const pdf = await renderPdf(renderReportHtml(report), findChromium(ctx.config.chromium));
      reply.header('Content-Disposition', `attachment; filename="${base}.${lang}.pdf"`);
      return reply.type('application/pdf').send(pdf);
    }
    if (query.format === 'md') {
      reply.header('Content-Disposition', `inline; filename="${base}.${lang}.md"`);
      return reply.type('text/markdown; charset=utf-8').send(renderReportMarkdown(report));
    }
    reply.header('Content-Disposition', `inline; filename="${base}.${lang}.html"`);
    return reply.type('text/html; charset=utf-8').send(renderReportHtml(report));
  });
}
